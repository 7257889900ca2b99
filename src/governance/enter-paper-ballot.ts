import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZPaperBallotRequest } from './model.js';
import { recordBallot, type BallotReceipt } from './record-ballot.js';
import { findAttendance, findDecision, lockDecisionForBallot } from './store.js';

/**
 * An officer enters a paper ballot handed in at a physical meeting (item 6): only for a
 * decision taken at that meeting, only for a member checked in there in person (never a
 * proxy for someone absent), once per member — a member who voted online cannot also vote
 * on paper, nor the reverse. The officer is named on the participation and in the audit log.
 */
export async function enterPaperBallot(ctx: TenantCtx, decisionId: string, input: unknown): Promise<BallotReceipt> {
  requirePermission(ctx, 'decisions.manage');
  const data = parseInput(ZPaperBallotRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockDecisionForBallot(trx, decisionId);
    const d = await findDecision(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    if (!d.meeting_id) throw new AppError('DECISION_STATE', { params: { status: 'online_only' } });
    const present = await findAttendance(trx, ctx.coopId, d.meeting_id, data.memberId);
    if (!present || present.left_at || present.participation !== 'in_person') {
      throw new AppError('DECISION_NOT_ELIGIBLE', { fields: [{ field: 'memberId', code: 'not_present_in_person' }] });
    }
    const { memberId, ...ballot } = data;
    return recordBallot(trx, ctx, d, memberId, ballot, { origin: 'in_person', enteredBy: ctx.actor.accountId });
  });
}
