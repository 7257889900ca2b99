import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission, type Permission } from '../kernel/permissions.js';
import { kickOutbox } from '../governance/mailer.js';
import { buildOrderView, type OrderView } from './order-view.js';
import { findOrder, type OrderRow } from './store.js';

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Lock an order of the ctx's cooperative (404 when it is not one of theirs). */
export async function lockOrder(trx: Tx, ctx: Pick<TenantCtx, 'coopId'>, orderId: string): Promise<OrderRow> {
  if (!isUuid(orderId)) throw new AppError('ORDER_NOT_FOUND');
  const order = await findOrder(trx, ctx.coopId, { id: orderId }, true);
  if (!order) throw new AppError('ORDER_NOT_FOUND');
  return order;
}

/** A board action on one order: permission, tenant transaction, row lock, then the answer's view. */
export async function onOrder(ctx: TenantCtx, permission: Permission, orderId: string, fn: (trx: Tx, order: OrderRow) => Promise<void>): Promise<OrderView> {
  requirePermission(ctx, permission);
  const view = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const order = await lockOrder(trx, ctx, orderId);
    await fn(trx, order);
    const fresh = (await findOrder(trx, ctx.coopId, { id: order.id }))!;
    return buildOrderView(trx, ctx.coopId, fresh, { board: true });
  });
  // Mail the action queued (payment received, shipped, work sold) leaves after the commit.
  kickOutbox(ctx.db, ctx.coopId);
  return view;
}
