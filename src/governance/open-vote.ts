import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { electorateIn } from '../members/list-electorate.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { kickOutbox } from './mailer.js';
import { meetingQuorum } from './meeting-eligible.js';
import { quorumRequired, ZOpenVoteRequest, type QuorumRule } from './model.js';
import { attendanceList, findDecision, findMeeting, snapshotElectorate, updateDecision } from './store.js';
import { actingMember, governanceRules } from './support.js';
import { queueVoteMail } from './vote-mail.js';

/**
 * Consensus failed: the chair opens the vote until `closesAt`. The electorate is frozen now
 * (item 3): the active members — or, for a decision at a meeting, the members present, with
 * the meeting's quorum checked now and the attendance recorded (item 14). Members with an
 * email get a one-time vote link.
 */
export async function openVote(ctx: TenantCtx, decisionId: string, input: unknown): Promise<DecisionView> {
  requirePermission(ctx, 'decisions.manage');
  requireClosesAt(input);
  const data = parseInput(ZOpenVoteRequest, input);
  const rules = await governanceRules(ctx);
  const view = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const d = await findDecision(trx, ctx.coopId, decisionId, { lock: 'update' });
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    if (d.status !== 'discussion') throw new AppError('DECISION_STATE', { params: { status: d.status } });
    const now = ctx.clock.now();
    const closesAt = new Date(data.closesAt);
    if (closesAt <= now) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'closesAt', code: 'closes_in_past' }] });
    let memberIds: string[];
    const set: Record<string, unknown> = { status: 'voting', opened_at: now, closes_at: closesAt };
    if (d.meeting_id) {
      const meeting = await findMeeting(trx, ctx.coopId, d.meeting_id, { lock: true });
      if (!meeting || meeting.status !== 'open') throw new AppError('MEETING_STATE', { params: { status: meeting?.status ?? 'unknown' } });
      const present = (await attendanceList(trx, ctx.coopId, meeting.id)).filter((a) => a.checked_in_at && !a.left_at).map((a) => a.member_id);
      const eligible = meeting.eligible_count ?? 0;
      const required = quorumRequired(meetingQuorum(meeting.kind, d.quorum as QuorumRule), eligible);
      if (present.length < required) throw new AppError('MEETING_NO_QUORUM', { params: { present: present.length, required, eligible } });
      // Only members still active may vote.
      memberIds = (await electorateIn(trx, ctx.coopId, { memberIds: present })).map((m) => m.memberId);
      set.attendance_at_open = present.length;
      set.meeting_eligible = eligible;
    } else {
      memberIds = (await electorateIn(trx, ctx.coopId)).map((m) => m.memberId);
    }
    await snapshotElectorate(trx, ctx.coopId, decisionId, memberIds);
    set.electorate_size = memberIds.length;
    const row = await updateDecision(trx, ctx.coopId, decisionId, set);
    if (!d.meeting_id) await queueVoteMail(trx, row, await electorateIn(trx, ctx.coopId, { memberIds }), 'voting_opened', 'opened');
    await recordAudit(trx, ctx, {
      action: 'decision.open_vote',
      entity: 'decision',
      entityId: decisionId,
      before: { status: d.status },
      after: { status: 'voting', openedAt: now.toISOString(), closesAt: closesAt.toISOString(), electorate: memberIds.length, attendanceAtOpen: set.attendance_at_open ?? null, charterVersion: rules.charterVersion }
    });
    return decisionView(trx, row, await actingMember(trx, ctx));
  });
  kickOutbox(ctx.db, ctx.coopId);
  return view;
}

/** A vote without a closing time names the missing field (issue 14), not "invalid format". */
export function requireClosesAt(input: unknown): void {
  const v = input !== null && typeof input === 'object' ? (input as Record<string, unknown>).closesAt : undefined;
  if (v === undefined || v === null || v === '') throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'closesAt', code: 'closes_at_required' }] });
}
