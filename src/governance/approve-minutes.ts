import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { minutesView, type MinutesView } from './minutes-view.js';
import { ZApproveMinutesRequest } from './model.js';
import { ensureMinutes, findMeeting, findMinutes, updateMinutes } from './store.js';

/**
 * Approve a closed meeting's minutes (usually at the next meeting, which is named). From
 * then on they are read-only — the database refuses changes — and corrections are amendments.
 * The attendance and decisions as they stood are frozen into the approved record.
 */
export async function approveMinutes(ctx: TenantCtx, meetingId: string, input: unknown = {}): Promise<MinutesView> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZApproveMinutesRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    if (meeting.status !== 'closed') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
    if (data.approvedAtMeetingId) {
      const at = await findMeeting(trx, ctx.coopId, data.approvedAtMeetingId);
      if (!at || at.id === meetingId) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'approvedAtMeetingId', code: 'meeting_unknown' }] });
    }
    const now = ctx.clock.now();
    await ensureMinutes(trx, ctx.coopId, meetingId, now);
    const before = await findMinutes(trx, ctx.coopId, meetingId, { lock: true });
    if (before?.status === 'approved') throw new AppError('MINUTES_APPROVED');
    const draft = await minutesView(trx, ctx.coopId, meeting);
    await updateMinutes(trx, ctx.coopId, meetingId, {
      status: 'approved',
      approved_at: now,
      approved_by: ctx.actor.accountId,
      approved_at_meeting_id: data.approvedAtMeetingId ?? null,
      snapshot: JSON.stringify({ attendance: draft.attendance, items: draft.items, otherDecisions: draft.otherDecisions }),
      updated_at: now
    });
    await recordAudit(trx, ctx, { action: 'minutes.approve', entity: 'meeting', entityId: meetingId, before: { status: 'draft' }, after: { status: 'approved', approvedAtMeetingId: data.approvedAtMeetingId ?? null } });
    return minutesView(trx, ctx.coopId, meeting);
  });
}
