import type { ColumnType, Generated } from 'kysely';
import type { ProductLine } from '../db/schema.js';

/** Kysely types of the orders tables (migration 0080); merged into DB in src/db/schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
/** BIGINT comes back as a safe number (src/db/connection.ts). */
type Big = number;
type BigDefault = ColumnType<number, number | undefined, number>;

export type OrderStatus = 'awaiting_payment' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';
export type PaymentMethod = 'cash' | 'transfer' | 'cod' | 'qris' | 'gateway';
export type BuyerKind = 'member' | 'non_member';

export type OrderSettingsTable = {
  coop_id: string;
  ppn_enabled: Generated<boolean>;
  payment_window_minutes: Generated<number>;
  commission_bp: Json;
  mdr_bp: Json;
  mdr_free_up_to: BigDefault;
  bank_accounts: ColumnType<unknown, string | undefined, string>;
  transfer_unique_code: Generated<boolean>;
  transfer_window_days: Generated<number>;
  cash_window_days: number | null;
  shipping: ColumnType<unknown, string | undefined, string>;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type OrdersTable = {
  coop_id: string;
  id: Generated<string>;
  order_no: string;
  token_hash: string;
  checkout_key: string | null;
  status: Generated<OrderStatus>;
  buyer_kind: BuyerKind;
  buyer_account_id: string | null;
  buyer_member_id: string | null;
  buyer_name: string;
  buyer_email: string | null;
  buyer_phone: string | null;
  shipping_address: string | null;
  note: string | null;
  payment_method: PaymentMethod;
  ppn_enabled: boolean;
  subtotal: Big;
  tax_total: BigDefault;
  fee_total: BigDefault;
  discount_total: BigDefault;
  total: Big;
  paid_amount: BigDefault;
  payment_fee: BigDefault;
  refunded_amount: BigDefault;
  split: NullableJson;
  payment_entry_id: string | null;
  stock_released: Generated<boolean>;
  shipping_total: BigDefault;
  unique_code: ColumnType<number, number | undefined, number>;
  shipping_method: 'pickup' | 'local' | 'courier' | null;
  shipping_booking: 'revenue' | 'pass_through' | null;
  weight_grams: number | null;
  ship_to: NullableJson;
  courier: string | null;
  tracking_no: string | null;
  buyer_locale: ColumnType<'id' | 'en', 'id' | 'en' | undefined, 'id' | 'en'>;
  reminded_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  paid_at: NullableTimestamp;
  fulfilled_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type OrderLinesTable = {
  coop_id: string;
  id: Generated<string>;
  order_id: string;
  line_no: number;
  work_id: string;
  variant_id: string | null;
  product_line: ProductLine;
  title: string;
  variant_label: string | null;
  is_digital: Generated<boolean>;
  units_taken: Generated<boolean>;
  quantity: number;
  unit_price: Big;
  price_kind: 'member' | 'public';
  line_total: Big;
  commission_bp: number;
  commission: Big;
  dpp: BigDefault;
  ppn: BigDefault;
  creators: Json;
};

export type OrderStatusHistoryTable = {
  coop_id: string;
  id: Generated<string>;
  order_id: string;
  from_status: string | null;
  to_status: string;
  event: string;
  note: string | null;
  actor_account_id: string | null;
  at: Timestamp;
};

export type OrderPaymentsTable = {
  coop_id: string;
  id: Generated<string>;
  order_id: string;
  method: PaymentMethod;
  status: 'pending' | 'confirmed' | 'rejected';
  amount: Big;
  fee: BigDefault;
  reference: string | null;
  provider: string | null;
  payer_name: string | null;
  proof: Buffer | null;
  proof_mime: string | null;
  reject_reason: string | null;
  ledger_entry_id: string | null;
  confirmed_by: string | null;
  confirmed_at: NullableTimestamp;
  created_at: Timestamp;
};

export type OrderRefundsTable = {
  coop_id: string;
  id: Generated<string>;
  order_id: string;
  reference: string;
  amount: Big;
  reason: string;
  restocked: Generated<boolean>;
  parts: Json;
  ledger_entry_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type InvoicesTable = {
  coop_id: string;
  id: Generated<string>;
  order_id: string;
  year: number;
  seq: number;
  invoice_no: string;
  kind: 'invoice' | 'correction';
  corrects_invoice_id: string | null;
  reason: string | null;
  total: Big;
  data: Json;
  issued_at: Timestamp;
};

export type PayoutsTable = {
  coop_id: string;
  id: Generated<string>;
  member_id: string;
  reference: string;
  amount: Big;
  method: 'cash' | 'bank';
  note: string | null;
  ledger_entry_id: string;
  created_by: string | null;
  created_at: Timestamp;
};

export type OrderTables = {
  order_settings: OrderSettingsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_status_history: OrderStatusHistoryTable;
  order_payments: OrderPaymentsTable;
  order_refunds: OrderRefundsTable;
  invoices: InvoicesTable;
  payouts: PayoutsTable;
};
