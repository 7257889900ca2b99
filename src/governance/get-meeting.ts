import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { meetingEligibleMembers, meetingQuorum } from './meeting-eligible.js';
import { attendanceList, findAttendance, findMeeting } from './store.js';
import { actingMember, governanceRules, iso } from './support.js';
import { meetingView, type MeetingView } from './views.js';

export type AttendeeView = {
  memberId: string;
  memberNo: number | null;
  fullName: string;
  present: boolean;
  checkedInAt: string | null;
  method: 'officer' | 'qr' | null;
  participation: 'in_person' | 'online' | null;
  leftAt: string | null;
};

export type MeetingDetail = {
  meeting: MeetingView;
  /** The attendance list (officers and supervisors), once the meeting has opened. */
  attendees: AttendeeView[] | null;
  /** The code behind the meeting's QR (officers only). */
  checkinCode: string | null;
  me: { memberId: string; present: boolean; participation: 'in_person' | 'online' | null } | null;
};

/** A meeting with its agenda and live attendance and quorum; every role of the cooperative may read it. */
export async function getMeeting(ctx: TenantCtx, meetingId: string): Promise<MeetingDetail> {
  requirePermission(ctx, 'coop.read');
  const rules = await governanceRules(ctx);
  const officer = can(ctx, 'meetings.manage');
  const auditor = officer || can(ctx, 'governance.audit');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findMeeting(trx, ctx.coopId, meetingId);
    if (!row) throw new AppError('MEETING_NOT_FOUND');
    const eligibleNow = row.eligible_count ?? (await meetingEligibleMembers(trx, ctx.coopId, row.kind)).length;
    const meeting = await meetingView(trx, row, meetingQuorum(row.kind, rules.quorum), eligibleNow);
    const mine = await actingMember(trx, ctx);
    const att = mine ? await findAttendance(trx, ctx.coopId, meetingId, mine.memberId) : undefined;
    const attendees =
      auditor && row.opened_at
        ? (await attendanceList(trx, ctx.coopId, meetingId)).map((a) => ({
            memberId: a.member_id,
            memberNo: a.member_no,
            fullName: a.full_name,
            present: Boolean(a.checked_in_at) && !a.left_at,
            checkedInAt: iso(a.checked_in_at),
            method: a.method,
            participation: a.participation,
            leftAt: iso(a.left_at)
          }))
        : null;
    return {
      meeting,
      attendees,
      checkinCode: officer ? row.checkin_code : null,
      me: mine ? { memberId: mine.memberId, present: Boolean(att && !att.left_at), participation: att && !att.left_at ? att.participation : null } : null
    };
  });
}
