import { recordAudit } from '../audit/record-audit.js';
import type { TenantCtx } from '../kernel/context.js';
import { parseInput } from '../kernel/validation.js';
import { nextStatus, ZFulfilRequest } from './model.js';
import type { OrderView } from './order-view.js';
import { addHistory } from './store.js';
import { AppError } from '../kernel/errors.js';
import { mailFulfilled } from './notify.js';
import { onOrder } from './support.js';

/**
 * Hand the order over (shipped, collected, delivered). A paid order becomes fulfilled; a COD,
 * transfer or cash order may be handed over before its money is confirmed (marketplace.md #17):
 * its producers' shares become payable only when the payment is confirmed.
 */
export async function markFulfilled(ctx: TenantCtx, orderId: string, input: unknown = {}): Promise<OrderView> {
  const data = parseInput(ZFulfilRequest, input ?? {});
  return onOrder(ctx, 'orders.manage', orderId, async (trx, order) => {
    const to = nextStatus({ status: order.status, paid: !!order.paid_at, method: order.payment_method }, 'fulfil');
    // A courier parcel is handed over with its courier and resi, which the buyer then sees and is mailed.
    const courier = order.shipping_method === 'courier' ? data.courier : undefined;
    const trackingNo = order.shipping_method === 'courier' ? data.trackingNo : undefined;
    if (order.shipping_method === 'courier' && (!courier || !trackingNo)) {
      throw new AppError('ORDER_TRACKING_REQUIRED', { fields: [...(courier ? [] : [{ field: 'courier', code: 'required' }]), ...(trackingNo ? [] : [{ field: 'trackingNo', code: 'required' }])] });
    }
    const at = ctx.clock.now();
    // Handed over: an unpaid COD/transfer order no longer expires on its own.
    await trx
      .updateTable('orders')
      .set({ status: to, fulfilled_at: at, expires_at: null, updated_at: at, ...(courier && trackingNo ? { courier, tracking_no: trackingNo } : {}) })
      .where('coop_id', '=', ctx.coopId)
      .where('id', '=', order.id)
      .execute();
    const note = courier && trackingNo ? [`${courier} ${trackingNo}`, data.note].filter(Boolean).join(' — ') : (data.note ?? null);
    await addHistory(trx, ctx.coopId, order.id, order.status, to, 'fulfilled', ctx.actor.accountId, note, at);
    await recordAudit(trx, ctx, { action: 'order.fulfilled', entity: 'order', entityId: order.id, before: { status: order.status }, after: { status: to, ...(courier ? { courier, trackingNo } : {}) } });
    await mailFulfilled(trx, ctx.coopId, { ...order, status: to, courier: courier ?? null, tracking_no: trackingNo ?? null });
  });
}
