import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZShuSettingsRequest } from './requests.js';
import { findSettings, saveSettings, type SettingsRow } from './store.js';

/** The coop's SHU policies (defaults of surplus.md until changed): shu.read. */
export async function getShuSettings(ctx: TenantCtx): Promise<SettingsRow> {
  requirePermission(ctx, 'shu.read');
  return withTenant(ctx.db, ctx.coopId, (trx) => findSettings(trx, ctx.coopId));
}

/** Change the SHU policies (shu.manage); they apply to runs computed afterwards. Audited. */
export async function updateShuSettings(ctx: TenantCtx, input: unknown): Promise<SettingsRow> {
  requirePermission(ctx, 'shu.manage');
  const d = parseInput(ZShuSettingsRequest, input);
  const accounts = (['pokok', 'wajib', 'sukarela'] as const).filter((a) => (a === 'pokok' ? d.capitalPokok : a === 'wajib' ? d.capitalWajib : d.capitalSukarela));
  if (!accounts.length) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'capitalPokok', code: 'shu_capital_basis_required' }] });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const before = await findSettings(trx, ctx.coopId);
    const next: SettingsRow = {
      capitalAccounts: accounts,
      capitalMethod: d.capitalMethod,
      leaver: d.leaver,
      minActiveDays: d.minActiveDays,
      emptyPool: d.emptyPool,
      payoutRoundTo: d.payoutRoundTo,
      withholdingBp: d.withholdingBp,
      usahaCategories: d.usahaCategories ?? before.usahaCategories
    };
    await saveSettings(trx, ctx.coopId, next, ctx.actor.via === 'system' ? null : ctx.actor.accountId);
    await recordAudit(trx, ctx, { action: 'shu.settings', entity: 'coop', entityId: ctx.coopId, before, after: next });
    return next;
  });
}
