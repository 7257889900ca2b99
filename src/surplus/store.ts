import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { ShuInput } from './model.js';
import type { ShuRunMembersTable, ShuRunStatus } from './tables.js';

/** SQL of the SHU runs (migration 0090) and the reads the computation needs from other capabilities' tables. */

export type SettingsRow = {
  capitalAccounts: ('pokok' | 'wajib' | 'sukarela')[];
  capitalMethod: 'AVG_DAILY' | 'END_OF_PERIOD' | 'AVG_MONTH_END';
  leaver: 'PRO_RATA' | 'FORFEIT_TO_CADANGAN';
  minActiveDays: number;
  emptyPool: 'TO_CADANGAN' | 'TO_OTHER_MEMBER_POOL';
  payoutRoundTo: 1 | 100;
  withholdingBp: number;
  usahaCategories: { code: string; weightBp: number }[];
};

export const DEFAULT_SETTINGS: SettingsRow = {
  capitalAccounts: ['pokok', 'wajib'],
  capitalMethod: 'AVG_DAILY',
  leaver: 'PRO_RATA',
  minActiveDays: 0,
  emptyPool: 'TO_CADANGAN',
  payoutRoundTo: 1,
  withholdingBp: 0,
  usahaCategories: [
    { code: 'WORK_SALES', weightBp: 10_000 },
    { code: 'MEMBER_PURCHASES', weightBp: 10_000 }
  ]
};

export async function findSettings(trx: Tx, coopId: string): Promise<SettingsRow> {
  const r = await trx.selectFrom('shu_settings').selectAll().where('coop_id', '=', coopId).executeTakeFirst();
  if (!r) return DEFAULT_SETTINGS;
  return {
    capitalAccounts: r.capital_accounts as SettingsRow['capitalAccounts'],
    capitalMethod: r.capital_method,
    leaver: r.leaver,
    minActiveDays: r.min_active_days,
    emptyPool: r.empty_pool,
    payoutRoundTo: r.payout_round_to === 100 ? 100 : 1,
    withholdingBp: r.withholding_bp,
    usahaCategories: r.usaha_categories as SettingsRow['usahaCategories']
  };
}

export async function saveSettings(trx: Tx, coopId: string, s: SettingsRow, by: string | null): Promise<void> {
  const values = {
    capital_accounts: s.capitalAccounts,
    capital_method: s.capitalMethod,
    leaver: s.leaver,
    min_active_days: s.minActiveDays,
    empty_pool: s.emptyPool,
    payout_round_to: s.payoutRoundTo,
    withholding_bp: s.withholdingBp,
    usaha_categories: JSON.stringify(s.usahaCategories),
    updated_at: new Date(),
    updated_by: by
  };
  await trx.insertInto('shu_settings').values({ coop_id: coopId, ...values }).onConflict((oc) => oc.column('coop_id').doUpdateSet(values)).execute();
}

export type ShuMemberInput = ShuInput['members'][number];

/**
 * Members who belonged to the cooperative at some day of [start, end] (numbered, with a join
 * date), by number, in the model's shape: member numbers zero-padded so they sort as text.
 * The member's current period is on their row; a person who left and joined again also has
 * ended periods (membership_periods, decision 0105): those reaching into [start, end] are
 * listed in `periods` with the current one, so the days between periods do not count.
 */
export async function membersForPeriod(trx: Tx, coopId: string, start: string, end: string): Promise<ShuMemberInput[]> {
  type Row = ShuMemberInput & { current: boolean; ended: { joinDate: string; exitDate: string }[] | null };
  const { rows } = await sql<Row>`
    WITH ended AS (
      SELECT member_id, json_agg(json_build_object('joinDate', joined_on, 'exitDate', left_on) ORDER BY joined_on) AS ended
        FROM membership_periods
       WHERE coop_id = ${coopId} AND left_on IS NOT NULL AND joined_on <= ${end}::date AND left_on >= ${start}::date
       GROUP BY member_id
    )
    SELECT * FROM (
      SELECT m.id, lpad(m.member_no::text, 10, '0') AS "memberNo", m.joined_on AS "joinDate", m.left_on AS "exitDate", true AS eligible,
             (m.joined_on IS NOT NULL AND m.status IN ('active', 'suspended', 'resigned', 'expelled')
              AND m.joined_on <= ${end}::date AND (m.left_on IS NULL OR m.left_on >= ${start}::date)) AS current,
             e.ended
        FROM members m LEFT JOIN ended e ON e.member_id = m.id
       WHERE m.coop_id = ${coopId} AND m.member_no IS NOT NULL
    ) x
     WHERE current OR ended IS NOT NULL
     ORDER BY "memberNo"`.execute(trx);
  // (The extra fields stay on the rows: the model ignores them, and 100,000 rows are not copied.)
  for (const r of rows) {
    if (r.ended) {
      // The ended periods, and the current one unless it is one of them (the row of a member who
      // left keeps that period's dates).
      const periods: { joinDate: string; exitDate: string | null }[] = [...r.ended];
      if (r.current && !periods.some((p) => p.joinDate === String(r.joinDate))) periods.push({ joinDate: String(r.joinDate), exitDate: r.exitDate ? String(r.exitDate) : null });
      periods.sort((a, b) => (a.joinDate < b.joinDate ? -1 : a.joinDate > b.joinDate ? 1 : 0));
      r.periods = periods;
      r.joinDate = periods[0]!.joinDate;
      r.exitDate = periods.at(-1)!.exitDate;
    }
  }
  return rows;
}

export type CapitalChange = { memberId: string; date: string; balance: number };

/**
 * Each member's capital balance in the basis accounts after every change up to `end`: the
 * last change before `start` (the opening balance) and the last change of each day from
 * `start` on. capital_movements stores the balances after each movement.
 */
export async function capitalChangesForPeriod(trx: Tx, coopId: string, start: string, end: string, accounts: readonly string[]): Promise<CapitalChange[]> {
  const parts = accounts.map((a) => (a === 'pokok' ? sql`balance_pokok` : a === 'wajib' ? sql`balance_wajib` : sql`balance_sukarela`));
  const balance = parts.length ? sql.join(parts, sql` + `) : sql`0`;
  // 700,000 movements at 100,000 members: sort them in memory, not on disk.
  await sql`SELECT set_config('work_mem', '64MB', true)`.execute(trx);
  // One sort: each day's last balance per member (DISTINCT ON), then, in the same order, the
  // days from `start` on and the last day before it (the one whose next day is not before `start`).
  // Rows in the shape the model takes (bigint and date parsed by src/db/connection.ts): no copy of 700,000 objects.
  const { rows } = await sql<CapitalChange>`
    SELECT member_id AS "memberId", occurred_on AS date, balance FROM (
      SELECT member_id, occurred_on, balance, lead(occurred_on) OVER (PARTITION BY member_id ORDER BY occurred_on) AS next_day FROM (
        SELECT DISTINCT ON (member_id, occurred_on) member_id, occurred_on, (${balance})::bigint AS balance
          FROM capital_movements
         WHERE coop_id = ${coopId} AND occurred_on <= ${end}::date
         ORDER BY member_id, occurred_on, created_at DESC, receipt_year DESC, receipt_seq DESC
      ) per_day
    ) w
     WHERE occurred_on >= ${start}::date OR next_day IS NULL OR next_day >= ${start}::date`.execute(trx);
  return rows;
}

export type VolumeTotal = { memberId: string; category: string; amount: number };

/**
 * Members' business volume in a fiscal year per member and category, over the days each one
 * was a member: member_volume_totals, kept up to date as business is written (migration 0094,
 * decision 0097). Listed by member.
 */
export async function volumeTotalsForYear(trx: Tx, coopId: string, fiscalYear: number): Promise<VolumeTotal[]> {
  const { rows } = await sql<VolumeTotal>`
    SELECT member_id AS "memberId", category, amount FROM member_volume_totals
     WHERE coop_id = ${coopId} AND fiscal_year = ${fiscalYear}
     ORDER BY member_id, category`.execute(trx);
  return rows;
}

/** An account's balance on its normal side up to a day (by system key), 0 without a ledger. */
export async function accountBalance(trx: Tx, coopId: string, systemKey: string, asOf: string): Promise<number> {
  const { rows } = await sql<{ balance: string | null; normal_side: string }>`
    SELECT a.normal_side, (SELECT coalesce(sum(l.debit - l.credit), 0) FROM journal_lines l
                            WHERE l.coop_id = a.coop_id AND l.account_id = a.id AND l.entry_date <= ${asOf}::date) AS balance
      FROM ledger_accounts a WHERE a.coop_id = ${coopId} AND a.system_key = ${systemKey} LIMIT 1`.execute(trx);
  const r = rows[0];
  if (!r) return 0;
  const signed = Number(r.balance ?? 0);
  return r.normal_side === 'credit' ? -signed : signed;
}

/** Which of these keys name a ledger account (system key or code); before the chart exists, the template's system keys. */
export async function knownAccountRefs(trx: Tx, coopId: string, refs: readonly string[]): Promise<Set<string>> {
  if (!refs.length) return new Set();
  const rows = await trx
    .selectFrom('ledger_accounts')
    .select(['system_key', 'code'])
    .where('coop_id', '=', coopId)
    .where((eb) => eb.or([eb('system_key', 'in', [...refs]), eb('code', 'in', [...refs])]))
    .execute();
  const out = new Set<string>();
  for (const r of rows) {
    if (r.system_key) out.add(r.system_key);
    out.add(r.code);
  }
  return out;
}

export async function coopFiscal(trx: Tx, coopId: string): Promise<{ name: string; fiscalYearStartMonth: number }> {
  const r = await trx.selectFrom('coops').select(['name', 'fiscal_year_start_month']).where('id', '=', coopId).executeTakeFirstOrThrow();
  return { name: r.name, fiscalYearStartMonth: r.fiscal_year_start_month };
}

/* ------------------------------------------------------------------ runs */

export type RunRow = Awaited<ReturnType<typeof findRun>> & {};

export async function findRun(trx: Tx, coopId: string, runId: string, opts: { lock?: boolean } = {}) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(runId)) return undefined;
  let q = trx
    .selectFrom('shu_runs')
    .selectAll()
    .select([sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as('start_day'), sql<string>`to_char(period_end, 'YYYY-MM-DD')`.as('end_day')])
    .where('coop_id', '=', coopId)
    .where('id', '=', runId);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listRunsOf(trx: Tx, coopId: string, fiscalYear?: number) {
  let q = trx
    .selectFrom('shu_runs')
    .select(['id', 'number', 'fiscal_year', 'status', 'outcome', 'pool', 'created_at', 'decision_ref'])
    .where('coop_id', '=', coopId);
  if (fiscalYear !== undefined) q = q.where('fiscal_year', '=', fiscalYear);
  return q.orderBy('number', 'desc').execute();
}

export async function standingRunId(trx: Tx, coopId: string, fiscalYear: number): Promise<string | undefined> {
  const r = await trx
    .selectFrom('shu_runs')
    .select('id')
    .where('coop_id', '=', coopId)
    .where('fiscal_year', '=', fiscalYear)
    .where('status', 'in', ['approved', 'posted', 'paid'])
    .executeTakeFirst();
  return r?.id;
}

/**
 * Every member row in one statement: the computed figures travel as arrays (unnest), the
 * member's number, name and dates are read from members in the same statement, and total and
 * net payout are the sums the table's checks require. Rows go in by member id, the primary
 * key's order within a run.
 */
export async function insertRunMembers(
  trx: Tx,
  coopId: string,
  runId: string,
  rows: readonly Pick<ShuRunMembersTable, 'member_id' | 'capital_weight' | 'volume_weight' | 'jasa_modal' | 'jasa_usaha' | 'payable' | 'withholding' | 'flags'>[]
): Promise<void> {
  if (!rows.length) return;
  // Each column as one comma-separated text (Array.join is far cheaper than pg's array
  // literals at 100,000 elements); flags, themselves comma-separated, go by semicolons.
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]).join(',');
  const flags = rows.map((r) => (r.flags.length ? r.flags.join(',') : '-')).join(';');
  await sql`
    INSERT INTO shu_run_members (coop_id, run_id, member_id, member_no, full_name, join_date, exit_date, capital_weight, volume_weight,
                                 jasa_modal, jasa_usaha, total, payable, withholding, net_payout, flags)
    SELECT ${coopId}::uuid, ${runId}::uuid, t.member_id, m.member_no, m.full_name, m.joined_on, m.left_on, t.capital_weight, t.volume_weight,
           t.jasa_modal, t.jasa_usaha, t.jasa_modal + t.jasa_usaha, t.payable, t.withholding, t.payable - t.withholding,
           CASE WHEN t.flags = '-' THEN '{}'::text[] ELSE string_to_array(t.flags, ',') END
      FROM unnest(string_to_array(${col('member_id')}, ',')::uuid[], string_to_array(${col('capital_weight')}, ',')::numeric[],
                  string_to_array(${col('volume_weight')}, ',')::numeric[], string_to_array(${col('jasa_modal')}, ',')::bigint[],
                  string_to_array(${col('jasa_usaha')}, ',')::bigint[], string_to_array(${col('payable')}, ',')::bigint[],
                  string_to_array(${col('withholding')}, ',')::bigint[], string_to_array(${flags}, ';'))
        AS t(member_id, capital_weight, volume_weight, jasa_modal, jasa_usaha, payable, withholding, flags)
      JOIN members m ON m.coop_id = ${coopId}::uuid AND m.id = t.member_id
     ORDER BY t.member_id`.execute(trx);
}

export async function runMembers(trx: Tx, coopId: string, runId: string, memberId?: string) {
  let q = trx
    .selectFrom('shu_run_members as m')
    .leftJoin('shu_payments as p', (j) => j.onRef('p.coop_id', '=', 'm.coop_id').onRef('p.run_id', '=', 'm.run_id').onRef('p.member_id', '=', 'm.member_id'))
    .select([
      'm.member_id',
      'm.member_no',
      'm.full_name',
      sql<string | null>`to_char(m.join_date, 'YYYY-MM-DD')`.as('join_day'),
      sql<string | null>`to_char(m.exit_date, 'YYYY-MM-DD')`.as('exit_day'),
      'm.capital_weight',
      'm.volume_weight',
      'm.jasa_modal',
      'm.jasa_usaha',
      'm.total',
      'm.payable',
      'm.withholding',
      'm.net_payout',
      'm.flags',
      'p.method as paid_method',
      'p.amount as paid_amount',
      sql<string | null>`to_char(p.paid_on, 'YYYY-MM-DD')`.as('paid_day'),
      'p.entry_id as paid_entry_id'
    ])
    .where('m.coop_id', '=', coopId)
    .where('m.run_id', '=', runId);
  if (memberId) q = q.where('m.member_id', '=', memberId);
  return q.orderBy('m.member_no').execute();
}

export async function deleteDrafts(trx: Tx, coopId: string, fiscalYear: number): Promise<void> {
  const drafts = trx.selectFrom('shu_runs').select('id').where('coop_id', '=', coopId).where('fiscal_year', '=', fiscalYear).where('status', '=', 'draft');
  await trx.deleteFrom('shu_run_members').where('coop_id', '=', coopId).where('run_id', 'in', drafts).execute();
  await trx.deleteFrom('shu_runs').where('coop_id', '=', coopId).where('fiscal_year', '=', fiscalYear).where('status', 'in', ['draft']).execute();
}

export async function setRunStatus(trx: Tx, coopId: string, runId: string, status: ShuRunStatus, more: Record<string, unknown> = {}): Promise<void> {
  await trx
    .updateTable('shu_runs')
    .set({ status, ...more })
    .where('coop_id', '=', coopId)
    .where('id', '=', runId)
    .execute();
}

export async function unpaidCount(trx: Tx, coopId: string, runId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM shu_run_members m
     WHERE m.coop_id = ${coopId} AND m.run_id = ${runId} AND m.payable > 0
       AND NOT EXISTS (SELECT 1 FROM shu_payments p WHERE p.coop_id = m.coop_id AND p.run_id = m.run_id AND p.member_id = m.member_id)`.execute(trx);
  return Number(rows[0]!.n);
}

export async function paymentCount(trx: Tx, coopId: string, runId: string): Promise<number> {
  const r = await trx.selectFrom('shu_payments').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).where('run_id', '=', runId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A decision with its meeting, for approving a run. */
export async function decisionWithMeeting(trx: Tx, coopId: string, decisionId: string) {
  return trx
    .selectFrom('decisions as d')
    .leftJoin('meetings as m', (j) => j.onRef('m.coop_id', '=', 'd.coop_id').onRef('m.id', '=', 'd.meeting_id'))
    .select(['d.id', 'd.number', 'd.title', 'd.body', 'd.status', 'd.outcome', 'd.closed_at', 'd.meeting_id', 'm.kind as meeting_kind', 'm.number as meeting_number', 'm.title as meeting_title', 'm.starts_at as meeting_starts_at'])
    .where('d.coop_id', '=', coopId)
    .where('d.id', '=', decisionId)
    .executeTakeFirst();
}

/** RAT meetings not yet closed, for putting a run on the agenda. */
export async function openRatMeetings(trx: Tx, coopId: string) {
  return trx
    .selectFrom('meetings')
    .select(['id', 'number', 'title', 'starts_at', 'status'])
    .where('coop_id', '=', coopId)
    .where('kind', '=', 'rat')
    .where('status', 'not in', ['closed', 'cancelled'])
    .orderBy('starts_at')
    .execute();
}

export async function memberIdOfAccount(trx: Tx, coopId: string, accountId: string): Promise<string | undefined> {
  const r = await trx.selectFrom('members').select('id').where('coop_id', '=', coopId).where('account_id', '=', accountId).executeTakeFirst();
  return r?.id;
}
