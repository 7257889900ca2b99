import { recordAudit } from '../audit/record-audit.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { cancelUnpaid, refundInTx } from './lifecycle.js';
import { ZReasonRequest } from './model.js';
import type { OrderView } from './order-view.js';
import { onOrder } from './support.js';

/**
 * Cancel an order. Unpaid: 'cancelled', its stock and seats back once. Paid: a full refund of
 * what remains (reference cancel:<orderId>, so a repeated cancel refunds nothing more) and the
 * stock back, each exactly once; the order ends 'refunded'. Cancelled or refunded orders: 409.
 */
export async function cancelOrder(ctx: TenantCtx, orderId: string, input: unknown): Promise<OrderView> {
  const data = parseInput(ZReasonRequest, input ?? {});
  return onOrder(ctx, 'orders.manage', orderId, async (trx, order) => {
    const at = ctx.clock.now();
    if (order.status === 'cancelled' || order.status === 'refunded') throw new AppError('ORDER_TRANSITION_INVALID', { params: { from: order.status, event: 'cancel' } });
    if (order.paid_at) {
      requirePermission(ctx, 'payments.confirm');
      await refundInTx(trx, ctx.coopId, order, { reason: data.reason, reference: `cancel:${order.id}`, restock: true }, ctx.actor, at);
    } else {
      await cancelUnpaid(trx, ctx.coopId, order, 'cancel', ctx.actor, data.reason, at);
    }
    await recordAudit(trx, ctx, { action: 'order.cancelled', entity: 'order', entityId: order.id, after: { status: order.status, reason: data.reason } });
  });
}
