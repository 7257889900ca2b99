import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { decisionRef } from '../governance/apply-decision-effects.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { getRunIn, type ShuRunView } from './get-run.js';
import { ZApproveRunRequest } from './requests.js';
import { decisionWithMeeting, findRun, setRunStatus, standingRunId } from './store.js';

/**
 * PROPOSED → APPROVED, only by a passed decision of a RAT meeting: the decision the run was
 * put on the agenda with, or one named here (a decision taken outside the app's agenda flow).
 * The decision's number and title become the run's reference; from now on the run is immutable.
 */
export async function approveShuRun(ctx: TenantCtx, runId: string, input: unknown = {}): Promise<ShuRunView> {
  requirePermission(ctx, 'shu.manage');
  const data = parseInput(ZApproveRunRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const run = await findRun(trx, ctx.coopId, runId, { lock: true });
    if (!run) throw new AppError('SHU_RUN_NOT_FOUND');
    if (run.status !== 'proposed') throw new AppError('SHU_RUN_STATE', { params: { status: run.status } });
    const decisionId = data.decisionId ?? run.decision_id;
    if (!decisionId) throw new AppError('SHU_DECISION_INVALID', { params: { reason: 'none' } });
    const d = await decisionWithMeeting(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('SHU_DECISION_INVALID', { params: { reason: 'unknown' } });
    if (d.meeting_kind !== 'rat') throw new AppError('SHU_DECISION_INVALID', { params: { reason: 'not_rat' } });
    if (d.status !== 'closed' || (d.outcome !== 'passed' && d.outcome !== 'consensus')) throw new AppError('SHU_DECISION_INVALID', { params: { reason: 'not_passed' } });
    // The decision must be about this run: the one it was put on the agenda with, one whose text cites it, or one about SHU.
    const aboutRun = d.id === run.decision_id || d.body.includes(`shu-run:${run.id}`) || /\bSHU\b|sisa hasil usaha/i.test(d.title);
    if (!aboutRun) throw new AppError('SHU_DECISION_INVALID', { params: { reason: 'other_subject' } });
    const used = await trx.selectFrom('shu_runs').select('id').where('coop_id', '=', ctx.coopId).where('decision_id', '=', d.id).where('id', '<>', run.id).where('status', 'in', ['approved', 'posted', 'paid']).executeTakeFirst();
    if (used) throw new AppError('SHU_DECISION_INVALID', { params: { reason: 'used' } });
    if (await standingRunId(trx, ctx.coopId, run.fiscal_year)) throw new AppError('SHU_ALREADY_STANDING', { params: { year: run.fiscal_year } });
    const ref = `${decisionRef(d)} (RAT No. ${d.meeting_number}, ${jakartaDate(new Date(d.closed_at ?? d.meeting_starts_at!))})`;
    await setRunStatus(trx, ctx.coopId, runId, 'approved', { decision_id: d.id, decision_ref: ref, approved_at: new Date(), approved_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId });
    await recordAudit(trx, ctx, { action: 'shu.run.approve', entity: 'shu_run', entityId: runId, after: { decisionId: d.id, ref } });
    return (await getRunIn(trx, ctx.coopId, runId))!;
  });
}
