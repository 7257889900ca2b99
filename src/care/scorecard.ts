import { sql } from 'kysely';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { findCoopBySlug } from '../coops/store.js';
import { getEducationYear } from '../education/get-education-year.js';
import { YOUTH_MAX_AGE, YOUTH_MIN_AGE } from '../members/get-member-statistics.js';

/**
 * The seven-principles scorecard (issue 18, item 9): each ICA principle measured from the
 * cooperative's own records for a calendar year, with the previous year beside it. A figure
 * the platform cannot measure is `null` with the reason — never an invented number.
 */
export type Figure = { value: number | null; part?: number; whole?: number };
export type Measure = { key: string; unit: 'count' | 'rupiah' | 'share' | 'days' | 'hours'; current: Figure; previous: Figure };
export type PrincipleScore = { n: 1 | 2 | 3 | 4 | 5 | 6 | 7; key: string; measured: boolean; reason: string | null; measures: Measure[] };
export type Scorecard = { coop: { slug: string; name: string }; year: number; previousYear: number; latestYear: number; principles: PrincipleScore[] };

const num = (v: unknown): number => Number(v ?? 0);
/** A share in basis points of a part of a whole; null when the whole is 0 (nothing to divide). */
const share = (part: number, whole: number): Figure => ({ value: whole > 0 ? Math.round((part * 10_000) / whole) : null, part, whole });
const count = (v: unknown): Figure => ({ value: num(v) });
const avg = (v: unknown): Figure => ({ value: v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10 });

type YearRow<T> = T & { y: number };
function byYear<T>(rows: YearRow<T>[], year: number): YearRow<T> {
  return rows.find((r) => Number(r.y) === year)!;
}
function measure<T>(rows: YearRow<T>[], year: number, key: string, unit: Measure['unit'], f: (r: YearRow<T>) => Figure): Measure {
  return { key, unit, current: f(byYear(rows, year)), previous: f(byYear(rows, year - 1)) };
}
/** The two years as rows (previous, current) with their first and last day. */
const years = (year: number) => sql`(SELECT y, make_date(y, 1, 1) AS d0, make_date(y, 12, 31) AS d1 FROM unnest(ARRAY[${year - 1}, ${year}]::int[]) AS y)`;

/** Principle 1: applications, approvals, refusals, days to decide; women and youth among the members at the year's end. */
async function openMembership(trx: Tx, coopId: string, year: number): Promise<Measure[]> {
  const { rows } = await sql<YearRow<{ applications: string; approvals: string; refusals: string; days: string | null; members: string; women: string; youth: string }>>`
    SELECT yr.y,
      (SELECT count(*) FROM membership_periods p WHERE p.coop_id = ${coopId} AND (p.applied_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS applications,
      (SELECT count(*) FROM membership_periods p WHERE p.coop_id = ${coopId} AND p.joined_on BETWEEN yr.d0 AND yr.d1) AS approvals,
      (SELECT count(*) FROM member_status_history h WHERE h.coop_id = ${coopId} AND h.to_status = 'rejected' AND (h.at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS refusals,
      (SELECT avg(p.joined_on - (p.applied_at AT TIME ZONE 'Asia/Jakarta')::date) FROM membership_periods p
        WHERE p.coop_id = ${coopId} AND p.joined_on BETWEEN yr.d0 AND yr.d1 AND p.joined_on >= (p.applied_at AT TIME ZONE 'Asia/Jakarta')::date) AS days,
      count(m.id) AS members,
      count(m.id) FILTER (WHERE m.gender = 'F') AS women,
      count(m.id) FILTER (WHERE date_part('year', age(yr.d1, m.birth_date)) BETWEEN ${YOUTH_MIN_AGE} AND ${YOUTH_MAX_AGE}) AS youth
    FROM ${years(year)} yr
    LEFT JOIN members m ON m.coop_id = ${coopId} AND EXISTS (SELECT 1 FROM membership_periods p WHERE p.coop_id = m.coop_id AND p.member_id = m.id
      AND p.joined_on <= yr.d1 AND (p.left_on IS NULL OR p.left_on > yr.d1))
    GROUP BY yr.y, yr.d0, yr.d1`.execute(trx);
  return [
    measure(rows, year, 'applications', 'count', (r) => count(r.applications)),
    measure(rows, year, 'approvals', 'count', (r) => count(r.approvals)),
    measure(rows, year, 'refusals', 'count', (r) => count(r.refusals)),
    measure(rows, year, 'daysToDecide', 'days', (r) => avg(r.days)),
    measure(rows, year, 'members', 'count', (r) => count(r.members)),
    measure(rows, year, 'women', 'share', (r) => share(num(r.women), num(r.members))),
    measure(rows, year, 'youth', 'share', (r) => share(num(r.youth), num(r.members)))
  ];
}

/** Principle 2: attendance at the members' meetings closed in the year; ballot participation in the votes closed in it. */
async function democraticControl(trx: Tx, coopId: string, year: number): Promise<Measure[]> {
  const { rows } = await sql<YearRow<{ meetings: string; eligible: string; attended: string; votes: string; electorate: string; voted: string }>>`
    SELECT yr.y,
      (SELECT count(*) FROM meetings mt WHERE mt.coop_id = ${coopId} AND mt.status = 'closed' AND mt.kind IN ('regular', 'rat', 'extraordinary', 'founding')
        AND (mt.starts_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS meetings,
      (SELECT coalesce(sum(mt.eligible_count), 0) FROM meetings mt WHERE mt.coop_id = ${coopId} AND mt.status = 'closed' AND mt.kind IN ('regular', 'rat', 'extraordinary', 'founding')
        AND mt.eligible_count IS NOT NULL AND (mt.starts_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS eligible,
      (SELECT count(*) FROM meeting_attendance a JOIN meetings mt ON mt.coop_id = a.coop_id AND mt.id = a.meeting_id
        WHERE a.coop_id = ${coopId} AND mt.status = 'closed' AND mt.kind IN ('regular', 'rat', 'extraordinary', 'founding')
        AND mt.eligible_count IS NOT NULL AND (mt.starts_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS attended,
      (SELECT count(*) FROM decisions d WHERE d.coop_id = ${coopId} AND d.status = 'closed' AND d.opened_at IS NOT NULL AND d.electorate_size IS NOT NULL
        AND (d.closed_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS votes,
      (SELECT coalesce(sum(d.electorate_size), 0) FROM decisions d WHERE d.coop_id = ${coopId} AND d.status = 'closed' AND d.opened_at IS NOT NULL AND d.electorate_size IS NOT NULL
        AND (d.closed_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS electorate,
      (SELECT count(*) FROM participations pa JOIN decisions d ON d.coop_id = pa.coop_id AND d.id = pa.decision_id
        WHERE pa.coop_id = ${coopId} AND d.status = 'closed' AND d.opened_at IS NOT NULL AND d.electorate_size IS NOT NULL
        AND (d.closed_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS voted
    FROM ${years(year)} yr`.execute(trx);
  return [
    measure(rows, year, 'meetings', 'count', (r) => count(r.meetings)),
    measure(rows, year, 'attendance', 'share', (r) => share(num(r.attended), num(r.eligible))),
    measure(rows, year, 'votes', 'count', (r) => count(r.votes)),
    measure(rows, year, 'ballotParticipation', 'share', (r) => share(num(r.voted), num(r.electorate)))
  ];
}

/**
 * Principles 3 and 4 from the books at each year's end: members' savings (pokok, wajib,
 * sukarela) per member; SHU shared out to members for the year; and the share of the
 * cooperative's funding that comes from outside its members (bank loans, equity participation,
 * grants in equity and grant funds held) against that from members.
 */
async function economics(trx: Tx, coopId: string, year: number): Promise<{ p3: Measure[]; p4: Measure[] }> {
  const { rows } = await sql<YearRow<{ member_capital: string; outside: string; members: string; shu: string | null; shu_runs: string }>>`
    SELECT yr.y,
      (SELECT coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id
        WHERE l.coop_id = ${coopId} AND l.entry_date <= yr.d1 AND a.system_key IN ('SIMPANAN_POKOK', 'SIMPANAN_WAJIB', 'SIMPANAN_SUKARELA')) AS member_capital,
      (SELECT coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id
        WHERE l.coop_id = ${coopId} AND l.entry_date <= yr.d1
          AND (a.system_key IN ('BANK_LOAN', 'MODAL_PENYERTAAN', 'HIBAH') OR a.id IN (SELECT f.account_id FROM care_funds f WHERE f.coop_id = ${coopId} AND f.kind = 'hibah'))) AS outside,
      (SELECT count(DISTINCT p.member_id) FROM membership_periods p WHERE p.coop_id = ${coopId} AND p.joined_on <= yr.d1 AND (p.left_on IS NULL OR p.left_on > yr.d1)) AS members,
      (SELECT sum(rm.total) FROM shu_runs r JOIN shu_run_members rm ON rm.coop_id = r.coop_id AND rm.run_id = r.id
        WHERE r.coop_id = ${coopId} AND r.fiscal_year = yr.y AND r.status IN ('posted', 'paid')) AS shu,
      (SELECT count(*) FROM shu_runs r WHERE r.coop_id = ${coopId} AND r.fiscal_year = yr.y AND r.status IN ('posted', 'paid')) AS shu_runs
    FROM ${years(year)} yr`.execute(trx);
  const capitalPerMember = (r: YearRow<{ member_capital: string; members: string }>): Figure =>
    num(r.members) > 0 ? { value: Math.floor(num(r.member_capital) / num(r.members)), part: num(r.member_capital), whole: num(r.members) } : { value: null, part: num(r.member_capital), whole: 0 };
  return {
    p3: [
      measure(rows, year, 'capitalPerMember', 'rupiah', capitalPerMember),
      // No SHU run posted for the year: not measured yet (the RAT decides it after the year ends).
      measure(rows, year, 'shuDistributed', 'rupiah', (r) => ({ value: num(r.shu_runs) > 0 ? num(r.shu) : null }))
    ],
    p4: [
      measure(rows, year, 'outsideFunding', 'rupiah', (r) => count(r.outside)),
      measure(rows, year, 'memberFunding', 'rupiah', (r) => count(r.member_capital)),
      measure(rows, year, 'outsideShare', 'share', (r) => share(Math.max(0, num(r.outside)), Math.max(0, num(r.outside)) + Math.max(0, num(r.member_capital))))
    ]
  };
}

/** Principle 7: what the care funds paid out, to how many households, and the programmes running in the year. */
async function community(trx: Tx, coopId: string, year: number): Promise<Measure[]> {
  const { rows } = await sql<YearRow<{ spent: string; received: string; households: string; programmes: string; applications: string; approved: string }>>`
    SELECT yr.y,
      (SELECT coalesce(-sum(m.amount) FILTER (WHERE m.kind IN ('disbursement') OR (m.kind = 'reversal' AND m.amount > 0)), 0) FROM care_movements m
        WHERE m.coop_id = ${coopId} AND m.occurred_on BETWEEN yr.d0 AND yr.d1) AS spent,
      (SELECT coalesce(sum(m.amount) FILTER (WHERE m.kind IN ('donation', 'grant') OR (m.kind = 'reversal' AND m.amount < 0)), 0) FROM care_movements m
        WHERE m.coop_id = ${coopId} AND m.occurred_on BETWEEN yr.d0 AND yr.d1) AS received,
      (SELECT count(*) FROM (SELECT a.household_code FROM care_movements m JOIN care_applications a ON a.coop_id = m.coop_id AND a.id = m.application_id
        WHERE m.coop_id = ${coopId} AND m.kind IN ('disbursement', 'reversal') AND m.occurred_on BETWEEN yr.d0 AND yr.d1
        GROUP BY a.household_code HAVING -sum(m.amount) > 0) h) AS households,
      (SELECT count(*) FROM care_programmes p WHERE p.coop_id = ${coopId} AND p.status <> 'cancelled'
        AND coalesce(p.starts_on, (p.created_at AT TIME ZONE 'Asia/Jakarta')::date) <= yr.d1 AND (p.ends_on IS NULL OR p.ends_on >= yr.d0)) AS programmes,
      (SELECT count(*) FROM care_applications a WHERE a.coop_id = ${coopId} AND a.submitted_on BETWEEN yr.d0 AND yr.d1) AS applications,
      (SELECT count(*) FROM care_applications a WHERE a.coop_id = ${coopId} AND a.submitted_on BETWEEN yr.d0 AND yr.d1 AND a.status IN ('approved', 'paid')) AS approved
    FROM ${years(year)} yr`.execute(trx);
  return [
    measure(rows, year, 'careSpent', 'rupiah', (r) => count(r.spent)),
    measure(rows, year, 'careReceived', 'rupiah', (r) => count(r.received)),
    measure(rows, year, 'beneficiaries', 'count', (r) => count(r.households)),
    measure(rows, year, 'programmes', 'count', (r) => count(r.programmes)),
    measure(rows, year, 'aidApproved', 'share', (r) => share(num(r.approved), num(r.applications)))
  ];
}

/** Principle 5 from the education records: sessions, distinct participants, person-hours. */
async function education(trx: Tx, coopId: string, year: number): Promise<Measure[]> {
  const cur = await getEducationYear(trx, coopId, `${year}-01-01`, `${year}-12-31`);
  const prev = await getEducationYear(trx, coopId, `${year - 1}-01-01`, `${year - 1}-12-31`);
  const hours = (m: number): Figure => ({ value: Math.round(m / 6) / 10 });
  return [
    { key: 'eduSessions', unit: 'count', current: { value: cur.sessions }, previous: { value: prev.sessions } },
    { key: 'eduParticipants', unit: 'count', current: { value: cur.participants }, previous: { value: prev.participants } },
    { key: 'eduHours', unit: 'hours', current: hours(cur.minutes), previous: hours(prev.minutes) }
  ];
}

/**
 * Principle 6 from the networks capability (issue 19): the networks the coop belonged to at the
 * year's end, and its inter-cooperative trade paid in the year — sales and purchases in rupiah
 * (a refunded trade no longer counts) and the number of partner coops. Only this coop's own
 * trade sides are read (its tenancy); memberships are the networks' reference rows for this coop.
 */
async function cooperation(trx: Tx, coopId: string, year: number): Promise<Measure[]> {
  const { rows } = await sql<YearRow<{ networks: string; sales: string; purchases: string; partners: string }>>`
    SELECT yr.y,
      (SELECT count(*) FROM network_memberships nm WHERE nm.member_coop_id = ${coopId} AND nm.joined_at IS NOT NULL
          AND (nm.joined_at AT TIME ZONE 'Asia/Jakarta')::date <= yr.d1
          AND (nm.left_at IS NULL OR (nm.left_at AT TIME ZONE 'Asia/Jakarta')::date > yr.d1)) AS networks,
      (SELECT coalesce(sum(s.total), 0) FROM network_trade_sides s WHERE s.coop_id = ${coopId} AND s.side = 'seller' AND s.status = 'paid'
          AND (s.paid_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS sales,
      (SELECT coalesce(sum(s.total), 0) FROM network_trade_sides s WHERE s.coop_id = ${coopId} AND s.side = 'buyer' AND s.status = 'paid'
          AND (s.paid_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS purchases,
      (SELECT count(DISTINCT s.counterparty_coop_id) FROM network_trade_sides s WHERE s.coop_id = ${coopId} AND s.status = 'paid'
          AND (s.paid_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN yr.d0 AND yr.d1) AS partners
    FROM ${years(year)} yr`.execute(trx);
  return [
    measure(rows, year, 'networks', 'count', (r) => count(r.networks)),
    measure(rows, year, 'tradePartners', 'count', (r) => count(r.partners)),
    measure(rows, year, 'interCoopSales', 'rupiah', (r) => count(r.sales)),
    measure(rows, year, 'interCoopPurchases', 'rupiah', (r) => count(r.purchases))
  ];
}

/** The statements a scorecard runs (its figures come from a fixed number of statements, whatever the data's size). */
export async function scorecardFor(trx: Tx, coopId: string, year: number): Promise<PrincipleScore[]> {
  const p1 = await openMembership(trx, coopId, year);
  const p2 = await democraticControl(trx, coopId, year);
  const { p3, p4 } = await economics(trx, coopId, year);
  const p5 = await education(trx, coopId, year);
  const p6 = await cooperation(trx, coopId, year);
  const p7 = await community(trx, coopId, year);
  return [
    { n: 1, key: 'openMembership', measured: true, reason: null, measures: p1 },
    { n: 2, key: 'democraticControl', measured: true, reason: null, measures: p2 },
    { n: 3, key: 'economicParticipation', measured: true, reason: null, measures: p3 },
    { n: 4, key: 'autonomy', measured: true, reason: null, measures: p4 },
    { n: 5, key: 'education', measured: true, reason: null, measures: p5 },
    { n: 6, key: 'cooperation', measured: true, reason: null, measures: p6 },
    { n: 7, key: 'community', measured: true, reason: null, measures: p7 }
  ];
}

/** The public scorecard of a cooperative for a year (default: this year in WIB), the previous year beside it. */
export async function getScorecard(ctx: Ctx, slug: string, yearInput?: unknown): Promise<Scorecard> {
  const coop = await findCoopBySlug(ctx.db, slug.toLowerCase());
  if (!coop || !coop.is_public) throw new AppError('NOT_FOUND');
  const thisYear = Number(jakartaDate(ctx.clock.now()).slice(0, 4));
  const raw = yearInput === undefined || yearInput === null || yearInput === '' ? thisYear : Number(yearInput);
  if (!Number.isInteger(raw) || raw < 2000 || raw > thisYear) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'year', code: 'care_year_invalid', params: { max: thisYear } }] });
  const principles = await withTenant(ctx.db, coop.id, (trx) => scorecardFor(trx, coop.id, raw));
  return { coop: { slug: coop.slug, name: coop.name }, year: raw, previousYear: raw - 1, latestYear: thisYear, principles };
}
