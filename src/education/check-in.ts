import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { checkInWindow, normaliseCode, ZCheckInRequest } from './model.js';
import { actorMember, markPresent } from './store.js';

export type CheckInResult = { sessionId: string; programmeTitle: string; topic: string; alreadyPresent: boolean; at: string };

/**
 * Self check-in with the session's code (typed, or read from its QR): only inside the
 * session's window and only for someone enrolled in its programme. A repeated check-in
 * answers the same success without a second row; a refused one says why and stores nothing.
 * Success is answered only after the present row is read back inside the transaction.
 */
export async function checkInSelf(ctx: TenantCtx, input: unknown): Promise<CheckInResult> {
  const code = normaliseCode(parseInput(ZCheckInRequest, input).code);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const s = await trx
      .selectFrom('edu_sessions as s')
      .innerJoin('edu_programmes as p', (j) => j.onRef('p.coop_id', '=', 's.coop_id').onRef('p.id', '=', 's.programme_id'))
      .select(['s.id', 's.programme_id', 's.topic', 's.starts_at', 's.ends_at', 's.closed_at', 'p.title'])
      .where('s.coop_id', '=', ctx.coopId)
      .where('s.checkin_code', '=', code)
      .executeTakeFirst();
    if (!s) throw new AppError('EDU_CHECKIN_CODE_UNKNOWN', { fields: [{ field: 'code', code: 'edu_code_unknown' }] });
    const window = checkInWindow({ startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), closedAt: s.closed_at }, ctx.clock.now());
    if (window === 'early') throw new AppError('EDU_CHECKIN_EARLY', { params: { startsAt: new Date(s.starts_at).toISOString() } });
    if (window === 'ended') throw new AppError('EDU_CHECKIN_ENDED');
    const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
    const enrolment = me
      ? await trx.selectFrom('edu_enrolments').select('id').where('coop_id', '=', ctx.coopId).where('programme_id', '=', s.programme_id).where('member_id', '=', me.id).executeTakeFirst()
      : undefined;
    if (!enrolment) throw new AppError('EDU_NOT_ENROLLED');
    const changed = await markPresent(trx, ctx.coopId, s.id, enrolment.id, 'self', ctx.actor.accountId);
    const stored = await trx
      .selectFrom('edu_attendance')
      .select(['recorded_at', 'status'])
      .where('coop_id', '=', ctx.coopId)
      .where('session_id', '=', s.id)
      .where('enrolment_id', '=', enrolment.id)
      .executeTakeFirst();
    if (stored?.status !== 'present') throw new AppError('CONFLICT');
    if (changed) await recordAudit(trx, ctx, { action: 'education.checkin', entity: 'edu_session', entityId: s.id, after: { enrolmentId: enrolment.id, method: 'self' } });
    return { sessionId: s.id, programmeTitle: s.title, topic: s.topic, alreadyPresent: !changed, at: new Date(stored.recorded_at).toISOString() };
  });
}
