import { recordAudit } from '../audit/record-audit.js';
import type { TenantCtx } from '../kernel/context.js';
import { parseInput } from '../kernel/validation.js';
import { refundInTx } from './lifecycle.js';
import { ZRefundRequest } from './model.js';
import type { OrderView } from './order-view.js';
import { onOrder } from './support.js';

/**
 * Refund all or part of a paid order (bendahara). The money flow is reversed proportionally and
 * exactly (see lifecycle.refundInTx); idempotent by reference. A full refund restocks unless
 * restock is false.
 */
export async function refundOrder(ctx: TenantCtx, orderId: string, input: unknown): Promise<OrderView> {
  const data = parseInput(ZRefundRequest, input ?? {});
  return onOrder(ctx, 'payments.confirm', orderId, async (trx, order) => {
    const r = await refundInTx(trx, ctx.coopId, order, data, ctx.actor, ctx.clock.now());
    if (r.created) await recordAudit(trx, ctx, { action: 'order.refunded', entity: 'order', entityId: order.id, after: { amount: data.amount ?? null, reference: data.reference, reason: data.reason } });
  });
}
