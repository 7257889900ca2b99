import { sql } from 'kysely';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ORDERS_PAGE_SIZE, ZListOrdersRequest, type BuyerKind, type OrderStatus, type PaymentMethod } from './model.js';

export type OrderSummary = {
  id: string;
  orderNo: string;
  status: OrderStatus;
  paid: boolean;
  buyerKind: BuyerKind;
  buyerName: string;
  paymentMethod: PaymentMethod;
  total: number;
  refundedAmount: number;
  createdAt: string;
  expiresAt: string | null;
  proofSubmitted: boolean;
};

export type OrderListPage = { items: OrderSummary[]; total: number; page: number; pages: number; pageSize: number };

export async function orderSummaries(trx: Tx, coopId: string, f: { status?: OrderStatus; paid?: 'yes' | 'no'; buyerKind?: BuyerKind; method?: PaymentMethod; q?: string; awaitingConfirmation?: boolean }, limit: number, offset: number) {
  let q = trx
    .selectFrom('orders as o')
    .select([
      'o.id',
      'o.order_no',
      'o.status',
      'o.paid_at',
      'o.buyer_kind',
      'o.buyer_name',
      'o.payment_method',
      'o.total',
      'o.refunded_amount',
      'o.created_at',
      'o.expires_at',
      sql<boolean>`EXISTS (SELECT 1 FROM order_payments p WHERE p.coop_id = o.coop_id AND p.order_id = o.id AND p.status = 'pending')`.as('proof_submitted'),
      sql<number>`count(*) OVER ()`.as('full_count')
    ])
    .where('o.coop_id', '=', coopId);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.paid === 'yes') q = q.where('o.paid_at', 'is not', null);
  if (f.paid === 'no') q = q.where('o.paid_at', 'is', null);
  if (f.buyerKind) q = q.where('o.buyer_kind', '=', f.buyerKind);
  if (f.method) q = q.where('o.payment_method', '=', f.method);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('o.order_no', 'ilike', like), eb('o.buyer_name', 'ilike', like), eb('o.buyer_email', 'ilike', like), eb('o.buyer_phone', 'ilike', like)]));
  }
  if (f.awaitingConfirmation) {
    q = q.where('o.paid_at', 'is', null).where('o.status', 'in', ['awaiting_payment', 'fulfilled']);
  }
  const rows = await q.orderBy('o.created_at', 'desc').orderBy('o.id').limit(limit).offset(offset).execute();
  return {
    total: Number(rows[0]?.full_count ?? 0),
    items: rows.map(
      (r): OrderSummary => ({
        id: r.id,
        orderNo: r.order_no,
        status: r.status,
        paid: r.paid_at !== null,
        buyerKind: r.buyer_kind,
        buyerName: r.buyer_name,
        paymentMethod: r.payment_method,
        total: r.total,
        refundedAmount: r.refunded_amount,
        createdAt: new Date(r.created_at).toISOString(),
        expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
        proofSubmitted: r.proof_submitted
      })
    )
  };
}

/** The cooperative's orders, newest first, filtered by status, paid, buyer kind, method or a search (number, buyer). */
export async function listOrders(ctx: TenantCtx, input: unknown = {}): Promise<OrderListPage> {
  requirePermission(ctx, 'orders.read');
  const f = parseInput(ZListOrdersRequest, input ?? {});
  const page = f.page ?? 1;
  const { items, total } = await withTenant(ctx.db, ctx.coopId, (trx) => orderSummaries(trx, ctx.coopId, f, ORDERS_PAGE_SIZE, (page - 1) * ORDERS_PAGE_SIZE));
  return { items, total, page, pages: Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE)), pageSize: ORDERS_PAGE_SIZE };
}
