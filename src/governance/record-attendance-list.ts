import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { meetingQuorum } from './meeting-eligible.js';
import { attendanceList, findMeeting, markLeft, upsertAttendance } from './store.js';
import { governanceRules } from './support.js';
import { meetingView, type MeetingView } from './views.js';

const ZIds = z.array(z.uuid()).max(10_000);

/** The members shown on the officer's list (`listed`) and, of them, those ticked present. */
export const ZAttendanceListRequest = z.object({ listed: ZIds.min(1), present: ZIds.default([]) });

/**
 * The whole attendance list on one screen (issue 14 item 2): an officer ticks who is there.
 * Of the listed members, a ticked one who is not present is checked in (in person); an
 * unticked one who is present is recorded as having left; the others stay as they are, so
 * a search that shows a few members changes only those. One transaction, one audit line
 * per change, as recordAttendance and recordDeparture write them.
 */
export async function recordAttendanceList(ctx: TenantCtx, meetingId: string, input: unknown): Promise<MeetingView> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZAttendanceListRequest, input);
  const rules = await governanceRules(ctx);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId, { lock: true });
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    if (meeting.status !== 'open') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
    const rows = new Map((await attendanceList(trx, ctx.coopId, meetingId)).map((r) => [r.member_id, r]));
    const ticked = new Set(data.present);
    for (const id of ticked) {
      if (!data.listed.includes(id) || !rows.has(id)) throw new AppError('MEETING_NOT_ELIGIBLE', { fields: [{ field: 'present', code: 'not_eligible' }] });
    }
    const now = ctx.clock.now();
    for (const id of new Set(data.listed)) {
      const row = rows.get(id);
      if (!row) throw new AppError('MEETING_NOT_ELIGIBLE', { fields: [{ field: 'listed', code: 'not_eligible' }] });
      const isPresent = Boolean(row.checked_in_at && !row.left_at);
      if (ticked.has(id) && !isPresent) {
        await upsertAttendance(trx, { coop_id: ctx.coopId, meeting_id: meetingId, member_id: id, checked_in_at: now, method: 'officer', participation: 'in_person', recorded_by: ctx.actor.accountId, left_at: null });
        await recordAudit(trx, ctx, {
          action: 'meeting.attendance',
          entity: 'meeting',
          entityId: meetingId,
          before: row.checked_in_at ? { memberId: id, participation: row.participation, leftAt: row.left_at ? new Date(row.left_at).toISOString() : null } : null,
          after: { memberId: id, participation: 'in_person', present: true }
        });
      } else if (!ticked.has(id) && isPresent) {
        await markLeft(trx, ctx.coopId, meetingId, id, now);
        await recordAudit(trx, ctx, { action: 'meeting.departure', entity: 'meeting', entityId: meetingId, before: { memberId: id, present: true }, after: { memberId: id, present: false } });
      }
    }
    return meetingView(trx, meeting, meetingQuorum(meeting.kind, rules.quorum), meeting.eligible_count ?? 0);
  });
}
