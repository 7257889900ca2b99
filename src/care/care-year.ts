import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';

/**
 * The social-fund section of the RAT report (issue 18, item 10), built from the care records
 * for a fiscal period: each care fund's opening and closing balance (its ledger account) with
 * what came in and went out through care in the period; aid by category (households and
 * rupiah, net of reversals); applications received, approved and refused by the rule that
 * refused them; programmes with their budget and what they spent in the period. Four
 * statements whatever the records' number; no applicant's name.
 */
export type CareYear = {
  funds: { name: string; kind: string; grantor: string | null; isStateAid: boolean; opening: number; donations: number; grants: number; otherIn: number; aid: number; otherOut: number; closing: number }[];
  aidByCategory: { category: string; households: number; amount: number }[];
  applications: { received: number; approved: number; refused: number; open: number; refusedByRule: { rule: string; count: number }[] };
  programmes: { title: string; status: string; budget: number; actual: number }[];
};

export async function getCareYear(trx: Tx, coopId: string, from: string, to: string): Promise<CareYear> {
  const funds = await sql<{ name: string; kind: string; grantor: string | null; is_state_aid: boolean; opening: string; closing: string; donations: string; grants: string; aid: string; reversals_in: string; reversals_out: string }>`
    SELECT f.name, f.kind, f.grantor, f.is_state_aid,
      (SELECT coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l WHERE l.coop_id = f.coop_id AND l.account_id = f.account_id AND l.entry_date < ${from}::date) AS opening,
      (SELECT coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l WHERE l.coop_id = f.coop_id AND l.account_id = f.account_id AND l.entry_date <= ${to}::date) AS closing,
      coalesce(sum(m.amount) FILTER (WHERE m.kind = 'donation'), 0) AS donations,
      coalesce(sum(m.amount) FILTER (WHERE m.kind = 'grant'), 0) AS grants,
      coalesce(-sum(m.amount) FILTER (WHERE m.kind = 'disbursement'), 0) AS aid,
      coalesce(sum(m.amount) FILTER (WHERE m.kind = 'reversal' AND m.amount > 0), 0) AS reversals_in,
      coalesce(-sum(m.amount) FILTER (WHERE m.kind = 'reversal' AND m.amount < 0), 0) AS reversals_out
    FROM care_funds f
    LEFT JOIN care_movements m ON m.coop_id = f.coop_id AND m.fund_id = f.id AND m.occurred_on BETWEEN ${from}::date AND ${to}::date
    WHERE f.coop_id = ${coopId}
    GROUP BY f.coop_id, f.id, f.name, f.kind, f.grantor, f.is_state_aid, f.account_id, f.created_at
    ORDER BY f.created_at, f.name`.execute(trx);
  const aid = await sql<{ category: string; households: string; amount: string }>`
    SELECT category, count(*) FILTER (WHERE net > 0) AS households, sum(net) AS amount FROM (
      SELECT a.category, a.household_code, -sum(m.amount) AS net
        FROM care_movements m JOIN care_applications a ON a.coop_id = m.coop_id AND a.id = m.application_id
       WHERE m.coop_id = ${coopId} AND m.kind IN ('disbursement', 'reversal') AND m.occurred_on BETWEEN ${from}::date AND ${to}::date
       GROUP BY a.category, a.household_code) h
    GROUP BY category ORDER BY category`.execute(trx);
  const apps = await sql<{ status: string; refused_rule: string | null; n: string }>`
    SELECT status, refused_rule, count(*) AS n FROM care_applications
     WHERE coop_id = ${coopId} AND submitted_on BETWEEN ${from}::date AND ${to}::date GROUP BY status, refused_rule`.execute(trx);
  const programmes = await sql<{ title: string; status: string; budget: string; actual: string }>`
    SELECT p.title, p.status,
      (SELECT coalesce(sum(l.amount), 0) FROM care_budget_lines l WHERE l.coop_id = p.coop_id AND l.programme_id = p.id) AS budget,
      (SELECT coalesce(-sum(m.amount), 0) FROM care_movements m WHERE m.coop_id = p.coop_id AND m.programme_id = p.id AND m.kind IN ('disbursement', 'reversal')
         AND m.occurred_on BETWEEN ${from}::date AND ${to}::date) AS actual
      FROM care_programmes p
     WHERE p.coop_id = ${coopId} AND p.status <> 'cancelled'
       AND coalesce(p.starts_on, (p.created_at AT TIME ZONE 'Asia/Jakarta')::date) <= ${to}::date AND (p.ends_on IS NULL OR p.ends_on >= ${from}::date)
     ORDER BY p.created_at, p.title`.execute(trx);
  const n = (status: string[]) => apps.rows.filter((r) => status.includes(r.status)).reduce((s, r) => s + Number(r.n), 0);
  return {
    funds: funds.rows.map((f) => {
      const opening = Number(f.opening);
      const closing = Number(f.closing);
      const donations = Number(f.donations);
      const grants = Number(f.grants);
      const aidOut = Number(f.aid) - Number(f.reversals_in);
      const inflowReversed = Number(f.reversals_out);
      // What moved the ledger account besides care's own records (the SHU allocation, a manual journal): the rest of the change.
      const change = closing - opening;
      const careNet = donations + grants - inflowReversed - aidOut;
      const rest = change - careNet;
      return {
        name: f.name, kind: f.kind, grantor: f.grantor, isStateAid: f.is_state_aid, opening,
        donations: donations - inflowReversed, grants, otherIn: Math.max(0, rest), aid: aidOut, otherOut: Math.max(0, -rest), closing
      };
    }),
    aidByCategory: aid.rows.map((r) => ({ category: r.category, households: Number(r.households), amount: Number(r.amount) })),
    applications: {
      received: n(['open', 'approved', 'refused', 'paid', 'withdrawn']),
      approved: n(['approved', 'paid']),
      refused: n(['refused']),
      open: n(['open']),
      refusedByRule: apps.rows.filter((r) => r.status === 'refused').map((r) => ({ rule: r.refused_rule ?? 'officers', count: Number(r.n) }))
    },
    programmes: programmes.rows.map((p) => ({ title: p.title, status: p.status, budget: Number(p.budget), actual: Number(p.actual) }))
  };
}
