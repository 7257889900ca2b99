import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZCareRules, type CareRules } from './model.js';
import { careRules, saveCareRules } from './store.js';

export type CareRulesView = CareRules & { stateAidRuleFrom: 'charter' | 'care_rules' | null };

/** The aid rules in force (the defaults until the board saves its own) and where the state-aid rule comes from. */
export async function getCareRules(ctx: TenantCtx): Promise<CareRulesView> {
  requirePermission(ctx, 'care.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const r = await careRules(trx, ctx.coopId);
    return { ...r.rules, stateAidRuleFrom: r.stateAidRuleFrom };
  });
}

/** Save the aid rules (the whole set; audited with before and after). */
export async function updateCareRules(ctx: TenantCtx, input: unknown): Promise<CareRulesView> {
  requirePermission(ctx, 'care.manage');
  const data = parseInput(ZCareRules, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const before = await careRules(trx, ctx.coopId);
    await saveCareRules(trx, ctx.coopId, data, ctx.actor.accountId);
    await recordAudit(trx, ctx, { action: 'care.rules.update', entity: 'care_settings', entityId: ctx.coopId, before: before.rules, after: data });
    const after = await careRules(trx, ctx.coopId);
    return { ...after.rules, stateAidRuleFrom: after.stateAidRuleFrom };
  });
}
