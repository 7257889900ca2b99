import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { AppError } from '../kernel/errors.js';
import { settingsFrom, ZOrderSettingsRequest, type OrderSettings } from './model.js';
import { findSettingsRow } from './store.js';
import { shippingRegionLists } from './sell-options.js';

/** The coop's marketplace settings (defaults when never saved): PPN on/off, payment windows, commission per line, MDR per method, bank accounts, shipping. */
export async function getOrderSettings(ctx: TenantCtx): Promise<OrderSettings> {
  requirePermission(ctx, 'orders.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => settingsFrom(await findSettingsRow(trx, ctx.coopId)));
}

/** Save them (ketua/bendahara). Orders already placed keep the rates snapshotted on their lines. */
export async function saveOrderSettings(ctx: TenantCtx, input: unknown): Promise<OrderSettings> {
  requirePermission(ctx, 'payments.settings');
  const s = parseInput(ZOrderSettingsRequest, input ?? {});
  if (s.shipping?.local.enabled && s.shipping.local.regencyCodes.length === 0) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'shipping.local.regencyCodes', code: 'local_area_required' }] });
  }
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const before = settingsFrom(await findSettingsRow(trx, ctx.coopId));
    const row = {
      ppn_enabled: s.ppnEnabled,
      payment_window_minutes: s.paymentWindowMinutes,
      commission_bp: JSON.stringify(s.commissionBp),
      mdr_bp: JSON.stringify(s.mdrBp),
      mdr_free_up_to: s.mdrFreeUpTo,
      // bankAccounts wins; else the one transferAccount of older clients (null: none); neither: keep.
      bank_accounts: JSON.stringify(s.bankAccounts ?? (s.transferAccount === undefined ? before.bankAccounts : s.transferAccount ? [s.transferAccount] : [])),
      transfer_unique_code: s.transferUniqueCode ?? before.transferUniqueCode,
      transfer_window_days: s.transferWindowDays ?? before.transferWindowDays,
      cash_window_days: s.cashWindowDays === undefined ? before.cashWindowDays : s.cashWindowDays,
      shipping: JSON.stringify(s.shipping ?? before.shipping),
      updated_by: ctx.actor.accountId,
      updated_at: ctx.clock.now()
    };
    await trx.insertInto('order_settings').values({ coop_id: ctx.coopId, ...row }).onConflict((oc) => oc.column('coop_id').doUpdateSet(row)).execute();
    await recordAudit(trx, ctx, { action: 'orders.settings_saved', entity: 'order_settings', entityId: ctx.coopId, before, after: s });
    return settingsFrom(await findSettingsRow(trx, ctx.coopId));
  });
}

/** The settings page's region lists: provinces, regencies of the provinces rate rows name, and the coop's own province for own delivery. */
export async function getShippingRegionLists(ctx: TenantCtx, provinceCodes: readonly string[]) {
  requirePermission(ctx, 'orders.read');
  const coop = await ctx.db.selectFrom('coops').select('province_code').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
  return { coopProvince: coop.province_code, ...(await shippingRegionLists(provinceCodes, coop.province_code)) };
}
