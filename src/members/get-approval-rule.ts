import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { approvalByFromRules, type ApprovalBy } from './model.js';
import { latestCharterRules } from './store.js';

/**
 * Who admits new members in this cooperative by its current charter ('board' or
 * 'meeting'). Public knowledge of the statutes: anyone who may see the cooperative may ask.
 */
export async function getApprovalRule(ctx: Ctx & { coopId: string }): Promise<ApprovalBy> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => approvalByFromRules(await latestCharterRules(trx, ctx.coopId)));
}
