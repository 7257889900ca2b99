import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { findAttendance, findMeeting, findMinutes, isMeetingEligible } from './store.js';

export const ZExcuseRequest = z.object({
  memberId: z.uuid(),
  /** True records the excuse (izin), false removes it. */
  excused: z.preprocess((v) => (v === 'true' || v === 'on' ? true : v === 'false' || v === '' || v === undefined ? false : v), z.boolean()),
  reason: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v), z.string().max(300).nullish())
});

/**
 * Record (or remove) an excused absence — izin — of a participant who did not attend an open or
 * closed meeting, with the reason they gave (issue 14). The minutes list excused members apart
 * from the other absentees. Refused for a member who attended, and once the minutes are approved.
 */
export async function recordExcuse(ctx: TenantCtx, meetingId: string, input: unknown): Promise<{ memberId: string; excused: boolean }> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZExcuseRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId, { lock: true });
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    if (meeting.status !== 'open' && meeting.status !== 'closed') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
    if ((await findMinutes(trx, ctx.coopId, meetingId))?.status === 'approved') throw new AppError('MINUTES_APPROVED');
    if (!(await isMeetingEligible(trx, ctx.coopId, meetingId, data.memberId))) throw new AppError('MEETING_NOT_ELIGIBLE', { fields: [{ field: 'memberId', code: 'not_eligible' }] });
    const attended = await findAttendance(trx, ctx.coopId, meetingId, data.memberId);
    if (data.excused && attended) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'memberId', code: 'excuse_attended' }] });
    const before = await trx.selectFrom('meeting_excuses').selectAll().where('coop_id', '=', ctx.coopId).where('meeting_id', '=', meetingId).where('member_id', '=', data.memberId).executeTakeFirst();
    if (data.excused) {
      await trx
        .insertInto('meeting_excuses')
        .values({ coop_id: ctx.coopId, meeting_id: meetingId, member_id: data.memberId, reason: data.reason ?? null, recorded_by: ctx.actor.accountId, recorded_at: ctx.clock.now() })
        .onConflict((oc) => oc.columns(['coop_id', 'meeting_id', 'member_id']).doUpdateSet({ reason: data.reason ?? null, recorded_by: ctx.actor.accountId, recorded_at: ctx.clock.now() }))
        .execute();
    } else if (before) {
      await trx.deleteFrom('meeting_excuses').where('coop_id', '=', ctx.coopId).where('meeting_id', '=', meetingId).where('member_id', '=', data.memberId).execute();
    }
    if (data.excused || before) {
      await recordAudit(trx, ctx, { action: data.excused ? 'meeting.excuse' : 'meeting.excuse_removed', entity: 'meeting', entityId: meetingId, before: before ? { memberId: before.member_id, reason: before.reason } : null, after: data.excused ? { memberId: data.memberId, reason: data.reason ?? null } : null });
    }
    return { memberId: data.memberId, excused: data.excused };
  });
}
