import type { Ctx } from '../kernel/context.js';
import { SYSTEM_ACTOR } from './apply-payment.js';
import { withBuyerOrder, type BuyerRef } from './buyer-order.js';
import { cancelUnpaid } from './lifecycle.js';
import { buildOrderView, type BuyerOrderView } from './order-view.js';
import { findOrder } from './store.js';
import { AppError } from '../kernel/errors.js';

/** The buyer cancels their own order before paying (stock and seats back once). After payment only the board can refund. */
export async function cancelOwnOrder(ctx: Ctx, coopSlug: string, ref: BuyerRef | string): Promise<BuyerOrderView> {
  return withBuyerOrder(
    ctx,
    coopSlug,
    typeof ref === 'string' ? { token: ref } : ref,
    async (trx, order, coopId) => {
      if (order.status !== 'awaiting_payment' || order.paid_at) throw new AppError('ORDER_TRANSITION_INVALID', { params: { from: order.status, event: 'cancel' } });
      await cancelUnpaid(trx, coopId, order, 'cancel', ctx.actor ?? SYSTEM_ACTOR, 'Dibatalkan oleh pembeli', ctx.clock.now());
      return buildOrderView(trx, coopId, (await findOrder(trx, coopId, { id: order.id }))!);
    },
    true
  );
}
