import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { orderSummaries, type OrderSummary } from './list-orders.js';

/**
 * Orders whose money the bendahara still has to confirm: unpaid and not cancelled (awaiting
 * payment, or handed over already by COD/transfer), those with an uploaded transfer proof first.
 */
export async function listPaymentsAwaitingConfirmation(ctx: TenantCtx): Promise<OrderSummary[]> {
  requirePermission(ctx, 'orders.read');
  const { items } = await withTenant(ctx.db, ctx.coopId, (trx) => orderSummaries(trx, ctx.coopId, { awaitingConfirmation: true }, 500, 0));
  return [...items].sort((a, b) => Number(b.proofSubmitted) - Number(a.proofSubmitted));
}
