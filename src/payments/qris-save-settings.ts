import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { parseQris, staticQrisIssue } from './qris.js';
import { toQrisSettings, ZSaveQrisSettingsRequest, type QrisSettings } from './qris-settings.js';
import { findQrisSettings, upsertQrisSettings } from './qris-store.js';

/** Save the cooperative's static QRIS (ketua/bendahara), after checking its structure and CRC. */
export async function saveQrisSettings(ctx: TenantCtx, input: unknown): Promise<QrisSettings> {
  requirePermission(ctx, 'payments.settings');
  const { staticPayload } = parseInput(ZSaveQrisSettingsRequest, input);
  const issue = staticQrisIssue(staticPayload);
  if (issue) throw new AppError('QRIS_INVALID', { fields: [{ field: 'staticPayload', code: issue }] });
  const parsed = parseQris(staticPayload);
  if (!parsed.ok) throw new AppError('QRIS_INVALID', { fields: [{ field: 'staticPayload', code: parsed.issue }] });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const before = await findQrisSettings(trx, ctx.coopId);
    const row = await upsertQrisSettings(trx, ctx.coopId, {
      static_payload: staticPayload,
      merchant_name: parsed.value.merchantName.slice(0, 25),
      merchant_city: parsed.value.merchantCity.slice(0, 15),
      updated_by: ctx.actor.accountId
    });
    await recordAudit(trx, ctx, { action: 'qris.save', entity: 'qris_settings', entityId: ctx.coopId, before: before ? { staticPayload: before.static_payload } : null, after: { staticPayload } });
    return toQrisSettings(row);
  });
}
