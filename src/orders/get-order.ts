import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { buildOrderView, type OrderView } from './order-view.js';
import { findOrder } from './store.js';
import { isUuid } from './support.js';

/** One order with its lines, history, payments, refunds, invoices and money split (board). */
export async function getOrder(ctx: TenantCtx, orderId: string): Promise<OrderView> {
  requirePermission(ctx, 'orders.read');
  if (!isUuid(orderId)) throw new AppError('ORDER_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const order = await findOrder(trx, ctx.coopId, { id: orderId });
    if (!order) throw new AppError('ORDER_NOT_FOUND');
    return buildOrderView(trx, ctx.coopId, order, { board: true });
  });
}
