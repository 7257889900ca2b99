import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the capital tables (migration 0050); merged into DB in src/db/schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type PlainDate = string; // 'YYYY-MM-DD'

export type CapitalAccountsTable = {
  coop_id: string;
  member_id: string;
  pokok: Generated<number>;
  wajib: Generated<number>;
  sukarela: Generated<number>;
  updated_at: Timestamp;
};

export type CapitalMovementsTable = {
  coop_id: string;
  id: Generated<string>;
  member_id: string;
  kind: 'pokok' | 'wajib' | 'deposit' | 'withdrawal' | 'refund';
  pokok_delta: number;
  wajib_delta: number;
  sukarela_delta: number;
  amount: number;
  method: 'cash' | 'bank' | 'shu';
  occurred_on: PlainDate;
  receipt_year: number;
  receipt_seq: number;
  receipt_no: string;
  wajib_from: string | null;
  wajib_to: string | null;
  note: string | null;
  idempotency_key: string;
  ledger_entry_id: string;
  balance_pokok: number;
  balance_wajib: number;
  balance_sukarela: number;
  created_by: string | null;
  created_at: Timestamp;
};

export type CapitalTables = {
  capital_accounts: CapitalAccountsTable;
  capital_movements: CapitalMovementsTable;
};
