import { sql } from 'kysely';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { sessionMinutes, type AttendanceRow, type SessionView } from './model.js';
import { actorMember, findSession, isFacilitator, presentSql } from './store.js';

/**
 * A session with its live present/absent list (a plain reload refreshes it). The list and
 * the check-in code are for the board, pengawas (read) and the session's facilitator; a
 * member sees the session without them. A constant number of statements at any size.
 */
export async function getSession(ctx: TenantCtx, sessionId: string): Promise<SessionView> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, (trx) => loadSession(trx, ctx, sessionId));
}

export async function loadSession(trx: Tx, ctx: TenantCtx, sessionId: string): Promise<SessionView> {
  const s = await findSession(trx, ctx.coopId, sessionId);
  const [me, programme] = await Promise.all([
    actorMember(trx, ctx.coopId, ctx.actor.accountId),
    trx.selectFrom('edu_programmes').select('title').where('coop_id', '=', ctx.coopId).where('id', '=', s.programme_id).executeTakeFirstOrThrow()
  ]);
  const facilitate = can(ctx, 'education.manage') || (await isFacilitator(trx, ctx.coopId, s, me?.id ?? null));
  const seeList = facilitate || can(ctx, 'education.read');
  const rows = seeList
    ? (
        await sql<{ id: string; full_name: string; participant_kind: string; present: boolean; status: 'present' | 'absent' | null; method: string | null; recorded_at: Date | null }>`
          SELECT e.id, e.full_name, e.participant_kind, (p.enrolment_id IS NOT NULL) AS present, a.status, a.method, a.recorded_at
            FROM edu_enrolments e
            LEFT JOIN ${presentSql(ctx.coopId, { sessionId })} p ON p.enrolment_id = e.id
            LEFT JOIN edu_attendance a ON a.coop_id = e.coop_id AND a.session_id = ${sessionId} AND a.enrolment_id = e.id
           WHERE e.coop_id = ${ctx.coopId} AND e.programme_id = ${s.programme_id}
           ORDER BY e.full_name, e.id`.execute(trx)
      ).rows
    : [];
  const attendance: AttendanceRow[] = rows.map((r) => ({
    enrolmentId: r.id,
    name: r.full_name,
    kind: r.participant_kind,
    status: r.present ? 'present' : r.status === 'absent' ? 'absent' : 'unmarked',
    method: r.present && r.status !== 'present' ? 'meeting' : r.method,
    at: r.recorded_at ? new Date(r.recorded_at).toISOString() : null
  }));
  const count = (st: AttendanceRow['status']) => attendance.filter((a) => a.status === st).length;
  return {
    id: s.id,
    programmeId: s.programme_id,
    programmeTitle: programme.title,
    topic: s.topic,
    startsAt: new Date(s.starts_at).toISOString(),
    endsAt: new Date(s.ends_at).toISOString(),
    minutes: sessionMinutes(s.starts_at, s.ends_at),
    venue: s.venue,
    onlineUrl: s.online_url,
    capacity: s.capacity,
    present: seeList ? count('present') : s.present_count,
    closed: s.closed_at !== null,
    meetingId: s.meeting_id,
    facilitatorMemberId: s.facilitator_member_id,
    checkinCode: facilitate ? s.checkin_code : null,
    counts: { present: count('present'), absent: count('absent'), unmarked: count('unmarked') },
    attendance,
    may: { facilitate }
  };
}
