import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the surplus tables (migration 0075 onwards); merged into DB in src/db/schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type PlainDate = string; // 'YYYY-MM-DD'

export type MemberBusinessVolumeTable = {
  coop_id: string;
  id: Generated<string>;
  member_id: string;
  category: string;
  amount: number;
  occurred_on: PlainDate;
  source: string;
  source_ref: string;
  created_at: Timestamp;
};

/** Each member's business volume per fiscal year and category over their days of membership (migration 0094; written by triggers only). */
export type MemberVolumeTotalsTable = {
  coop_id: string;
  fiscal_year: number;
  member_id: string;
  category: string;
  amount: ColumnType<number, never, never>;
};

type Json = ColumnType<unknown, string, string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type ShuRunStatus = 'draft' | 'proposed' | 'approved' | 'posted' | 'paid' | 'reversed';

export type ShuSettingsTable = {
  coop_id: string;
  capital_accounts: Generated<string[]>;
  capital_method: Generated<'AVG_DAILY' | 'END_OF_PERIOD' | 'AVG_MONTH_END'>;
  leaver: Generated<'PRO_RATA' | 'FORFEIT_TO_CADANGAN'>;
  min_active_days: Generated<number>;
  empty_pool: Generated<'TO_CADANGAN' | 'TO_OTHER_MEMBER_POOL'>;
  payout_round_to: Generated<number>;
  withholding_bp: Generated<number>;
  usaha_categories: ColumnType<unknown, string | undefined, string>;
  updated_at: Timestamp;
  updated_by: string | null;
};

export type ShuRunsTable = {
  coop_id: string;
  id: Generated<string>;
  number: number;
  fiscal_year: number;
  period_start: PlainDate;
  period_end: PlainDate;
  status: Generated<ShuRunStatus>;
  outcome: 'DISTRIBUTED' | 'NO_DISTRIBUTION';
  pool: number;
  total_capital_weight: ColumnType<string, string | undefined, string>;
  total_volume_weight: ColumnType<string, string | undefined, string>;
  inputs: Json;
  result: Json;
  corrects_run_id: string | null;
  decision_id: string | null;
  decision_ref: string | null;
  approved_at: NullableTimestamp;
  approved_by: string | null;
  posted_entry_id: string | null;
  posted_at: NullableTimestamp;
  reversal_entry_id: string | null;
  reversed_at: NullableTimestamp;
  paid_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
};

export type ShuRunMembersTable = {
  coop_id: string;
  run_id: string;
  member_id: string;
  member_no: number | null;
  full_name: string;
  join_date: PlainDate | null;
  exit_date: PlainDate | null;
  capital_weight: string;
  volume_weight: string;
  jasa_modal: number;
  jasa_usaha: number;
  total: number;
  payable: number;
  withholding: number;
  net_payout: number;
  flags: string[];
};

export type ShuPaymentsTable = {
  coop_id: string;
  id: Generated<string>;
  run_id: string;
  member_id: string;
  method: 'cash' | 'bank' | 'sukarela';
  amount: number;
  withholding: number;
  paid_on: PlainDate;
  entry_id: string;
  capital_movement_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type SurplusTables = {
  member_business_volume: MemberBusinessVolumeTable;
  member_volume_totals: MemberVolumeTotalsTable;
  shu_settings: ShuSettingsTable;
  shu_runs: ShuRunsTable;
  shu_run_members: ShuRunMembersTable;
  shu_payments: ShuPaymentsTable;
};
