import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { PayoutView } from './model.js';

export async function payoutViews(trx: Tx, coopId: string, where: { memberId?: string; reference?: string } = {}, limit = 500): Promise<PayoutView[]> {
  let q = trx
    .selectFrom('payouts as p')
    .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'p.coop_id').onRef('m.id', '=', 'p.member_id'))
    .select(['p.id', 'p.member_id', 'm.full_name', 'p.amount', 'p.method', 'p.reference', 'p.note', 'p.created_at', 'p.ledger_entry_id'])
    .where('p.coop_id', '=', coopId);
  if (where.memberId) q = q.where('p.member_id', '=', where.memberId);
  if (where.reference) q = q.where('p.reference', '=', where.reference);
  const rows = await q.orderBy('p.created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    memberName: r.full_name,
    amount: r.amount,
    method: r.method,
    reference: r.reference,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    ledgerEntryId: r.ledger_entry_id
  }));
}

/** Every member's balance on the producers' sub-ledger (credit side positive), from the journal lines. */
export async function producerBalances(trx: Tx, coopId: string): Promise<{ memberId: string; memberNo: number | null; name: string; balance: number }[]> {
  const { rows } = await sql<{ member_id: string; member_no: number | null; full_name: string; balance: string }>`
    SELECT l.member_id, m.member_no, m.full_name, sum(l.credit - l.debit) AS balance
      FROM journal_lines l
      JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id AND a.system_key = 'PAYABLE_TO_PRODUCERS'
      JOIN members m ON m.coop_id = l.coop_id AND m.id = l.member_id
     WHERE l.coop_id = ${coopId} AND l.member_id IS NOT NULL
     GROUP BY l.member_id, m.member_no, m.full_name
     ORDER BY m.full_name, l.member_id`.execute(trx);
  return rows.map((r) => ({ memberId: r.member_id, memberNo: r.member_no, name: r.full_name, balance: Number(r.balance) }));
}

/** One member's movements on the producers' sub-ledger, newest first. */
export async function producerEntries(trx: Tx, coopId: string, memberId: string, limit = 200): Promise<{ date: string; description: string; amount: number; entryId: string }[]> {
  const { rows } = await sql<{ entry_date: string; description: string; amount: string; entry_id: string }>`
    SELECT l.entry_date, e.description, (l.credit - l.debit) AS amount, l.entry_id
      FROM journal_lines l
      JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id AND a.system_key = 'PAYABLE_TO_PRODUCERS'
      JOIN journal_entries e ON e.coop_id = l.coop_id AND e.id = l.entry_id
     WHERE l.coop_id = ${coopId} AND l.member_id = ${memberId}
     ORDER BY l.entry_date DESC, e.created_at DESC
     LIMIT ${limit}`.execute(trx);
  return rows.map((r) => ({ date: r.entry_date, description: r.description, amount: Number(r.amount), entryId: r.entry_id }));
}
