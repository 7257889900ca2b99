import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import type { Coop } from './model.js';
import { findCoopById, toCoop } from './store.js';

/** The cooperative's full data, for anyone with a role in it. */
export async function getCoop(ctx: TenantCtx): Promise<Coop> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findCoopById(trx, ctx.coopId);
    if (!row) throw new AppError('NOT_FOUND');
    return toCoop(row);
  });
}
