import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { ZReopenRequest } from './model.js';
import { findDecision, insertReopening, resultsOf, updateDecision, lockDecisionForClose } from './store.js';
import { actingMember } from './support.js';

/**
 * Reopen a closed vote with a reason until a new close (item 8). The earlier result is
 * never changed: the reopening record supersedes it, and the next close writes a new
 * version. Ballots already cast stay. A decision whose effect was carried out (roles,
 * charter, admission) cannot be reopened: that needs a new decision.
 */
export async function reopenDecision(ctx: TenantCtx, decisionId: string, input: unknown): Promise<DecisionView> {
  requirePermission(ctx, 'decisions.manage');
  const data = parseInput(ZReopenRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockDecisionForClose(trx, decisionId);
    const d = await findDecision(trx, ctx.coopId, decisionId, { lock: 'update' });
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    if (d.status !== 'closed' || d.outcome === 'consensus' || d.effect !== null) throw new AppError('DECISION_STATE', { params: { status: d.status } });
    const now = ctx.clock.now();
    const closesAt = new Date(data.closesAt);
    if (closesAt <= now) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'closesAt', code: 'closes_in_past' }] });
    const results = await resultsOf(trx, ctx.coopId, decisionId);
    const last = results.at(-1)!;
    await insertReopening(trx, { coop_id: ctx.coopId, decision_id: decisionId, supersedes_version: last.version, reason: data.reason, reopened_at: now, reopened_by: ctx.actor.accountId });
    const row = await updateDecision(trx, ctx.coopId, decisionId, { status: 'voting', outcome: null, closed_at: null, closes_at: closesAt });
    await recordAudit(trx, ctx, {
      action: 'decision.reopen',
      entity: 'decision',
      entityId: decisionId,
      before: { status: 'closed', outcome: d.outcome, version: last.version },
      after: { status: 'voting', reason: data.reason, closesAt: closesAt.toISOString() }
    });
    return decisionView(trx, row, await actingMember(trx, ctx));
  });
}
