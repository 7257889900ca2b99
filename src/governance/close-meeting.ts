import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { meetingQuorum } from './meeting-eligible.js';
import { attendanceCounts, findMeeting, updateMeeting } from './store.js';
import { governanceRules } from './support.js';
import { meetingView, type MeetingView } from './views.js';

/** Close an open meeting (closing a closed one changes nothing). Its attendance is final; minutes follow. */
export async function closeMeeting(ctx: TenantCtx, meetingId: string): Promise<MeetingView> {
  requirePermission(ctx, 'meetings.manage');
  const rules = await governanceRules(ctx);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId, { lock: true });
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    const quorum = meetingQuorum(meeting.kind, rules.quorum);
    if (meeting.status === 'closed') return meetingView(trx, meeting, quorum, meeting.eligible_count ?? 0);
    if (meeting.status !== 'open') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
    const now = ctx.clock.now();
    const row = await updateMeeting(trx, ctx.coopId, meetingId, { status: 'closed', closed_at: now });
    const counts = await attendanceCounts(trx, ctx.coopId, meetingId);
    await recordAudit(trx, ctx, { action: 'meeting.close', entity: 'meeting', entityId: meetingId, before: { status: 'open' }, after: { status: 'closed', attended: counts.everAttended, present: counts.present } });
    return meetingView(trx, row, quorum, row.eligible_count ?? 0);
  });
}
