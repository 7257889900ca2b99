import { publicCoop } from '../catalogue/public-coop.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { hashToken } from './checkout.js';
import { findOrder, type OrderRow } from './store.js';

export type BuyerRef = { token: string } | { orderNo: string };

/**
 * Find the buyer's order: by its unguessable token (guests, anyone holding the link), or by
 * number for the signed-in account that placed it. Anything else is ORDER_NOT_FOUND.
 */
export async function withBuyerOrder<T>(ctx: Ctx, coopSlug: string, ref: BuyerRef, fn: (trx: Tx, order: OrderRow, coopId: string) => Promise<T>, lock = false): Promise<T> {
  const coop = await publicCoop(ctx, coopSlug);
  return withTenant(ctx.db, coop.id, async (trx) => {
    let order: OrderRow | undefined;
    if ('token' in ref) {
      if (typeof ref.token !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(ref.token)) throw new AppError('ORDER_NOT_FOUND');
      order = await findOrder(trx, coop.id, { tokenHash: hashToken(ref.token) }, lock);
    } else {
      if (!ctx.actor || typeof ref.orderNo !== 'string') throw new AppError('ORDER_NOT_FOUND');
      order = await findOrder(trx, coop.id, { orderNo: ref.orderNo }, lock);
      if (order && order.buyer_account_id !== ctx.actor.accountId) order = undefined;
    }
    if (!order) throw new AppError('ORDER_NOT_FOUND');
    return fn(trx, order, coop.id);
  });
}
