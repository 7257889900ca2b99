import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import type { MemberStatus } from './model.js';
import { findMember, statusHistory } from './store.js';

export type MemberHistoryEntry = {
  id: number;
  fromStatus: MemberStatus | null;
  toStatus: MemberStatus;
  reason: string | null;
  at: string;
  actorAccountId: string | null;
  actorName: string | null;
};

/** A member's status changes, oldest first (same readers as the record itself). */
export async function getMemberHistory(ctx: TenantCtx, memberId: string): Promise<MemberHistoryEntry[]> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await findMember(trx, ctx.coopId, memberId);
    const own = member !== undefined && member.account_id !== null && member.account_id === ctx.actor.accountId;
    if (!own && !can(ctx, 'members.read')) throw new AppError('FORBIDDEN');
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    const rows = await statusHistory(trx, ctx.coopId, memberId);
    return rows.map((r) => ({
      id: Number(r.id),
      fromStatus: r.from_status,
      toStatus: r.to_status,
      reason: r.reason,
      at: new Date(r.at).toISOString(),
      actorAccountId: r.actor_account_id,
      actorName: r.actor_name
    }));
  });
}
