import { publicCoop } from '../catalogue/public-coop.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import type { OrderStatus } from './model.js';

/** The signed-in buyer's own orders at one cooperative, newest first. */
export async function listMyOrders(ctx: Ctx, coopSlug: string): Promise<{ orderNo: string; status: OrderStatus; paid: boolean; total: number; createdAt: string }[]> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  const actor = ctx.actor;
  const coop = await publicCoop(ctx, coopSlug);
  const rows = await withTenant(ctx.db, coop.id, (trx) =>
    trx.selectFrom('orders').select(['order_no', 'status', 'paid_at', 'total', 'created_at']).where('coop_id', '=', coop.id).where('buyer_account_id', '=', actor.accountId).orderBy('created_at', 'desc').limit(200).execute()
  );
  return rows.map((r) => ({ orderNo: r.order_no, status: r.status, paid: r.paid_at !== null, total: r.total, createdAt: new Date(r.created_at).toISOString() }));
}
