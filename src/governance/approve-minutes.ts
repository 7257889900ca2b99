import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { minutesView, type MinutesView } from './minutes-view.js';
import { ZApproveMinutesRequest } from './model.js';
import { ensureMinutes, findMeeting, findMinutes, insertMinutesSignature, minutesSignatures, updateMinutes } from './store.js';

const SIGNERS = ['ketua', 'sekretaris'] as const;

/**
 * Approve a closed meeting's minutes, in one of two ways (issue 14 item 3):
 * - at a later meeting, which is named (`approvedAtMeetingId`: a meeting starting after this
 *   one, not cancelled) — the minutes are approved at once;
 * - outside a meeting, by the chair and the secretary together: each call signs for the
 *   actor's office (ketua or sekretaris) and the minutes are approved only when both offices
 *   have signed, by two different people. One officer alone never approves them.
 * From then on they are read-only — the database refuses changes — and corrections are
 * amendments. The attendance and decisions as they stood are frozen into the approved record.
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
      if (at.status === 'cancelled' || new Date(at.starts_at) <= new Date(meeting.starts_at)) {
        throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'approvedAtMeetingId', code: 'minutes_meeting_not_later' }] });
      }
    }
    const now = ctx.clock.now();
    await ensureMinutes(trx, ctx.coopId, meetingId, now);
    const before = await findMinutes(trx, ctx.coopId, meetingId, { lock: true });
    if (before?.status === 'approved') throw new AppError('MINUTES_APPROVED');
    if (!data.approvedAtMeetingId) {
      const signed = await minutesSignatures(trx, ctx.coopId, meetingId);
      const role = SIGNERS.find((r) => ctx.roles.includes(r) && !signed.some((s) => s.role === r));
      if (signed.some((s) => s.account_id === ctx.actor.accountId) || !role) {
        // Already signed (or the office is signed by someone else): nothing changes until the other office signs.
        if (!SIGNERS.some((r) => ctx.roles.includes(r))) throw new AppError('FORBIDDEN');
        return minutesView(trx, ctx.coopId, meeting);
      }
      await insertMinutesSignature(trx, { coop_id: ctx.coopId, meeting_id: meetingId, role, account_id: ctx.actor.accountId, signed_at: now });
      await recordAudit(trx, ctx, { action: 'minutes.sign', entity: 'meeting', entityId: meetingId, after: { role } });
      if (!SIGNERS.every((r) => r === role || signed.some((s) => s.role === r))) return minutesView(trx, ctx.coopId, meeting);
    }
    const draft = await minutesView(trx, ctx.coopId, meeting);
    await updateMinutes(trx, ctx.coopId, meetingId, {
      status: 'approved',
      approved_at: now,
      approved_by: ctx.actor.accountId,
      approved_at_meeting_id: data.approvedAtMeetingId ?? null,
      snapshot: JSON.stringify({ attendance: draft.attendance, attendees: draft.attendees, absentees: draft.absentees, excused: draft.excused, items: draft.items, otherDecisions: draft.otherDecisions, signatures: draft.signatures }),
      updated_at: now
    });
    await recordAudit(trx, ctx, { action: 'minutes.approve', entity: 'meeting', entityId: meetingId, before: { status: 'draft' }, after: { status: 'approved', approvedAtMeetingId: data.approvedAtMeetingId ?? null } });
    return minutesView(trx, ctx.coopId, meeting);
  });
}
