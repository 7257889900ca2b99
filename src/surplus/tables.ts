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

export type SurplusTables = {
  member_business_volume: MemberBusinessVolumeTable;
};
