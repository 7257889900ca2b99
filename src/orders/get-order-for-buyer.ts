import type { Ctx } from '../kernel/context.js';
import { withBuyerOrder, type BuyerRef } from './buyer-order.js';
import { buildOrderView, type BuyerOrderView } from './order-view.js';

/** The buyer's view of their order: status, lines, totals, history, QRIS for the exact amount while unpaid, invoices. */
export async function getOrderForBuyer(ctx: Ctx, coopSlug: string, ref: BuyerRef): Promise<BuyerOrderView> {
  return withBuyerOrder(ctx, coopSlug, ref, (trx, order, coopId) => buildOrderView(trx, coopId, order));
}
