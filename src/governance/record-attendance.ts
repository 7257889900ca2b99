import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { meetingQuorum } from './meeting-eligible.js';
import { ZAttendanceRequest, ZLeaveRequest } from './model.js';
import { findAttendance, findMeeting, isMeetingEligible, markLeft, upsertAttendance } from './store.js';
import { governanceRules, iso } from './support.js';
import { meetingView, type MeetingView } from './views.js';

async function openMeetingFor(trx: Parameters<Parameters<typeof withTenant>[2]>[0], ctx: TenantCtx, meetingId: string) {
  const meeting = await findMeeting(trx, ctx.coopId, meetingId, { lock: true });
  if (!meeting) throw new AppError('MEETING_NOT_FOUND');
  if (meeting.status !== 'open') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
  return meeting;
}

/**
 * An officer checks a member in (in person or online), or corrects a check-in; every
 * change is audited with before and after (item 16). Only members eligible at the start count.
 */
export async function recordAttendance(ctx: TenantCtx, meetingId: string, input: unknown): Promise<MeetingView> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZAttendanceRequest, input);
  const rules = await governanceRules(ctx);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await openMeetingFor(trx, ctx, meetingId);
    if (!(await isMeetingEligible(trx, ctx.coopId, meetingId, data.memberId))) throw new AppError('MEETING_NOT_ELIGIBLE', { fields: [{ field: 'memberId', code: 'not_eligible' }] });
    const before = await findAttendance(trx, ctx.coopId, meetingId, data.memberId);
    const now = ctx.clock.now();
    if (!before || before.left_at || before.participation !== data.participation) {
      await upsertAttendance(trx, {
        coop_id: ctx.coopId,
        meeting_id: meetingId,
        member_id: data.memberId,
        checked_in_at: before && !before.left_at ? before.checked_in_at : now,
        method: 'officer',
        participation: data.participation,
        recorded_by: ctx.actor.accountId,
        left_at: null
      });
      await recordAudit(trx, ctx, {
        action: 'meeting.attendance',
        entity: 'meeting',
        entityId: meetingId,
        before: before ? { memberId: data.memberId, participation: before.participation, leftAt: iso(before.left_at) } : null,
        after: { memberId: data.memberId, participation: data.participation, present: true }
      });
    }
    return meetingView(trx, meeting, meetingQuorum(meeting.kind, rules.quorum), meeting.eligible_count ?? 0);
  });
}

/** An officer records that a member left: they no longer count toward the quorum. */
export async function recordDeparture(ctx: TenantCtx, meetingId: string, input: unknown): Promise<MeetingView> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZLeaveRequest, input);
  const rules = await governanceRules(ctx);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await openMeetingFor(trx, ctx, meetingId);
    const left = await markLeft(trx, ctx.coopId, meetingId, data.memberId, ctx.clock.now());
    if (left) {
      await recordAudit(trx, ctx, { action: 'meeting.departure', entity: 'meeting', entityId: meetingId, before: { memberId: data.memberId, present: true }, after: { memberId: data.memberId, present: false } });
    }
    return meetingView(trx, meeting, meetingQuorum(meeting.kind, rules.quorum), meeting.eligible_count ?? 0);
  });
}
