import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the payment gateway tables (migration 0083). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Int8 = ColumnType<number, string | number | bigint, string | number | bigint>;
type Json = ColumnType<unknown, string, string>;

export type ProviderEventOutcome = 'applied' | 'mismatch' | 'unknown_order' | 'ignored' | 'already_final';

export type PaymentProviderTables = {
  payment_provider_settings: { coop_id: string; provider: 'midtrans'; server_key: string; enabled: Generated<boolean>; updated_by: string | null; updated_at: Timestamp };
  payment_provider_events: {
    coop_id: string;
    id: Generated<string>;
    provider: string;
    event_key: string;
    order_no: string;
    status: 'paid' | 'pending' | 'expired' | 'cancelled' | 'refunded' | 'other';
    amount: Int8;
    fee: Int8 | null;
    outcome: ProviderEventOutcome;
    payload: Json;
    received_at: Timestamp;
  };
  payment_reconciliation: {
    coop_id: string;
    id: Generated<string>;
    provider: string;
    provider_event_id: string;
    order_no: string;
    reason: 'amount_mismatch' | 'unknown_order' | 'order_not_payable';
    expected_amount: Int8 | null;
    received_amount: Int8;
    status: Generated<'open' | 'resolved'>;
    resolution_note: string | null;
    resolved_by: string | null;
    resolved_at: NullableTimestamp;
    created_at: Timestamp;
  };
};
