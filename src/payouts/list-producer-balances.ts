import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { producerBalances } from './store.js';

/** What the coop owes each member-producer, from the ledger (PAYABLE_TO_PRODUCERS per member). */
export async function listProducerBalances(ctx: TenantCtx): Promise<{ memberId: string; memberNo: number | null; name: string; balance: number }[]> {
  if (!can(ctx, 'payments.confirm') && !can(ctx, 'ledger.read')) throw new AppError('FORBIDDEN');
  return withTenant(ctx.db, ctx.coopId, (trx) => producerBalances(trx, ctx.coopId));
}
