import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { MEMBER_CAPITAL_KEYS, ZLedgerSettingsRequest } from './model.js';
import { ensureLedger, type LedgerSettings } from './store.js';

/**
 * Whether simpanan pokok and wajib are equity (default, modal sendiri) or a liability, as
 * the cooperative's AD says (ledger.manage; audited). It moves the two accounts between
 * ekuitas and kewajiban jangka panjang; postings are unchanged, statements follow.
 */
export async function updateLedgerSettings(ctx: TenantCtx, input: unknown): Promise<LedgerSettings> {
  requirePermission(ctx, 'ledger.manage');
  const data = parseInput(ZLedgerSettingsRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const before = await ensureLedger(trx, ctx.coopId);
    await trx.updateTable('ledger_settings').set({ capital_classification: data.capitalClassification, updated_at: sql`now()` as never }).where('coop_id', '=', ctx.coopId).execute();
    const liability = data.capitalClassification === 'liability';
    await trx
      .updateTable('ledger_accounts')
      .set({ account_group: liability ? 'kewajiban' : 'ekuitas', subgroup: liability ? 'kewajiban_jangka_panjang' : 'ekuitas', updated_at: sql`now()` as never })
      .where('coop_id', '=', ctx.coopId)
      .where('system_key', 'in', [...MEMBER_CAPITAL_KEYS])
      .execute();
    const after = { ...before, capitalClassification: data.capitalClassification };
    await recordAudit(trx, ctx, { action: 'ledger.settings.update', entity: 'ledger', entityId: ctx.coopId, before, after });
    return after;
  });
}
