import { timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { meetingQuorum } from './meeting-eligible.js';
import { ZCheckInRequest } from './model.js';
import { findAttendance, findMeeting, isMeetingEligible, upsertAttendance } from './store.js';
import { governanceRules, requireActingMember } from './support.js';
import { meetingView, type MeetingView } from './views.js';

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A member checks themselves in with the code of the meeting's QR (shown in the room or the video call). */
export async function checkIn(ctx: TenantCtx, meetingId: string, input: unknown): Promise<MeetingView> {
  requirePermission(ctx, 'coop.read');
  const data = parseInput(ZCheckInRequest, input);
  const rules = await governanceRules(ctx);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await requireActingMember(trx, ctx);
    const meeting = await findMeeting(trx, ctx.coopId, meetingId);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    if (!sameCode(meeting.checkin_code, data.code)) throw new AppError('MEETING_CHECKIN_INVALID', { fields: [{ field: 'code', code: 'checkin_code_invalid' }] });
    if (meeting.status !== 'open') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
    if (!(await isMeetingEligible(trx, ctx.coopId, meetingId, me.memberId))) throw new AppError('MEETING_NOT_ELIGIBLE');
    const before = await findAttendance(trx, ctx.coopId, meetingId, me.memberId);
    if (!before || before.left_at || before.participation !== data.participation) {
      await upsertAttendance(trx, {
        coop_id: ctx.coopId,
        meeting_id: meetingId,
        member_id: me.memberId,
        checked_in_at: before && !before.left_at ? before.checked_in_at : ctx.clock.now(),
        method: 'qr',
        participation: data.participation,
        recorded_by: ctx.actor.accountId,
        left_at: null
      });
      await recordAudit(trx, ctx, { action: 'meeting.check_in', entity: 'meeting', entityId: meetingId, after: { memberId: me.memberId, participation: data.participation } });
    }
    return meetingView(trx, meeting, meetingQuorum(meeting.kind, rules.quorum), meeting.eligible_count ?? 0);
  });
}
