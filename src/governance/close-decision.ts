import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { applyDecisionEffects } from './apply-decision-effects.js';
import { decisionQuorum, decisionView, type DecisionView } from './decision-view.js';
import { kickOutbox } from './mailer.js';
import { decideOutcome, RULE_VERSION, tally, type QuorumRule } from './model.js';
import { attendanceCounts, ballotChoices, findDecision, insertResult, optionsOf, resultsOf, updateDecision, lockDecisionForClose } from './store.js';
import { actingMember } from './support.js';
import { queueResultMail } from './result-mail.js';

/**
 * Close a vote and freeze its result (item 8): the tally, the outcome, the rule that
 * decided it and every input, in an append-only row. Closing a closed decision changes
 * nothing and returns the same result. The decision's advisory lock is taken exclusively,
 * so every ballot in flight finishes first and none can commit between the count and the close. A passed decision then takes
 * effect (roles, charter version, admission) — see applyDecisionEffects.
 */
export async function closeDecision(ctx: TenantCtx, decisionId: string): Promise<DecisionView> {
  requirePermission(ctx, 'decisions.manage');
  return closeDecisionAs(ctx, decisionId);
}

/** The close itself; also used by the timer that closes votes whose time is up. */
export async function closeDecisionAs(ctx: TenantCtx, decisionId: string): Promise<DecisionView> {
  const view = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockDecisionForClose(trx, decisionId);
    const d = await findDecision(trx, ctx.coopId, decisionId, { lock: 'update' });
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    const me = await actingMember(trx, ctx);
    if (d.status === 'closed') return decisionView(trx, d, me);
    if (d.status !== 'voting') throw new AppError('DECISION_STATE', { params: { status: d.status } });
    const now = ctx.clock.now();
    const [options, ballots, earlier] = await Promise.all([optionsOf(trx, ctx.coopId, d.id), ballotChoices(trx, ctx.coopId, d.id), resultsOf(trx, ctx.coopId, d.id)]);
    const q = decisionQuorum(d);
    const attendanceAtClose = d.meeting_id && q.basis === 'attendance' ? (await attendanceCounts(trx, ctx.coopId, d.meeting_id)).present : null;
    const counted = tally(d.method, options.map((o) => ({ id: o.id, label: o.label })), ballots);
    const quorum = d.quorum as QuorumRule;
    // At a meeting the quorum must hold for the whole vote: the smaller of attendance at open and at close counts.
    const attendance = attendanceAtClose === null ? undefined : Math.min(attendanceAtClose, d.attendance_at_open ?? 0);
    const result = decideOutcome(
      { method: d.method, quorum, thresholdBp: d.threshold_bp, majorityBase: d.majority_base, minTurnoutBp: d.min_turnout_bp, electorate: d.electorate_size ?? 0, seats: d.max_choices, eligible: q.eligible, basis: q.basis, attendance },
      counted
    );
    await insertResult(trx, {
      coop_id: ctx.coopId,
      decision_id: d.id,
      version: earlier.length + 1,
      outcome: result.outcome,
      rule: { version: RULE_VERSION, method: d.method, quorum, thresholdBp: d.threshold_bp, majorityBase: d.majority_base, minTurnoutBp: d.min_turnout_bp, basis: q.basis, seats: d.max_choices, secret: d.secret },
      inputs: {
        eligible: q.eligible,
        electorate: d.electorate_size ?? 0,
        ballots: counted.ballots,
        quorumRequired: result.quorumRequired,
        turnout: result.turnout,
        ballotsRequired: result.ballotsRequired,
        turnoutMet: result.turnoutMet,
        majorityOf: result.majorityOf,
        yesNeeded: result.yesNeeded,
        attendanceAtOpen: d.attendance_at_open,
        attendanceAtClose,
        charterVersion: d.charter_version,
        winners: result.winners
      },
      tally: counted,
      closed_at: now,
      closed_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId
    });
    const row = await updateDecision(trx, ctx.coopId, d.id, { status: 'closed', outcome: result.outcome, closed_at: now });
    await queueResultMail(trx, row, result.outcome, earlier.length + 1);
    await recordAudit(trx, ctx, { action: 'decision.close', entity: 'decision', entityId: d.id, before: { status: 'voting' }, after: { status: 'closed', outcome: result.outcome, version: earlier.length + 1, ballots: counted.ballots } });
    return decisionView(trx, row, me);
  });
  kickOutbox(ctx.db, ctx.coopId);
  return (await applyDecisionEffects(ctx, decisionId)) ?? view;
}
