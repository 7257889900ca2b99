import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { memberBalance } from '../ledger/get-member-ledger-balance.js';
import { postEntry } from '../ledger/post-entry.js';
import { formatRupiah } from '../orders/model.js';
import { PRODUCER_ACCOUNT, ZPayoutRequest, type PayoutView } from './model.js';
import { payoutViews } from './store.js';

/**
 * Pay a member-producer (part of) what the coop owes them (bendahara). The balance is read from
 * the ledger (PAYABLE_TO_PRODUCERS sub-ledger of the member), never from a stored number, after
 * taking a per-member lock: parallel payouts are checked one after another and together never
 * exceed it (409 PAYOUT_EXCEEDS_BALANCE). Idempotent by reference: the same reference with the
 * same member, amount and method returns the first payout (created: false); different content is
 * 409 PAYOUT_REFERENCE_CONFLICT. Posts Dr Utang kepada produsen (member) / Cr Kas or Bank.
 */
export async function requestPayout(ctx: TenantCtx, memberId: string, input: unknown): Promise<{ payout: PayoutView; created: boolean }> {
  requirePermission(ctx, 'payments.confirm');
  const data = parseInput(ZPayoutRequest, input ?? {});
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`payout-ref:${ctx.coopId}:${data.reference}`}, 0))`.execute(trx);
    const [existing] = await payoutViews(trx, ctx.coopId, { reference: data.reference }, 1);
    if (existing) {
      if (existing.memberId !== memberId || existing.amount !== data.amount || existing.method !== data.method) throw new AppError('PAYOUT_REFERENCE_CONFLICT');
      return { payout: existing, created: false };
    }
    const member = await trx.selectFrom('members').select(['id', 'full_name', 'member_no']).where('coop_id', '=', ctx.coopId).where('id', '=', memberId).executeTakeFirst();
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`payout-member:${ctx.coopId}:${memberId}`}, 0))`.execute(trx);
    const balance = await memberBalance(trx, ctx.coopId, memberId, PRODUCER_ACCOUNT);
    if (data.amount > balance) {
      throw new AppError('PAYOUT_EXCEEDS_BALANCE', { params: { balance: formatRupiah(balance) }, fields: [{ field: 'amount', code: 'payout_exceeds_balance', params: { balance } }] });
    }
    const at = ctx.clock.now();
    const { entryId } = await postEntry(trx, ctx, {
      idempotencyKey: `payout:${createHash('sha256').update(data.reference).digest('hex').slice(0, 40)}`,
      date: jakartaDate(at),
      // The member number, not the name (decision 0106: the journal keeps no name an erasure clears).
      description: `Pembayaran ke produsen anggota ${String(member.member_no ?? '—').padStart(4, '0')} (${data.reference})`.slice(0, 500),
      source: 'payouts',
      sourceRef: data.reference,
      lines: [
        { account: PRODUCER_ACCOUNT, debit: data.amount, memberId },
        { account: data.method === 'cash' ? 'CASH' : 'BANK', credit: data.amount }
      ]
    });
    await trx
      .insertInto('payouts')
      .values({ coop_id: ctx.coopId, member_id: memberId, reference: data.reference, amount: data.amount, method: data.method, note: data.note ?? null, ledger_entry_id: entryId, created_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId, created_at: at })
      .execute();
    await recordAudit(trx, ctx, { action: 'payout.created', entity: 'member', entityId: memberId, after: { amount: data.amount, reference: data.reference, method: data.method } });
    const [payout] = await payoutViews(trx, ctx.coopId, { reference: data.reference }, 1);
    return { payout: payout!, created: true };
  });
}
