import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import { presentSql } from './store.js';

export type EducationYear = {
  sessions: number;
  participants: number;
  minutes: number;
  programmes: { title: string; sessions: number; participants: number; minutes: number; budget: number; spent: number }[];
};

/**
 * The education section of the RAT report: for sessions held between two business days
 * (inclusive, WIB) — sessions, distinct participants, person-minutes, and per programme the
 * same with its budget and the education-fund spending dated in the period. Read-only, inside
 * the report's own tenant transaction; two statements.
 */
export async function getEducationYear(trx: Tx, coopId: string, from: string, to: string): Promise<EducationYear> {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const [rows, spend] = await Promise.all([
    sql<{ programme_id: string; title: string; budget: number; sessions: number; participants: number; minutes: number }>`
      SELECT pr.id AS programme_id, pr.title, pr.budget,
             count(DISTINCT s.id)::int AS sessions,
             count(DISTINCT coalesce(e.member_id::text, e.phone, e.id::text))::int AS participants,
             coalesce(sum(CASE WHEN p.enrolment_id IS NOT NULL THEN floor(extract(epoch FROM s.ends_at - s.starts_at) / 60) END), 0)::int AS minutes
        FROM edu_programmes pr
        JOIN edu_sessions s ON s.coop_id = pr.coop_id AND s.programme_id = pr.id AND s.starts_at >= ${start} AND s.starts_at < ${end}
        LEFT JOIN ${presentSql(coopId)} p ON p.session_id = s.id
        LEFT JOIN edu_enrolments e ON e.coop_id = pr.coop_id AND e.id = p.enrolment_id
       WHERE pr.coop_id = ${coopId}
       GROUP BY pr.coop_id, pr.id
       ORDER BY pr.title`.execute(trx),
    sql<{ programme_id: string; title: string; budget: number; spent: string }>`
      SELECT f.programme_id, pr.title, pr.budget, sum(f.amount) AS spent
        FROM edu_fund_spending f JOIN edu_programmes pr ON pr.coop_id = f.coop_id AND pr.id = f.programme_id
       WHERE f.coop_id = ${coopId} AND f.spent_on BETWEEN ${from} AND ${to}
       GROUP BY f.programme_id, pr.title, pr.budget`.execute(trx)
  ]);
  const spent = new Map(spend.rows.map((r) => [r.programme_id, Number(r.spent)]));
  const programmes = rows.rows.map((r) => ({ title: r.title, sessions: r.sessions, participants: r.participants, minutes: r.minutes, budget: Number(r.budget), spent: spent.get(r.programme_id) ?? 0 }));
  for (const s of spend.rows) if (!rows.rows.some((r) => r.programme_id === s.programme_id)) programmes.push({ title: s.title, sessions: 0, participants: 0, minutes: 0, budget: Number(s.budget), spent: Number(s.spent) });
  // Distinct participants over the whole period (a person in two programmes counts once).
  const all = await sql<{ n: number }>`
    SELECT count(DISTINCT coalesce(e.member_id::text, e.phone, e.id::text))::int AS n
      FROM ${presentSql(coopId)} p
      JOIN edu_sessions s ON s.coop_id = ${coopId} AND s.id = p.session_id
      JOIN edu_enrolments e ON e.coop_id = ${coopId} AND e.id = p.enrolment_id
     WHERE s.starts_at >= ${start} AND s.starts_at < ${end}`.execute(trx);
  return {
    sessions: programmes.reduce((s, p) => s + p.sessions, 0),
    participants: all.rows[0]?.n ?? 0,
    minutes: programmes.reduce((s, p) => s + p.minutes, 0),
    programmes
  };
}
