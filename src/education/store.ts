import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';

/**
 * SQL of the education capability. "Present" is read through one expression everywhere
 * (presentSql): a present row in edu_attendance, or — for a session that is also a
 * members' meeting — the enrolled member's row in the meeting's attendance, so a meeting
 * linked to a programme is never entered twice.
 */

export type ActorMember = { id: string; full_name: string; status: string };

/** The actor's own member row in this cooperative (applicants included), or null. */
export async function actorMember(trx: Tx, coopId: string, accountId: string): Promise<ActorMember | null> {
  const m = await trx.selectFrom('members').select(['id', 'full_name', 'status']).where('coop_id', '=', coopId).where('account_id', '=', accountId).executeTakeFirst();
  return m ?? null;
}

/** (session_id, enrolment_id) pairs present, for the coop, optionally narrowed by programme / session / member. */
export function presentSql(coopId: string, f: { programmeId?: string; sessionId?: string; memberId?: string } = {}): RawBuilder<unknown> {
  const prog = f.programmeId ? sql`AND s.programme_id = ${f.programmeId}` : sql``;
  const sess = f.sessionId ? sql`AND s.id = ${f.sessionId}` : sql``;
  const mem = f.memberId ? sql`AND e.member_id = ${f.memberId}` : sql``;
  return sql`(
    SELECT a.session_id, a.enrolment_id, 'edu'::text AS via
      FROM edu_attendance a
      JOIN edu_sessions s ON s.coop_id = a.coop_id AND s.id = a.session_id
      JOIN edu_enrolments e ON e.coop_id = a.coop_id AND e.id = a.enrolment_id
     WHERE a.coop_id = ${coopId} AND a.status = 'present' ${prog} ${sess} ${mem}
    UNION
    SELECT s.id, e.id, 'meeting'::text
      FROM edu_sessions s
      JOIN edu_enrolments e ON e.coop_id = s.coop_id AND e.programme_id = s.programme_id
      JOIN meeting_attendance ma ON ma.coop_id = s.coop_id AND ma.meeting_id = s.meeting_id AND ma.member_id = e.member_id
     WHERE s.coop_id = ${coopId} AND s.meeting_id IS NOT NULL ${prog} ${sess} ${mem}
  )`;
}

export async function findProgramme(trx: Tx, coopId: string, programmeId: string) {
  const p = await trx.selectFrom('edu_programmes').selectAll().where('coop_id', '=', coopId).where('id', '=', programmeId).executeTakeFirst();
  if (!p) throw new AppError('EDU_PROGRAMME_NOT_FOUND');
  return p;
}

export async function findSession(trx: Tx, coopId: string, sessionId: string) {
  const s = await trx.selectFrom('edu_sessions').selectAll().where('coop_id', '=', coopId).where('id', '=', sessionId).executeTakeFirst();
  if (!s) throw new AppError('EDU_SESSION_NOT_FOUND');
  return s;
}

/**
 * Whether member `memberId` facilitates this session: named on the session, or — when the
 * session names nobody — one of the programme's facilitators.
 */
export async function isFacilitator(trx: Tx, coopId: string, session: { programme_id: string; facilitator_member_id: string | null }, memberId: string | null): Promise<boolean> {
  if (!memberId) return false;
  if (session.facilitator_member_id) return session.facilitator_member_id === memberId;
  const f = await trx
    .selectFrom('edu_programme_facilitators')
    .select('member_id')
    .where('coop_id', '=', coopId)
    .where('programme_id', '=', session.programme_id)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return !!f;
}

/** Members named in an input must be this cooperative's. */
export async function checkMembers(trx: Tx, coopId: string, ids: (string | null | undefined)[], field: string): Promise<void> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return;
  const found = await trx.selectFrom('members').select('id').where('coop_id', '=', coopId).where('id', 'in', want).execute();
  if (found.length !== want.length) throw new AppError('VALIDATION_FAILED', { fields: [{ field, code: 'member_unknown' }] });
}

/**
 * Mark one enrolment present in a session, concurrency-safe: the attendance row is written
 * first (ON CONFLICT … WHERE status <> 'present' — a second, simultaneous mark waits for the
 * first and then changes nothing), then the session's present counter moves by a
 * conditional UPDATE that refuses past capacity (the whole transaction then rolls back).
 * Returns whether this call made the person present. A changed row takes EXCLUDED.recorded_at
 * (the column's default, now()): Citus refuses non-IMMUTABLE functions in DO UPDATE SET.
 */
export async function markPresent(trx: Tx, coopId: string, sessionId: string, enrolmentId: string, method: 'self' | 'facilitator', by: string | null): Promise<boolean> {
  const changed = await sql<{ enrolment_id: string }>`
    INSERT INTO edu_attendance (coop_id, session_id, enrolment_id, status, method, recorded_by)
    VALUES (${coopId}, ${sessionId}, ${enrolmentId}, 'present', ${method}, ${by})
    ON CONFLICT (coop_id, session_id, enrolment_id) DO UPDATE
      SET status = 'present', method = EXCLUDED.method, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
      WHERE edu_attendance.status <> 'present'
    RETURNING enrolment_id`.execute(trx);
  if (changed.rows.length === 0) return false;
  const seat = await trx
    .updateTable('edu_sessions')
    .set((eb) => ({ present_count: eb('present_count', '+', 1) }))
    .where('coop_id', '=', coopId)
    .where('id', '=', sessionId)
    .where((eb) => eb.or([eb('capacity', 'is', null), eb('present_count', '<', eb.ref('capacity'))]))
    .returning('present_count')
    .executeTakeFirst();
  if (!seat) throw new AppError('EDU_SESSION_FULL');
  return true;
}

/** Mark absent; frees the place if the person was present. Returns whether anything changed. */
export async function markAbsent(trx: Tx, coopId: string, sessionId: string, enrolmentId: string, method: 'facilitator' | 'auto', by: string | null): Promise<boolean> {
  const before = await trx
    .selectFrom('edu_attendance')
    .select('status')
    .where('coop_id', '=', coopId)
    .where('session_id', '=', sessionId)
    .where('enrolment_id', '=', enrolmentId)
    .forUpdate()
    .executeTakeFirst();
  if (before?.status === 'absent') return false;
  await sql`
    INSERT INTO edu_attendance (coop_id, session_id, enrolment_id, status, method, recorded_by)
    VALUES (${coopId}, ${sessionId}, ${enrolmentId}, 'absent', ${method}, ${by})
    ON CONFLICT (coop_id, session_id, enrolment_id) DO UPDATE SET status = 'absent', method = EXCLUDED.method, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at`.execute(trx);
  if (before?.status === 'present') {
    await trx
      .updateTable('edu_sessions')
      .set((eb) => ({ present_count: eb('present_count', '-', 1) }))
      .where('coop_id', '=', coopId)
      .where('id', '=', sessionId)
      .execute();
  }
  return true;
}

/** Participants of a programme with their attendance, minutes, assessment and certificate: one statement. */
export async function participantRows(trx: Tx, coopId: string, programmeId: string) {
  const r = await sql<{
    id: string;
    member_id: string | null;
    full_name: string;
    phone: string | null;
    participant_kind: string;
    assessment: 'passed' | 'failed' | null;
    attended: number;
    minutes: number;
    certificate_code: string | null;
  }>`
    SELECT e.id, e.member_id, e.full_name, e.phone, e.participant_kind, e.assessment,
           count(p.session_id)::int AS attended,
           coalesce(sum(floor(extract(epoch FROM s.ends_at - s.starts_at) / 60)), 0)::int AS minutes,
           (SELECT c.code FROM edu_certificates c WHERE c.coop_id = e.coop_id AND c.enrolment_id = e.id AND c.session_id IS NULL) AS certificate_code
      FROM edu_enrolments e
      LEFT JOIN ${presentSql(coopId, { programmeId })} p ON p.enrolment_id = e.id
      LEFT JOIN edu_sessions s ON s.coop_id = e.coop_id AND s.id = p.session_id
     WHERE e.coop_id = ${coopId} AND e.programme_id = ${programmeId}
     GROUP BY e.coop_id, e.id
     ORDER BY e.full_name, e.id`.execute(trx);
  return r.rows;
}
