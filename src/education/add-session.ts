import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { newCheckinCode, ZSessionRequest } from './model.js';
import { checkMembers, findProgramme } from './store.js';
import { loadSession } from './get-session.js';
import type { SessionView } from './model.js';

/**
 * Plan a session of a programme (board or staf). Naming a members' meeting makes the meeting
 * this session too: the meeting's attendance counts here without being entered twice.
 */
export async function addSession(ctx: TenantCtx, programmeId: string, input: unknown): Promise<SessionView> {
  requirePermission(ctx, 'education.manage');
  const d = parseInput(ZSessionRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const p = await findProgramme(trx, ctx.coopId, programmeId);
    if (p.status !== 'active') throw new AppError('EDU_PROGRAMME_CLOSED');
    await checkMembers(trx, ctx.coopId, [d.facilitatorMemberId], 'facilitatorMemberId');
    if (d.meetingId) {
      const m = await trx.selectFrom('meetings').select('id').where('coop_id', '=', ctx.coopId).where('id', '=', d.meetingId).executeTakeFirst();
      if (!m) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'meetingId', code: 'edu_meeting_unknown' }] });
      const taken = await trx.selectFrom('edu_sessions').select('id').where('coop_id', '=', ctx.coopId).where('meeting_id', '=', d.meetingId).executeTakeFirst();
      if (taken) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'meetingId', code: 'edu_meeting_linked' }] });
    }
    const row = await trx
      .insertInto('edu_sessions')
      .values({
        coop_id: ctx.coopId,
        programme_id: programmeId,
        topic: d.topic,
        starts_at: d.startsAt,
        ends_at: d.endsAt,
        venue: d.venue ?? null,
        online_url: d.onlineUrl ?? null,
        capacity: d.capacity ?? null,
        checkin_code: newCheckinCode(randomBytes),
        facilitator_member_id: d.facilitatorMemberId ?? null,
        meeting_id: d.meetingId ?? null,
        created_by: ctx.actor.accountId
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'education.session.create', entity: 'edu_session', entityId: row.id, after: { programmeId, ...d } });
    return loadSession(trx, ctx, row.id);
  });
}
