import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { loadSession } from './get-session.js';
import { ZMarkRequest, type SessionView } from './model.js';
import { actorMember, findSession, isFacilitator, markAbsent, markPresent } from './store.js';

/** The board (education.manage) or this session's own facilitator; never anyone else (pengawas read only). */
async function requireFacilitator(trx: Tx, ctx: TenantCtx, session: { programme_id: string; facilitator_member_id: string | null }): Promise<void> {
  if (can(ctx, 'education.manage')) return;
  const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
  if (!(await isFacilitator(trx, ctx.coopId, session, me?.id ?? null))) throw new AppError('EDU_NOT_FACILITATOR');
}

/** The facilitator's list: mark one enrolled person present or absent (also after the session, to correct it). */
export async function markAttendance(ctx: TenantCtx, sessionId: string, input: unknown): Promise<SessionView> {
  const d = parseInput(ZMarkRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const s = await findSession(trx, ctx.coopId, sessionId);
    await requireFacilitator(trx, ctx, s);
    const e = await trx.selectFrom('edu_enrolments').select('id').where('coop_id', '=', ctx.coopId).where('id', '=', d.enrolmentId).where('programme_id', '=', s.programme_id).executeTakeFirst();
    if (!e) throw new AppError('EDU_NOT_ENROLLED', { fields: [{ field: 'enrolmentId', code: 'edu_not_enrolled' }] });
    const changed = d.status === 'present' ? await markPresent(trx, ctx.coopId, s.id, e.id, 'facilitator', ctx.actor.accountId) : await markAbsent(trx, ctx.coopId, s.id, e.id, 'facilitator', ctx.actor.accountId);
    if (changed) await recordAudit(trx, ctx, { action: 'education.attendance.mark', entity: 'edu_session', entityId: s.id, after: { enrolmentId: e.id, status: d.status } });
    return loadSession(trx, ctx, s.id);
  });
}

/** End a session: everyone enrolled and not present is marked absent ('auto'); check-in closes. */
export async function closeSession(ctx: TenantCtx, sessionId: string): Promise<SessionView> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const s = await findSession(trx, ctx.coopId, sessionId);
    if (ctx.actor.via !== 'system') await requireFacilitator(trx, ctx, s);
    const closed = await trx.updateTable('edu_sessions').set({ closed_at: ctx.clock.now() }).where('coop_id', '=', ctx.coopId).where('id', '=', s.id).where('closed_at', 'is', null).returning('id').executeTakeFirst();
    if (closed) {
      const marked = await markUnmarkedAbsent(trx, ctx.coopId, s.id);
      await recordAudit(trx, ctx, { action: 'education.session.close', entity: 'edu_session', entityId: s.id, after: { markedAbsent: marked } });
    }
    return loadSession(trx, ctx, s.id);
  });
}

/** One INSERT … SELECT: every enrolment of the session's programme without a row becomes absent. */
async function markUnmarkedAbsent(trx: Tx, coopId: string, sessionId: string): Promise<number> {
  const r = await trx
    .insertInto('edu_attendance')
    .columns(['coop_id', 'session_id', 'enrolment_id', 'status', 'method'])
    .expression((eb) =>
      eb
        .selectFrom('edu_enrolments as e')
        .innerJoin('edu_sessions as s', (j) => j.onRef('s.coop_id', '=', 'e.coop_id').onRef('s.programme_id', '=', 'e.programme_id'))
        .select([eb.val(coopId).as('coop_id'), eb.val(sessionId).as('session_id'), 'e.id', eb.val('absent').as('status'), eb.val('auto').as('method')])
        .where('s.coop_id', '=', coopId)
        .where('s.id', '=', sessionId)
        .where((w) => w.not(w.exists(w.selectFrom('edu_attendance as a').select('a.enrolment_id').whereRef('a.coop_id', '=', 'e.coop_id').where('a.session_id', '=', sessionId).whereRef('a.enrolment_id', '=', 'e.id')))) as never
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** Close every session whose end has passed (the order timer's minute sweep calls this per coop). */
export async function closeEndedSessions(ctx: TenantCtx): Promise<number> {
  const due = await withTenant(ctx.db, ctx.coopId, (trx) =>
    trx.selectFrom('edu_sessions').select('id').where('coop_id', '=', ctx.coopId).where('closed_at', 'is', null).where('ends_at', '<', ctx.clock.now()).execute()
  );
  for (const s of due) await closeSession(ctx, s.id);
  return due.length;
}
