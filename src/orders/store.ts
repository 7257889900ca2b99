import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { ProductLine } from '../db/schema.js';
import type { OrderStatus, PaymentMethod } from './tables.js';

/** SQL of the orders capability. Every function runs inside the caller's tenant transaction. */

export type CatalogueWork = {
  id: string;
  slug: string;
  product_line: ProductLine;
  title: string;
  attributes: unknown;
  public_price: number;
  member_price: number | null;
  status: string;
  creators: { memberId: string; creditName: string; shareBp: number }[];
  /** Units left of an original or numbered edition; null when the work has no limit. */
  units_left: number | null;
};

/** The works named by a cart, with their creators (one statement). */
export async function worksForCart(trx: Tx, coopId: string, workIds: string[]): Promise<Map<string, CatalogueWork>> {
  if (workIds.length === 0) return new Map();
  const { rows } = await sql<CatalogueWork>`
    SELECT w.id, w.slug, w.product_line, w.title, w.attributes, w.public_price, w.member_price, w.status,
           CASE WHEN w.unit_limit IS NULL THEN NULL ELSE greatest(w.unit_limit - w.units_taken, 0) END AS units_left,
           coalesce((SELECT json_agg(json_build_object('memberId', c.member_id, 'creditName', c.credit_name, 'shareBp', c.share_bp) ORDER BY c.position, c.member_id)
                       FROM work_creators c WHERE c.coop_id = ${coopId} AND c.work_id = w.id), '[]'::json) AS creators
      FROM works w
     WHERE w.coop_id = ${coopId} AND w.id = ANY(${workIds}::uuid[])`.execute(trx);
  return new Map(rows.map((r) => [r.id, r]));
}

export type CatalogueVariant = { id: string; work_id: string; size: string; colour: string; stock: number };

export async function variantsForCart(trx: Tx, coopId: string, variantIds: string[]): Promise<Map<string, CatalogueVariant>> {
  if (variantIds.length === 0) return new Map();
  const rows = await trx.selectFrom('work_variants').select(['id', 'work_id', 'size', 'colour', 'stock']).where('coop_id', '=', coopId).where('id', 'in', variantIds).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Take k units of a variant, atomically: succeeds only while enough stock remains, so parallel
 * checkouts can never take more than there is. Undefined when there is not enough.
 */
export async function takeStock(trx: Tx, coopId: string, variantId: string, k: number): Promise<number | undefined> {
  const row = await trx
    .updateTable('work_variants')
    .set({ stock: sql`stock - ${k}` })
    .where('coop_id', '=', coopId)
    .where('id', '=', variantId)
    .where('stock', '>=', k)
    .returning('stock')
    .executeTakeFirst();
  return row?.stock;
}

/**
 * Take k units of a limited work (a Rupa original or numbered edition), atomically: undefined
 * when fewer than k remain; null when the work has no limit (nothing taken).
 */
export async function takeLimitedUnits(trx: Tx, coopId: string, workId: string, k: number): Promise<{ left: number } | null | undefined> {
  const work = await trx.selectFrom('works').select('unit_limit').where('coop_id', '=', coopId).where('id', '=', workId).executeTakeFirst();
  if (!work || work.unit_limit === null) return null;
  const row = await trx
    .updateTable('works')
    .set({ units_taken: sql`units_taken + ${k}` })
    .where('coop_id', '=', coopId)
    .where('id', '=', workId)
    .where(sql<boolean>`unit_limit IS NOT NULL AND units_taken + ${k} <= unit_limit`)
    .returning(sql<number>`unit_limit - units_taken`.as('left'))
    .executeTakeFirst();
  return row ? { left: Number(row.left) } : undefined;
}

export async function returnLimitedUnits(trx: Tx, coopId: string, workId: string, k: number): Promise<void> {
  await trx.updateTable('works').set({ units_taken: sql`greatest(units_taken - ${k}, 0)` }).where('coop_id', '=', coopId).where('id', '=', workId).execute();
}

export async function returnStock(trx: Tx, coopId: string, variantId: string, k: number): Promise<void> {
  await trx.updateTable('work_variants').set({ stock: sql`stock + ${k}` }).where('coop_id', '=', coopId).where('id', '=', variantId).execute();
}

export async function findSettingsRow(trx: Tx, coopId: string) {
  return trx.selectFrom('order_settings').selectAll().where('coop_id', '=', coopId).executeTakeFirst();
}

export async function nextOrderSeq(trx: Tx): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('order_no_seq')::bigint AS n`.execute(trx);
  return Number(rows[0]!.n);
}

export function orderColumns() {
  return [
    'id',
    'coop_id',
    'order_no',
    'status',
    'buyer_kind',
    'buyer_account_id',
    'buyer_member_id',
    'buyer_name',
    'buyer_email',
    'buyer_phone',
    'shipping_address',
    'note',
    'payment_method',
    'ppn_enabled',
    'subtotal',
    'tax_total',
    'fee_total',
    'discount_total',
    'total',
    'paid_amount',
    'payment_fee',
    'refunded_amount',
    'split',
    'payment_entry_id',
    'stock_released',
    'shipping_total',
    'unique_code',
    'shipping_method',
    'shipping_booking',
    'weight_grams',
    'ship_to',
    'courier',
    'tracking_no',
    'buyer_locale',
    'reminded_at',
    'expires_at',
    'paid_at',
    'fulfilled_at',
    'cancelled_at',
    'cancel_reason',
    'created_at',
    'updated_at'
  ] as const;
}

export type OrderRow = {
  id: string;
  coop_id: string;
  order_no: string;
  status: OrderStatus;
  buyer_kind: 'member' | 'non_member';
  buyer_account_id: string | null;
  buyer_member_id: string | null;
  buyer_name: string;
  buyer_email: string | null;
  buyer_phone: string | null;
  shipping_address: string | null;
  note: string | null;
  payment_method: PaymentMethod;
  ppn_enabled: boolean;
  subtotal: number;
  tax_total: number;
  fee_total: number;
  discount_total: number;
  total: number;
  paid_amount: number;
  payment_fee: number;
  refunded_amount: number;
  split: unknown;
  payment_entry_id: string | null;
  stock_released: boolean;
  shipping_total: number;
  unique_code: number;
  shipping_method: 'pickup' | 'local' | 'courier' | null;
  shipping_booking: 'revenue' | 'pass_through' | null;
  weight_grams: number | null;
  ship_to: unknown;
  courier: string | null;
  tracking_no: string | null;
  buyer_locale: 'id' | 'en';
  reminded_at: Date | null;
  expires_at: Date | null;
  paid_at: Date | null;
  fulfilled_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_at: Date;
  updated_at: Date;
};

export async function findOrder(trx: Tx, coopId: string, where: { id?: string; orderNo?: string; tokenHash?: string }, lock = false): Promise<OrderRow | undefined> {
  let q = trx.selectFrom('orders').select(orderColumns()).where('coop_id', '=', coopId);
  if (where.id) q = q.where('id', '=', where.id);
  else if (where.orderNo) q = q.where('order_no', '=', where.orderNo);
  else if (where.tokenHash) q = q.where('token_hash', '=', where.tokenHash);
  else return undefined;
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as OrderRow | undefined;
}

export type OrderLineRow = {
  id: string;
  line_no: number;
  work_id: string;
  variant_id: string | null;
  units_taken: boolean;
  product_line: ProductLine;
  title: string;
  variant_label: string | null;
  is_digital: boolean;
  quantity: number;
  unit_price: number;
  price_kind: 'member' | 'public';
  line_total: number;
  commission_bp: number;
  commission: number;
  dpp: number;
  ppn: number;
  creators: { memberId: string; creditName: string; shareBp: number }[];
};

export async function orderLines(trx: Tx, coopId: string, orderId: string): Promise<OrderLineRow[]> {
  return (await trx
    .selectFrom('order_lines')
    .select(['id', 'line_no', 'work_id', 'variant_id', 'product_line', 'title', 'variant_label', 'is_digital', 'units_taken', 'quantity', 'unit_price', 'price_kind', 'line_total', 'commission_bp', 'commission', 'dpp', 'ppn', 'creators'])
    .where('coop_id', '=', coopId)
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute()) as OrderLineRow[];
}

export async function addHistory(trx: Tx, coopId: string, orderId: string, from: OrderStatus | null, to: OrderStatus, event: string, actorAccountId: string | null, note: string | null = null, at?: Date): Promise<void> {
  await trx
    .insertInto('order_status_history')
    .values({ coop_id: coopId, order_id: orderId, from_status: from, to_status: to, event, note, actor_account_id: actorAccountId, ...(at ? { at } : {}) })
    .execute();
}

export async function orderHistory(trx: Tx, coopId: string, orderId: string) {
  return trx.selectFrom('order_status_history').select(['from_status', 'to_status', 'event', 'note', 'at']).where('coop_id', '=', coopId).where('order_id', '=', orderId).orderBy('id').execute();
}

export async function orderPayments(trx: Tx, coopId: string, orderId: string) {
  return trx
    .selectFrom('order_payments')
    .select(['id', 'method', 'status', 'amount', 'fee', 'reference', 'provider', 'payer_name', 'reject_reason', 'ledger_entry_id', 'confirmed_at', 'created_at', sql<boolean>`proof IS NOT NULL`.as('has_proof')])
    .where('coop_id', '=', coopId)
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
}

export async function orderRefunds(trx: Tx, coopId: string, orderId: string) {
  return trx.selectFrom('order_refunds').select(['id', 'reference', 'amount', 'reason', 'restocked', 'parts', 'ledger_entry_id', 'created_at']).where('coop_id', '=', coopId).where('order_id', '=', orderId).orderBy('created_at').execute();
}

export async function orderInvoices(trx: Tx, coopId: string, orderId: string) {
  return trx.selectFrom('invoices').select(['id', 'invoice_no', 'kind', 'corrects_invoice_id', 'total', 'issued_at', 'data', 'reason']).where('coop_id', '=', coopId).where('order_id', '=', orderId).orderBy('issued_at').orderBy('seq').execute();
}

/** The next invoice number of the year: the counter row stays locked until the caller's transaction ends, so numbers have no gaps. */
export async function takeInvoiceSeq(trx: Tx, coopId: string, name: string): Promise<number> {
  const row = await trx
    .insertInto('coop_counters')
    .values({ coop_id: coopId, name, value: 1 })
    .onConflict((oc) => oc.columns(['coop_id', 'name']).doUpdateSet({ value: sql`coop_counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function coopName(trx: Tx, coopId: string): Promise<{ name: string; slug: string; street: string | null; phone: string | null; email: string | null; province_code: string | null }> {
  return trx.selectFrom('coops').select(['name', 'slug', 'street', 'phone', 'email', 'province_code']).where('id', '=', coopId).executeTakeFirstOrThrow();
}
