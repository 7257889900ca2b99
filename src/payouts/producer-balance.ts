import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { memberBalance } from '../ledger/get-member-ledger-balance.js';
import { PRODUCER_ACCOUNT } from './model.js';
import { producerEntries } from './store.js';

/** One member-producer's balance (from the ledger) and its movements: sales credited, refunds, payouts. */
export async function producerBalance(ctx: TenantCtx, memberId: string): Promise<{ memberId: string; name: string; balance: number; entries: { date: string; description: string; amount: number; entryId: string }[] }> {
  if (!can(ctx, 'payments.confirm') && !can(ctx, 'ledger.read')) throw new AppError('FORBIDDEN');
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const m = await trx.selectFrom('members').select(['id', 'full_name']).where('coop_id', '=', ctx.coopId).where('id', '=', memberId).executeTakeFirst();
    if (!m) throw new AppError('MEMBER_NOT_FOUND');
    const [balance, entries] = await Promise.all([memberBalance(trx, ctx.coopId, memberId, PRODUCER_ACCOUNT), producerEntries(trx, ctx.coopId, memberId)]);
    return { memberId, name: m.full_name, balance, entries };
  });
}
