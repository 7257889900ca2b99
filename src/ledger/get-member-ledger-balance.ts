import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { Rupiah } from './model.js';

/**
 * A member's balance on one account (by system key or code), on the account's normal side:
 * for SIMPANAN_SUKARELA (a credit account) deposits minus withdrawals. Inside the caller's
 * transaction, so it sees the caller's own uncommitted postings. `asOf` (YYYY-MM-DD, inclusive)
 * limits it to lines dated up to that day. An unknown account or a coop without a ledger yet → 0.
 */
export async function memberBalance(trx: Tx, coopId: string, memberId: string, accountKey: string, asOf?: string): Promise<Rupiah> {
  const { rows } = await sql<{ balance: string | number | null; normal_side: string | null }>`
    SELECT a.normal_side,
           (SELECT coalesce(sum(l.debit - l.credit), 0) FROM journal_lines l
             WHERE l.coop_id = ${coopId} AND l.account_id = a.id AND l.member_id = ${memberId}
               ${asOf ? sql`AND l.entry_date <= ${asOf}::date` : sql``}) AS balance
      FROM ledger_accounts a
     WHERE a.coop_id = ${coopId} AND (a.system_key = ${accountKey} OR a.code = ${accountKey})
     ORDER BY (a.system_key = ${accountKey}) DESC
     LIMIT 1`.execute(trx);
  const row = rows[0];
  if (!row) return 0;
  const signed = Number(row.balance ?? 0);
  return row.normal_side === 'credit' ? 0 - signed : signed;
}
