import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { lockMember, transitionMember, view } from './lifecycle.js';
import { ZReasonRequest, type MemberView } from './model.js';

/**
 * Record that a member leaves. Membership is voluntary: a member may resign by
 * themselves at any time; the board (members.write) may record a resignation it received.
 */
export async function resignMember(ctx: TenantCtx, memberId: string, input: unknown = {}): Promise<MemberView> {
  const data = parseInput(ZReasonRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await lockMember(trx, ctx, memberId);
    const self = member.account_id !== null && member.account_id === ctx.actor.accountId;
    if (!self && !can(ctx, 'members.write')) throw new AppError('FORBIDDEN');
    return view(await transitionMember(trx, ctx, member, 'resign', data.reason || null), ctx);
  });
}
