import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { applyDecisionEffects } from './apply-decision-effects.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { consensusReached, countPositions, RULE_VERSION } from './model.js';
import { findDecision, insertResult, positionsOf, updateDecision } from './store.js';
import { actingMember } from './support.js';

/**
 * The chair records mufakat: members agree and nobody disagrees or blocks. The result is
 * frozen like a vote's, with the positions as its inputs. Elections always go to a vote.
 */
export async function declareConsensus(ctx: TenantCtx, decisionId: string): Promise<DecisionView> {
  requirePermission(ctx, 'decisions.manage');
  const view = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const d = await findDecision(trx, ctx.coopId, decisionId, { lock: 'update' });
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    if (d.status !== 'discussion') throw new AppError('DECISION_STATE', { params: { status: d.status } });
    if (d.kind === 'election') throw new AppError('DECISION_NO_CONSENSUS');
    const positions = await positionsOf(trx, ctx.coopId, decisionId);
    const counts = countPositions(positions.map((p) => p.stance));
    if (!consensusReached(counts)) throw new AppError('DECISION_NO_CONSENSUS', { params: counts });
    const now = ctx.clock.now();
    await insertResult(trx, {
      coop_id: ctx.coopId,
      decision_id: decisionId,
      version: 1,
      outcome: 'consensus',
      rule: { version: RULE_VERSION, method: 'consensus', quorum: d.quorum, thresholdBp: d.threshold_bp, basis: 'positions', seats: d.max_choices, secret: d.secret },
      inputs: { positions: counts, charterVersion: d.charter_version },
      tally: { method: 'positions', ...counts },
      closed_at: now,
      closed_by: ctx.actor.accountId
    });
    const row = await updateDecision(trx, ctx.coopId, decisionId, { status: 'closed', outcome: 'consensus', closed_at: now });
    await recordAudit(trx, ctx, { action: 'decision.consensus', entity: 'decision', entityId: decisionId, before: { status: d.status }, after: { status: 'closed', outcome: 'consensus', positions: counts } });
    return decisionView(trx, row, await actingMember(trx, ctx));
  });
  return (await applyDecisionEffects(ctx, decisionId)) ?? view;
}
