import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';

/**
 * Read-only SQL of the year-end reports and administration books. Every query runs inside
 * the caller's withTenant transaction and names the cooperative explicitly as well.
 */

export async function coopHeader(trx: Tx, coopId: string) {
  return trx
    .selectFrom('coops')
    .select(['id', 'slug', 'name', 'legal_number', 'legal_date', 'nik_koperasi', 'street', 'rt', 'rw', 'village_code', 'postal_code', 'fiscal_year_start_month', 'phone', 'email'])
    .where('id', '=', coopId)
    .executeTakeFirstOrThrow();
}

export type MemberRegisterRow = {
  id: string;
  member_no: number | null;
  full_name: string;
  gender: 'F' | 'M';
  birth_date: string | null;
  nik: string | null;
  phone: string | null;
  street: string | null;
  rt: number | null;
  rw: number | null;
  occupation: string | null;
  status: string;
  joined_on: string | null;
  left_on: string | null;
};

/** Every person who has ever been a member (applicants and rejected applications are not members). */
export async function memberRegister(trx: Tx, coopId: string): Promise<MemberRegisterRow[]> {
  const rows = await trx
    .selectFrom('members')
    .select(['id', 'member_no', 'full_name', 'gender', 'birth_date', 'nik', 'phone', 'street', 'rt', 'rw', 'occupation', 'status', 'joined_on', 'left_on'])
    .where('coop_id', '=', coopId)
    .where((eb) => eb.or([eb('joined_on', 'is not', null), eb('status', 'in', ['active', 'suspended', 'resigned', 'expelled'])]))
    .orderBy(sql`member_no NULLS LAST`)
    .orderBy('full_name')
    .execute();
  return rows.map((r) => ({ ...r, birth_date: dateText(r.birth_date), joined_on: dateText(r.joined_on), left_on: dateText(r.left_on) }));
}

function dateText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

export type OfficerRow = { name: string; memberNo: number | null; role: string; startsOn: string | null; endsOn: string | null; endedEarlyOn: string | null; basis: 'election' | 'account_role'; decisionNo: number | null };

/**
 * Officers (ketua, sekretaris, bendahara, pengawas): terms from elections (office_terms),
 * and people holding the role on their account without an elected term (appointed in the
 * app, e.g. at founding) so the book is never emptier than the coop's real board.
 */
export async function officers(trx: Tx, coopId: string, roles: readonly string[]): Promise<OfficerRow[]> {
  const terms = await trx
    .selectFrom('office_terms as t')
    .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 't.coop_id').onRef('m.id', '=', 't.member_id'))
    .leftJoin('decisions as d', (j) => j.onRef('d.coop_id', '=', 't.coop_id').onRef('d.id', '=', 't.decision_id'))
    .select(['m.full_name', 'm.member_no', 'm.account_id', 't.role', 't.starts_on', 't.ends_on', 't.ended_early_on', 'd.number as decision_no'])
    .where('t.coop_id', '=', coopId)
    .where('t.role', 'in', roles as never)
    .orderBy('t.starts_on')
    .execute();
  const out: OfficerRow[] = terms.map((t) => ({
    name: t.full_name,
    memberNo: t.member_no,
    role: t.role,
    startsOn: dateText(t.starts_on),
    endsOn: dateText(t.ends_on),
    endedEarlyOn: dateText(t.ended_early_on),
    basis: 'election',
    decisionNo: t.decision_no ?? null
  }));
  const { rows } = await sql<{ name: string; member_no: number | null; role: string; account_id: string; since: Date }>`
    SELECT coalesce(m.full_name, a.name) AS name, m.member_no, r.role, cu.account_id, cu.created_at AS since
      FROM coop_users cu
      JOIN accounts a ON a.id = cu.account_id
      CROSS JOIN LATERAL unnest(cu.roles) AS r(role)
      LEFT JOIN members m ON m.coop_id = cu.coop_id AND m.account_id = cu.account_id
     WHERE cu.coop_id = ${coopId} AND r.role::text = ANY(${sql.val([...roles])}::text[])
     ORDER BY cu.created_at, name`.execute(trx);
  const elected = new Set(terms.filter((t) => t.account_id).map((t) => `${t.account_id}:${t.role}`));
  for (const r of rows) {
    if (elected.has(`${r.account_id}:${r.role}`)) continue;
    out.push({ name: r.name, memberNo: r.member_no, role: r.role, startsOn: dateText(r.since), endsOn: null, endedEarlyOn: null, basis: 'account_role', decisionNo: null });
  }
  return out;
}

/** Capital balances per member at the end of a day, from each member's last capital movement on or before it. */
export async function capitalBalancesAt(trx: Tx, coopId: string, day: string) {
  const { rows } = await sql<{ member_id: string; member_no: number | null; full_name: string; status: string; pokok: string; wajib: string; sukarela: string; movements: string }>`
    SELECT m.id AS member_id, m.member_no, m.full_name, m.status,
           coalesce(last.balance_pokok, 0)::bigint AS pokok, coalesce(last.balance_wajib, 0)::bigint AS wajib, coalesce(last.balance_sukarela, 0)::bigint AS sukarela,
           (SELECT count(*) FROM capital_movements c WHERE c.coop_id = m.coop_id AND c.member_id = m.id AND c.occurred_on <= ${day}::date)::bigint AS movements
      FROM members m
      LEFT JOIN LATERAL (
        SELECT balance_pokok, balance_wajib, balance_sukarela FROM capital_movements c
         WHERE c.coop_id = m.coop_id AND c.member_id = m.id AND c.occurred_on <= ${day}::date
         ORDER BY c.occurred_on DESC, c.created_at DESC, c.receipt_seq DESC LIMIT 1) last ON true
     WHERE m.coop_id = ${coopId} AND (m.joined_on IS NOT NULL OR m.status IN ('active', 'suspended', 'resigned', 'expelled'))
     ORDER BY m.member_no NULLS LAST, m.full_name`.execute(trx);
  return rows.map((r) => ({ ...r, pokok: Number(r.pokok), wajib: Number(r.wajib), sukarela: Number(r.sukarela), movements: Number(r.movements) }));
}

/** Ledger balances (debit − credit) per system key at the end of a day. */
export async function systemBalancesAt(trx: Tx, coopId: string, day: string, keys: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await sql<{ system_key: string; balance: string }>`
    SELECT a.system_key, coalesce(sum(l.debit - l.credit), 0)::bigint AS balance
      FROM ledger_accounts a
      LEFT JOIN journal_lines l ON l.coop_id = a.coop_id AND l.account_id = a.id AND l.entry_date <= ${day}::date
     WHERE a.coop_id = ${coopId} AND a.system_key = ANY(${sql.val([...keys])}::text[])
     GROUP BY a.system_key`.execute(trx);
  return new Map(rows.map((r) => [r.system_key, Number(r.balance)]));
}

export type LedgerLineRow = { entry_date: string; description: string; source: string; source_ref: string | null; account_code: string; account_name: string; system_key: string | null; debit: number; credit: number; memo: string | null };

/** Journal lines of some accounts (by system key or cash-flow class 'kas') in [from, to], in posting order. */
export async function ledgerLines(trx: Tx, coopId: string, from: string, to: string, which: { systemKeys?: readonly string[]; cash?: boolean }): Promise<LedgerLineRow[]> {
  const filter = which.cash ? sql`a.cash_flow = 'kas'` : sql`a.system_key = ANY(${sql.val([...(which.systemKeys ?? [])])}::text[])`;
  const { rows } = await sql<LedgerLineRow & { debit: string; credit: string }>`
    SELECT l.entry_date::text AS entry_date, e.description, e.source, e.source_ref, a.code AS account_code, a.name AS account_name, a.system_key, l.debit, l.credit, l.memo
      FROM journal_lines l
      JOIN journal_entries e ON e.coop_id = l.coop_id AND e.id = l.entry_id
      JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id
     WHERE l.coop_id = ${coopId} AND l.entry_date BETWEEN ${from}::date AND ${to}::date AND ${filter}
     ORDER BY l.entry_date, e.seq NULLS LAST, e.created_at, l.line_no`.execute(trx);
  return rows.map((r) => ({ ...r, debit: Number(r.debit), credit: Number(r.credit) }));
}

/** Opening balance (debit − credit) of cash accounts, or of given system keys, at the end of a day. */
export async function openingBalance(trx: Tx, coopId: string, day: string, which: { systemKeys?: readonly string[]; cash?: boolean }): Promise<number> {
  const filter = which.cash ? sql`a.cash_flow = 'kas'` : sql`a.system_key = ANY(${sql.val([...(which.systemKeys ?? [])])}::text[])`;
  const { rows } = await sql<{ balance: string }>`
    SELECT coalesce(sum(l.debit - l.credit), 0)::bigint AS balance
      FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id
     WHERE l.coop_id = ${coopId} AND l.entry_date <= ${day}::date AND ${filter}`.execute(trx);
  return Number(rows[0]?.balance ?? 0);
}

/**
 * Operating income of the period by business unit (the product line the sale was booked
 * to), member apart from non-member; closing entries left out. A line without a business
 * unit is reported as general.
 */
export async function incomeByUnit(trx: Tx, coopId: string, from: string, to: string) {
  const { rows } = await sql<{ unit: string | null; member: string; non_member: string }>`
    SELECT l.business_unit AS unit,
           coalesce(sum(l.credit - l.debit) FILTER (WHERE a.subgroup = 'pendapatan_anggota'), 0)::bigint AS member,
           coalesce(sum(l.credit - l.debit) FILTER (WHERE a.subgroup = 'pendapatan_non_anggota'), 0)::bigint AS non_member
      FROM journal_lines l
      JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id
     WHERE l.coop_id = ${coopId} AND l.entry_date BETWEEN ${from}::date AND ${to}::date
       AND a.subgroup IN ('pendapatan_anggota', 'pendapatan_non_anggota')
       AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.coop_id = l.coop_id AND e.id = l.entry_id AND e.source = 'closing')
     GROUP BY l.business_unit
     ORDER BY l.business_unit NULLS LAST`.execute(trx);
  return rows.map((r) => ({ unit: r.unit, member: Number(r.member), nonMember: Number(r.non_member) }));
}

export type MeetingRow = { id: string; number: number; kind: string; title: string; starts_at: Date; location: string | null; online_url: string | null; status: string; eligible: number | null; attended: number; decisions: number; minutes_status: string | null; minutes_summary: string | null; minutes_approved_at: Date | null };

/** Meetings that started in [from, to] (Jakarta days), with attendance, decisions and minutes. */
export async function meetingsBetween(trx: Tx, coopId: string, from: string | null, to: string | null): Promise<MeetingRow[]> {
  const range = from && to ? sql`AND (mt.starts_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN ${from}::date AND ${to}::date` : sql``;
  const { rows } = await sql<MeetingRow & { attended: string; decisions: string }>`
    SELECT mt.id, mt.number, mt.kind, mt.title, mt.starts_at, mt.location, mt.online_url, mt.status,
           coalesce(mt.eligible_count, (SELECT count(*) FROM meeting_eligible e WHERE e.coop_id = mt.coop_id AND e.meeting_id = mt.id)::int) AS eligible,
           (SELECT count(*) FROM meeting_attendance a WHERE a.coop_id = mt.coop_id AND a.meeting_id = mt.id)::bigint AS attended,
           (SELECT count(*) FROM decisions d WHERE d.coop_id = mt.coop_id AND d.meeting_id = mt.id)::bigint AS decisions,
           mi.status AS minutes_status, mi.summary AS minutes_summary, mi.approved_at AS minutes_approved_at
      FROM meetings mt
      LEFT JOIN minutes mi ON mi.coop_id = mt.coop_id AND mi.meeting_id = mt.id
     WHERE mt.coop_id = ${coopId} AND mt.status <> 'cancelled' ${range}
     ORDER BY mt.starts_at, mt.number`.execute(trx);
  return rows.map((r) => ({ ...r, attended: Number(r.attended), decisions: Number(r.decisions) }));
}

export type DecisionRow = { number: number; title: string; kind: string; status: string; outcome: string | null; closed_at: Date | null; created_at: Date; meeting_no: number | null; meeting_kind: string | null; meeting_title: string | null; meeting_starts_at: Date | null; electorate_size: number | null };

/** Decisions taken (closed), with the meeting they belong to (null: an online vote outside a meeting). */
export async function closedDecisions(trx: Tx, coopId: string): Promise<DecisionRow[]> {
  const { rows } = await sql<DecisionRow>`
    SELECT d.number, d.title, d.kind, d.status, d.outcome, d.closed_at, d.created_at, d.electorate_size,
           mt.number AS meeting_no, mt.kind AS meeting_kind, mt.title AS meeting_title, mt.starts_at AS meeting_starts_at
      FROM decisions d
      LEFT JOIN meetings mt ON mt.coop_id = d.coop_id AND mt.id = d.meeting_id
     WHERE d.coop_id = ${coopId} AND d.status = 'closed'
     ORDER BY d.number`.execute(trx);
  return rows;
}

/** Staff: accounts holding the staf role (their member record when they are members too). */
export async function staffAccounts(trx: Tx, coopId: string) {
  const { rows } = await sql<{ name: string; email: string | null; phone: string | null; member_no: number | null; since: Date }>`
    SELECT coalesce(m.full_name, a.name) AS name, a.email, coalesce(m.phone, a.phone) AS phone, m.member_no, cu.created_at AS since
      FROM coop_users cu
      JOIN accounts a ON a.id = cu.account_id
      LEFT JOIN members m ON m.coop_id = cu.coop_id AND m.account_id = cu.account_id
     WHERE cu.coop_id = ${coopId} AND 'staf' = ANY(cu.roles)
     ORDER BY cu.created_at, name`.execute(trx);
  return rows;
}

/** Goods held for sale: busana works with their variants' stock (stock is today's, there is no stock history). */
export async function busanaStock(trx: Tx, coopId: string) {
  const { rows } = await sql<{ title: string; status: string; size: string | null; colour: string | null; sku: string | null; stock: number | null; public_price: string; member_price: string | null }>`
    SELECT w.title, w.status, v.size, v.colour, v.sku, v.stock, w.public_price, w.member_price
      FROM works w
      LEFT JOIN work_variants v ON v.coop_id = w.coop_id AND v.work_id = w.id
     WHERE w.coop_id = ${coopId} AND w.product_line = 'busana' AND w.status <> 'archived'
     ORDER BY w.title, v.position, v.size`.execute(trx);
  return rows.map((r) => ({ ...r, public_price: Number(r.public_price), member_price: r.member_price === null ? null : Number(r.member_price) }));
}
