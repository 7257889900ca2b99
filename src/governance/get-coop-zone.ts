import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import type { Zone } from './model.js';
import { coopInfo } from './support.js';

/** The cooperative's time zone (WIB, WITA, WIT from its province), for pages that show and take meeting and vote times. */
export async function getCoopZone(ctx: TenantCtx): Promise<Zone> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => (await coopInfo(trx, ctx.coopId)).zone);
}
