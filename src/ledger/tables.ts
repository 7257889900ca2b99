import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the ledger's tables (migration 0040); merged into DB in src/db/schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type PlainDate = string; // 'YYYY-MM-DD'

export type AccountGroup = 'aset' | 'kewajiban' | 'ekuitas' | 'pendapatan' | 'beban';
export type AccountSubgroup =
  | 'aset_lancar'
  | 'aset_tidak_lancar'
  | 'kewajiban_jangka_pendek'
  | 'kewajiban_jangka_panjang'
  | 'ekuitas'
  | 'pendapatan_anggota'
  | 'pendapatan_non_anggota'
  | 'pendapatan_lain'
  | 'beban_pokok'
  | 'beban_usaha'
  | 'beban_lain'
  | 'beban_pajak';
export type NormalSide = 'debit' | 'credit';
export type CashFlowClass = 'kas' | 'operasi' | 'investasi' | 'pendanaan';
export type CapitalClassification = 'equity' | 'liability';

export type LedgerSettingsTable = {
  coop_id: string;
  capital_classification: Generated<CapitalClassification>;
  closed_through: PlainDate | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type LedgerAccountsTable = {
  coop_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  name_en: string | null;
  account_group: AccountGroup;
  subgroup: AccountSubgroup;
  normal_side: NormalSide;
  system_key: string | null;
  cash_flow: CashFlowClass;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type JournalEntriesTable = {
  coop_id: string;
  id: Generated<string>;
  idempotency_key: string;
  entry_date: PlainDate;
  description: string;
  source: string;
  source_ref: string | null;
  reverses_entry_id: string | null;
  line_count: number;
  total: number;
  lines_digest: string;
  created_by: string | null;
  created_at: Timestamp;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  sealed_at: Date | null;
};

export type JournalLinesTable = {
  coop_id: string;
  entry_id: string;
  line_no: number;
  entry_date: PlainDate;
  account_id: string;
  debit: number;
  credit: number;
  member_id: string | null;
  business_unit: string | null;
  memo: string | null;
};

export type LedgerChainHeadsTable = { coop_id: string; last_seq: Generated<number>; last_hash: Generated<string> };

export type LedgerClosingsTable = {
  coop_id: string;
  id: Generated<number>;
  action: 'close' | 'reopen';
  closed_through_before: PlainDate | null;
  closed_through_after: PlainDate | null;
  closing_entry_id: string | null;
  reason: string | null;
  actor_account_id: string | null;
  at: Timestamp;
};

export type LedgerTables = {
  ledger_settings: LedgerSettingsTable;
  ledger_accounts: LedgerAccountsTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  ledger_chain_heads: LedgerChainHeadsTable;
  ledger_closings: LedgerClosingsTable;
};
