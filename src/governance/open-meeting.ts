import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { meetingEligibleMembers, meetingQuorum } from './meeting-eligible.js';
import { findMeeting, snapshotMeetingEligible, updateMeeting } from './store.js';
import { governanceRules } from './support.js';
import { meetingView, type MeetingView } from './views.js';

/**
 * Open a meeting: the members who may attend are frozen now (item 14: the quorum's
 * denominator is the eligible count at the meeting's start), and check-in begins.
 */
export async function openMeeting(ctx: TenantCtx, meetingId: string): Promise<MeetingView> {
  requirePermission(ctx, 'meetings.manage');
  const rules = await governanceRules(ctx);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId, { lock: true });
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
    const eligible = await meetingEligibleMembers(trx, ctx.coopId, meeting.kind);
    await snapshotMeetingEligible(trx, ctx.coopId, meetingId, eligible.map((m) => m.memberId));
    const now = ctx.clock.now();
    const row = await updateMeeting(trx, ctx.coopId, meetingId, { status: 'open', opened_at: now, eligible_count: eligible.length });
    await recordAudit(trx, ctx, { action: 'meeting.open', entity: 'meeting', entityId: meetingId, before: { status: meeting.status }, after: { status: 'open', eligible: eligible.length, openedAt: now.toISOString() } });
    return meetingView(trx, row, meetingQuorum(row.kind, rules.quorum), eligible.length);
  });
}
