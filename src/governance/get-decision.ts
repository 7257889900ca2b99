import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { findDecision } from './store.js';
import { actingMember } from './support.js';

/**
 * A proposal with its discussion, positions and — once closed — its frozen result.
 * While voting, only the number of ballots shows, never their content (item 10).
 */
export async function getDecision(ctx: TenantCtx, decisionId: string): Promise<DecisionView> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const d = await findDecision(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    return decisionView(trx, d, await actingMember(trx, ctx));
  });
}
