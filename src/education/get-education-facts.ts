import { sql } from 'kysely';
import { ageOn, jakartaDate } from '../kernel/clock.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { sessionsRequired } from './model.js';
import { presentSql } from './store.js';

/**
 * Education facts for the charter's compliance check and the principle-5 figures, in a
 * constant number of statements. "This year" is the calendar year of the business day (WIB).
 */
export type EducationFacts = {
  year: number;
  /** Active members, and those with at least one session attended this year. */
  activeMembers: number;
  activeWithSession: number;
  /** Minutes attended this year by active members (hours per member = minutes / 60 / active). */
  activeMinutes: number;
  /** Active members with at least `minMinutes` attended this year, and the same for last year among members active then (joined by its end). */
  meetingHours: number;
  lastYear: { sessions: number; members: number; meetingHours: number };
  minMinutes: number;
  /** Distinct participants present this year (members and people without an account), women and youth (16–30) among them. */
  participants: number;
  women: number;
  youth: number;
  /** Members admitted in the last twelve months, and how many of them completed a candidates' programme. */
  admitted: number;
  admittedEducated: number;
  /** Closed regular members' meetings in the last twelve months, and how many were education sessions too. */
  meetings: number;
  meetingsEducation: number;
};

const yearRange = (y: number) => [new Date(`${y}-01-01T00:00:00+07:00`), new Date(`${y + 1}-01-01T00:00:00+07:00`)] as const;

export async function getEducationFacts(ctx: TenantCtx, opts: { minHoursPerYear?: number } = {}): Promise<EducationFacts> {
  const today = jakartaDate(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const [from, to] = yearRange(year);
  const [lastFrom, lastTo] = yearRange(year - 1);
  const minMinutes = (opts.minHoursPerYear ?? 0) * 60;
  const yearAgo = new Date(ctx.clock.now().getTime() - 365 * 86_400_000);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const [perMember, people, admitted, meetings] = await Promise.all([
      sql<{ id: string; joined_on: string | null; status: string; this_min: number; this_n: number; last_min: number; last_n: number }>`
        SELECT m.id, m.joined_on, m.status,
               coalesce(sum(x.minutes) FILTER (WHERE x.starts_at >= ${from} AND x.starts_at < ${to}), 0)::int AS this_min,
               count(x.session_id) FILTER (WHERE x.starts_at >= ${from} AND x.starts_at < ${to})::int AS this_n,
               coalesce(sum(x.minutes) FILTER (WHERE x.starts_at >= ${lastFrom} AND x.starts_at < ${lastTo}), 0)::int AS last_min,
               count(x.session_id) FILTER (WHERE x.starts_at >= ${lastFrom} AND x.starts_at < ${lastTo})::int AS last_n
          FROM members m
          LEFT JOIN (
            SELECT e.member_id, s.id AS session_id, s.starts_at, floor(extract(epoch FROM s.ends_at - s.starts_at) / 60) AS minutes
              FROM ${presentSql(ctx.coopId)} p
              JOIN edu_enrolments e ON e.coop_id = ${ctx.coopId} AND e.id = p.enrolment_id
              JOIN edu_sessions s ON s.coop_id = ${ctx.coopId} AND s.id = p.session_id
             WHERE e.member_id IS NOT NULL AND s.starts_at >= ${lastFrom} AND s.starts_at < ${to}
          ) x ON x.member_id = m.id
         WHERE m.coop_id = ${ctx.coopId} AND m.status IN ('active', 'suspended', 'resigned', 'expelled')
         GROUP BY m.coop_id, m.id`.execute(trx),
      sql<{ key: string; gender: string | null; birth_date: string | null }>`
        SELECT DISTINCT coalesce(e.member_id::text, e.phone, e.id::text) AS key, coalesce(m.gender, e.gender) AS gender, coalesce(m.birth_date, e.birth_date)::text AS birth_date
          FROM ${presentSql(ctx.coopId)} p
          JOIN edu_enrolments e ON e.coop_id = ${ctx.coopId} AND e.id = p.enrolment_id
          JOIN edu_sessions s ON s.coop_id = ${ctx.coopId} AND s.id = p.session_id
          LEFT JOIN members m ON m.coop_id = e.coop_id AND m.id = e.member_id
         WHERE s.starts_at >= ${from} AND s.starts_at < ${to}`.execute(trx),
      admittedFacts(trx, ctx.coopId, jakartaDate(yearAgo)),
      sql<{ meetings: number; education: number }>`
        SELECT count(*)::int AS meetings, count(s.id)::int AS education
          FROM meetings mt LEFT JOIN edu_sessions s ON s.coop_id = mt.coop_id AND s.meeting_id = mt.id
         WHERE mt.coop_id = ${ctx.coopId} AND mt.kind = 'regular' AND mt.status = 'closed' AND mt.starts_at >= ${yearAgo}`.execute(trx)
    ]);
    const active = perMember.rows.filter((r) => r.status === 'active');
    const lastYearEnd = `${year - 1}-12-31`;
    const activeLast = perMember.rows.filter((r) => r.joined_on !== null && r.joined_on <= lastYearEnd && (r.status === 'active' || r.last_n > 0));
    const uniq = new Map(people.rows.map((p) => [p.key, p]));
    const ps = [...uniq.values()];
    return {
      year,
      activeMembers: active.length,
      activeWithSession: active.filter((r) => r.this_n > 0).length,
      activeMinutes: active.reduce((s, r) => s + r.this_min, 0),
      meetingHours: active.filter((r) => r.this_min >= minMinutes).length,
      lastYear: { sessions: activeLast.reduce((s, r) => s + r.last_n, 0), members: activeLast.length, meetingHours: activeLast.filter((r) => r.last_min >= minMinutes).length },
      minMinutes,
      participants: ps.length,
      women: ps.filter((p) => p.gender === 'F').length,
      youth: ps.filter((p) => p.birth_date !== null && ageOn(p.birth_date, today) >= 16 && ageOn(p.birth_date, today) <= 30).length,
      admitted: admitted.admitted,
      admittedEducated: admitted.educated,
      meetings: meetings.rows[0]?.meetings ?? 0,
      meetingsEducation: meetings.rows[0]?.education ?? 0
    };
  });
}

/** Candidates' programmes per member: total sessions, attended, assessment — the rows both checks below read. */
async function candidateRows(trx: Tx, coopId: string, memberFilter: ReturnType<typeof sql>) {
  return (
    await sql<{ member_id: string; total: number; attended: number; min_attendance_bp: number; requires_assessment: boolean; assessment: string | null }>`
      SELECT e.member_id, pr.min_attendance_bp, pr.requires_assessment, e.assessment,
             (SELECT count(*)::int FROM edu_sessions s WHERE s.coop_id = e.coop_id AND s.programme_id = e.programme_id) AS total,
             (SELECT count(*)::int FROM ${presentSql(coopId)} p WHERE p.enrolment_id = e.id) AS attended
        FROM edu_enrolments e JOIN edu_programmes pr ON pr.coop_id = e.coop_id AND pr.id = e.programme_id
       WHERE e.coop_id = ${coopId} AND pr.kind = 'calon_anggota' AND e.member_id IN (${memberFilter})`.execute(trx)
  ).rows;
}
const done = (r: { total: number; attended: number; min_attendance_bp: number; requires_assessment: boolean; assessment: string | null }) =>
  r.total > 0 && r.attended >= sessionsRequired(r.total, r.min_attendance_bp) && (!r.requires_assessment || r.assessment === 'passed');

async function admittedFacts(trx: Tx, coopId: string, since: string): Promise<{ admitted: number; educated: number }> {
  const admitted = await trx.selectFrom('members').select('id').where('coop_id', '=', coopId).where('status', '=', 'active').where('joined_on', '>=', since).execute();
  if (!admitted.length) return { admitted: 0, educated: 0 };
  const rows = await candidateRows(trx, coopId, sql`SELECT id FROM members WHERE coop_id = ${coopId} AND status = 'active' AND joined_on >= ${since}`);
  const educated = new Set(rows.filter(done).map((r) => r.member_id));
  return { admitted: admitted.length, educated: educated.size };
}

/**
 * Whether an applicant completed a candidates' (pre-membership) programme: read by the
 * members capability inside its approval transaction when the charter asks it.
 */
export async function candidateEducationCompleted(trx: Tx, coopId: string, memberId: string): Promise<boolean> {
  const rows = await candidateRows(trx, coopId, sql`${memberId}::uuid`);
  return rows.some(done);
}
