import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { toQrisSettings, type QrisSettings } from './qris-settings.js';
import { findQrisSettings } from './qris-store.js';

/** The cooperative's saved static QRIS, or null (ketua/bendahara). */
export async function getQrisSettings(ctx: TenantCtx): Promise<QrisSettings | null> {
  requirePermission(ctx, 'payments.settings');
  const row = await withTenant(ctx.db, ctx.coopId, (trx) => findQrisSettings(trx, ctx.coopId));
  return row ? toQrisSettings(row) : null;
}
