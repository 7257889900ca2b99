import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { approvalByFromRules, type ApprovalBy } from './model.js';
import { currentCharterRules } from '../charters/current-rules.js';

/**
 * Who admits new members in this cooperative by its current charter ('board' or
 * 'meeting'). Public knowledge of the statutes: anyone who may see the cooperative may ask.
 */
export async function getApprovalRule(ctx: Ctx & { coopId: string }): Promise<ApprovalBy> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => approvalByFromRules(await currentCharterRules(trx, ctx.coopId)));
}
