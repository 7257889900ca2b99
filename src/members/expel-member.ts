import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { lockMember, transitionMember, view } from './lifecycle.js';
import { ZRequiredReasonRequest, type MemberView } from './model.js';

/** Expel a member; the reason is required and kept in the status history. */
export async function expelMember(ctx: TenantCtx, memberId: string, input: unknown): Promise<MemberView> {
  requirePermission(ctx, 'members.approve');
  const data = parseInput(ZRequiredReasonRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await lockMember(trx, ctx, memberId);
    return view(await transitionMember(trx, ctx, member, 'expel', data.reason), ctx);
  });
}
