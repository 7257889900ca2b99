import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { lockMember, transitionMember, view } from './lifecycle.js';
import { ZReasonRequest, type MemberView } from './model.js';

/** Turn down an application (applicant → rejected); the person may apply again later. */
export async function rejectApplication(ctx: TenantCtx, memberId: string, input: unknown = {}): Promise<MemberView> {
  requirePermission(ctx, 'members.approve');
  const data = parseInput(ZReasonRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await lockMember(trx, ctx, memberId);
    return view(await transitionMember(trx, ctx, member, 'reject', data.reason || null), ctx);
  });
}
