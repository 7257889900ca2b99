import { sql } from 'kysely';
import { onCitus } from '../db/engine.js';
import type { Tx } from '../db/tenant.js';
import type { ProductLine } from '../db/schema.js';
import { formatOrderNo } from './model.js';
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
 * Everything pricing a cart reads, in ONE named prepared statement (decision 0140): the order
 * settings row, the current charter's rules, the works with their creators and whether each has a
 * downloadable file (the downloads capability's rule, src/downloads/order-hooks.ts digitalWorkIds:
 * a work_files row of kind 'download'), and the variants. Null on Citus, where the caller reads
 * them statement by statement (each a single-shard query, decision 0110).
 */
export async function cartContext(
  trx: Tx,
  coopId: string,
  workIds: string[],
  variantIds: string[]
): Promise<{ settings: Record<string, unknown> | undefined; rules: unknown; works: Map<string, CatalogueWork>; variants: Map<string, CatalogueVariant>; digital: Set<string> } | null> {
  if (onCitus()) return null;
  const { rows } = await sql<{ settings: Record<string, unknown> | null; rules: unknown; works: (CatalogueWork & { has_download: boolean })[]; variants: CatalogueVariant[] }>`/* prepare */ SELECT
      (SELECT to_jsonb(s) FROM order_settings s WHERE s.coop_id = ${coopId}) AS settings,
      (SELECT c.rules FROM charters c WHERE c.coop_id = ${coopId} ORDER BY c.version DESC LIMIT 1) AS rules,
      (SELECT coalesce(json_agg(json_build_object(
                'id', w.id, 'slug', w.slug, 'product_line', w.product_line, 'title', w.title, 'attributes', w.attributes,
                'public_price', w.public_price, 'member_price', w.member_price, 'status', w.status,
                'units_left', CASE WHEN w.unit_limit IS NULL THEN NULL ELSE greatest(w.unit_limit - w.units_taken, 0) END,
                'creators', coalesce((SELECT json_agg(json_build_object('memberId', c.member_id, 'creditName', c.credit_name, 'shareBp', c.share_bp) ORDER BY c.position, c.member_id)
                                        FROM work_creators c WHERE c.coop_id = w.coop_id AND c.work_id = w.id), '[]'::json),
                'has_download', EXISTS (SELECT 1 FROM work_files f WHERE f.coop_id = w.coop_id AND f.work_id = w.id AND f.kind = 'download'))), '[]'::json)
         FROM works w WHERE w.coop_id = ${coopId} AND w.id = ANY(${workIds}::uuid[])) AS works,
      (SELECT coalesce(json_agg(json_build_object('id', v.id, 'work_id', v.work_id, 'size', v.size, 'colour', v.colour, 'stock', v.stock)), '[]'::json)
         FROM work_variants v WHERE v.coop_id = ${coopId} AND v.id = ANY(${variantIds}::uuid[])) AS variants`.execute(trx);
  const r = rows[0]!;
  return {
    settings: r.settings ?? undefined,
    rules: r.rules ?? null,
    works: new Map(r.works.map(({ has_download: _, ...w }) => [w.id, w])),
    variants: new Map(r.variants.map((v) => [v.id, v])),
    digital: new Set(r.works.filter((w) => w.has_download).map((w) => w.id))
  };
}

/**
 * Take k units of a variant, atomically: succeeds only while enough stock remains, so parallel
 * checkouts can never take more than there is. Undefined when there is not enough.
 */
export async function takeStock(trx: Tx, coopId: string, variantId: string, k: number): Promise<number | undefined> {
  // A named prepared statement (the checkout's hot path, decision 0140).
  const { rows } = await sql<{ stock: number }>`/* prepare */ UPDATE work_variants SET stock = stock - ${k}::int WHERE coop_id = ${coopId}::uuid AND id = ${variantId}::uuid AND stock >= ${k}::int RETURNING stock`.execute(trx);
  return rows[0]?.stock;
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

/** A new order as checkout writes it (see insertCheckoutOrder). */
export type NewCheckoutOrder = {
  coopId: string;
  year: number;
  tokenHash: string;
  checkoutKey: string | null;
  buyerKind: 'member' | 'non_member';
  buyerAccountId: string | null;
  buyerMemberId: string | null;
  buyerName: string;
  buyerEmail: string | null;
  buyerPhone: string | null;
  shippingAddress: string | null;
  note: string | null;
  paymentMethod: PaymentMethod;
  ppnEnabled: boolean;
  subtotal: number;
  taxTotal: number;
  total: number;
  /** Shipping (decision 0155): the shipping line, the transfer's unique code, the buyer's language for mail. */
  shippingTotal: number;
  uniqueCode: number;
  shippingMethod: 'pickup' | 'local' | 'courier' | null;
  shippingBooking: 'revenue' | 'pass_through' | null;
  weightGrams: number | null;
  shipTo: unknown;
  buyerLocale: 'id' | 'en';
  expiresAt: Date | null;
  now: Date;
  lines: {
    work_id: string;
    variant_id: string | null;
    product_line: ProductLine;
    title: string;
    variant_label: string | null;
    is_digital: boolean;
    units_taken: boolean;
    quantity: number;
    unit_price: number;
    price_kind: 'member' | 'public';
    line_total: number;
    commission_bp: number;
    commission: number;
    dpp: number;
    ppn: number;
    creators: unknown;
  }[];
};

/**
 * Write a checkout's order 'awaiting_payment' — its number from order_no_seq (ORD-<year>-<6+ digits>,
 * as formatOrderNo), its lines (line_no 1…n in the given order) and its first history row — in ONE
 * named prepared statement (decision 0140). On Citus, statement by statement (decision 0110).
 * The order's id and number, and the lines' ids by line_no.
 */
export async function insertCheckoutOrder(trx: Tx, o: NewCheckoutOrder): Promise<{ id: string; orderNo: string; lineIds: Map<number, string> }> {
  if (onCitus()) {
    const seq = await nextOrderSeq(trx);
    const order = await trx
      .insertInto('orders')
      .values({
        coop_id: o.coopId,
        order_no: formatOrderNo(o.year, seq),
        token_hash: o.tokenHash,
        checkout_key: o.checkoutKey,
        status: 'awaiting_payment',
        buyer_kind: o.buyerKind,
        buyer_account_id: o.buyerAccountId,
        buyer_member_id: o.buyerMemberId,
        buyer_name: o.buyerName,
        buyer_email: o.buyerEmail,
        buyer_phone: o.buyerPhone,
        shipping_address: o.shippingAddress,
        note: o.note,
        payment_method: o.paymentMethod,
        ppn_enabled: o.ppnEnabled,
        subtotal: o.subtotal,
        tax_total: o.taxTotal,
        total: o.total,
        shipping_total: o.shippingTotal,
        unique_code: o.uniqueCode,
        shipping_method: o.shippingMethod,
        shipping_booking: o.shippingBooking,
        weight_grams: o.weightGrams,
        ship_to: o.shipTo ? JSON.stringify(o.shipTo) : null,
        buyer_locale: o.buyerLocale,
        expires_at: o.expiresAt,
        created_at: o.now,
        updated_at: o.now
      })
      .returning(['id', 'order_no'])
      .executeTakeFirstOrThrow();
    const lines = await trx
      .insertInto('order_lines')
      .values(o.lines.map((l, i) => ({ ...l, coop_id: o.coopId, order_id: order.id, line_no: i + 1, creators: JSON.stringify(l.creators) })))
      .returning(['id', 'line_no'])
      .execute();
    await addHistory(trx, o.coopId, order.id, null, 'awaiting_payment', 'checkout', o.buyerAccountId, null, o.now);
    return { id: order.id, orderNo: order.order_no, lineIds: new Map(lines.map((r) => [r.line_no, r.id])) };
  }
  const json = JSON.stringify(o.lines.map((l, i) => ({ ...l, line_no: i + 1 })));
  const { rows } = await sql<{ id: string; order_no: string; lines: { id: string; line_no: number }[] }>`/* prepare */ WITH o AS (
      INSERT INTO orders (coop_id, order_no, token_hash, checkout_key, status, buyer_kind, buyer_account_id, buyer_member_id, buyer_name, buyer_email, buyer_phone,
                          shipping_address, note, payment_method, ppn_enabled, subtotal, tax_total, total,
                          shipping_total, unique_code, shipping_method, shipping_booking, weight_grams, ship_to, buyer_locale, expires_at, created_at, updated_at)
      VALUES (${o.coopId}::uuid,
              (SELECT 'ORD-' || ${o.year}::int || '-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM (SELECT nextval('order_no_seq') AS n) s),
              ${o.tokenHash}, ${o.checkoutKey}::text, 'awaiting_payment', ${o.buyerKind}, ${o.buyerAccountId}::uuid, ${o.buyerMemberId}::uuid, ${o.buyerName},
              ${o.buyerEmail}::text, ${o.buyerPhone}::text, ${o.shippingAddress}::text, ${o.note}::text, ${o.paymentMethod}, ${o.ppnEnabled}::boolean,
              ${o.subtotal}::bigint, ${o.taxTotal}::bigint, ${o.total}::bigint,
              ${o.shippingTotal}::bigint, ${o.uniqueCode}::int, ${o.shippingMethod}::text, ${o.shippingBooking}::text, ${o.weightGrams}::int,
              ${o.shipTo ? JSON.stringify(o.shipTo) : null}::jsonb, ${o.buyerLocale}::text, ${o.expiresAt}::timestamptz, ${o.now}::timestamptz, ${o.now}::timestamptz)
      RETURNING id, order_no),
    l AS (
      INSERT INTO order_lines (coop_id, order_id, line_no, work_id, variant_id, product_line, title, variant_label, is_digital, units_taken, quantity,
                               unit_price, price_kind, line_total, commission_bp, commission, dpp, ppn, creators)
      SELECT ${o.coopId}::uuid, o.id, x.line_no, x.work_id, x.variant_id, x.product_line, x.title, x.variant_label, x.is_digital, x.units_taken, x.quantity,
             x.unit_price, x.price_kind, x.line_total, x.commission_bp, x.commission, x.dpp, x.ppn, x.creators
        FROM o, jsonb_to_recordset(${json}::jsonb) AS x(line_no smallint, work_id uuid, variant_id uuid, product_line text, title text, variant_label text,
             is_digital boolean, units_taken boolean, quantity integer, unit_price bigint, price_kind text, line_total bigint, commission_bp integer,
             commission bigint, dpp bigint, ppn bigint, creators jsonb)
      RETURNING id, line_no),
    h AS (
      INSERT INTO order_status_history (coop_id, order_id, from_status, to_status, event, note, actor_account_id, at)
      SELECT ${o.coopId}::uuid, o.id, NULL, 'awaiting_payment', 'checkout', NULL, ${o.buyerAccountId}::uuid, ${o.now}::timestamptz FROM o)
    SELECT o.id, o.order_no, (SELECT json_agg(json_build_object('id', l.id, 'line_no', l.line_no)) FROM l) AS lines FROM o`.execute(trx);
  const r = rows[0]!;
  return { id: r.id, orderNo: r.order_no, lineIds: new Map(r.lines.map((l) => [l.line_no, l.id])) };
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
