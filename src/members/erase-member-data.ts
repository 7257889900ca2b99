import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { formatRupiah } from '../kernel/money.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { memberBalance } from '../ledger/get-member-ledger-balance.js';
import { PRODUCER_ACCOUNT } from '../payouts/model.js';
import { lockMember, view } from './lifecycle.js';
import type { MemberView } from './model.js';
import { ERASABLE_STATUSES, pseudonymOf } from './privacy.js';
import { erasePersonalData, findErasureRequest, journalEntriesNaming, markErasureDone, openObligations } from './privacy-store.js';
import { revokeRole } from './store.js';

export const ZEraseRequest = z.object({ reason: z.string().trim().min(3).max(1000) });

export type ErasureResult = { member: MemberView; pseudonym: string; changed: Record<string, number>; journalEntriesKeepingName: number };

/**
 * Carry out a leaver's erasure request (decision 0106): the ketua or sekretaris, with a
 * reason. Refused for a member still in the cooperative, without a request, or while
 * something is still owed either way (capital not refunded, producer balance, unpaid SHU,
 * open orders): those need the person. The member number, gender, dates, status and every
 * amount in the books stay; the name becomes a pseudonym and the personal fields are cleared.
 */
export async function eraseMemberData(ctx: TenantCtx, memberId: string, input: unknown): Promise<ErasureResult> {
  requirePermission(ctx, 'members.erase');
  const data = parseInput(ZEraseRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await lockMember(trx, ctx, memberId);
    if (!(ERASABLE_STATUSES as readonly string[]).includes(member.status)) throw new AppError('MEMBER_ERASURE_NOT_LEFT');
    const request = await findErasureRequest(trx, ctx.coopId, member.id, { lock: true });
    if (!request) throw new AppError('MEMBER_ERASURE_NOT_REQUESTED');
    if (request.status === 'done') throw new AppError('MEMBER_ERASED');
    const owed = await openObligations(trx, ctx.coopId, member.id);
    const producer = await memberBalance(trx, ctx.coopId, member.id, PRODUCER_ACCOUNT);
    const rp = (n: number) => formatRupiah(ctx.locale, n).replace(/^Rp/, '');
    const open: string[] = [];
    if (owed.capital > 0) open.push(t(ctx.locale, 'privacy.obligation.capital', { amount: rp(owed.capital) }));
    if (producer !== 0) open.push(t(ctx.locale, 'privacy.obligation.producer', { amount: rp(Math.abs(producer)) }));
    if (owed.shuUnpaid > 0) open.push(t(ctx.locale, 'privacy.obligation.shuUnpaid', { amount: rp(owed.shuUnpaid) }));
    if (owed.openOrders > 0) open.push(t(ctx.locale, 'privacy.obligation.openOrders', { count: owed.openOrders }));
    if (open.length > 0) throw new AppError('MEMBER_ERASURE_OBLIGATIONS', { params: { open: open.join('; ') }, details: { ...owed, producerBalance: producer } });

    const pseudonym = pseudonymOf(member.member_no, member.id);
    const journalEntriesKeepingName = await journalEntriesNaming(trx, ctx.coopId, member.id, member.full_name);
    if (member.account_id) await revokeRole(trx, ctx.coopId, member.account_id, 'anggota');
    const changed = await erasePersonalData(trx, ctx.coopId, member.id, pseudonym);
    await markErasureDone(trx, ctx.coopId, request.id, ctx.actor.via === 'system' ? null : ctx.actor.accountId, data.reason);
    // The audit line names what was done, not the data: the erased values are not copied here.
    await recordAudit(trx, ctx, {
      action: 'member.erase',
      entity: 'member',
      entityId: member.id,
      before: { status: member.status, memberNo: member.member_no, linkedAccount: member.account_id !== null },
      after: { pseudonym, reason: data.reason, changed, journalEntriesKeepingName }
    });
    const after = await lockMember(trx, ctx, member.id);
    return { member: view(after, ctx), pseudonym, changed, journalEntriesKeepingName };
  });
}
