import type { ColumnType } from 'kysely';

/** Kysely types of the payments tables (migration 0071); merged into DB in src/db/schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type QrisSettingsTable = {
  coop_id: string;
  static_payload: string;
  merchant_name: string;
  merchant_city: string;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type QrisTables = { qris_settings: QrisSettingsTable };
