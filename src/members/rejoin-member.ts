import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { lockMember, transitionMember, view } from './lifecycle.js';
import { approvalByFromRules, ZRejoinRequest, type MemberView } from './model.js';
import { currentCharterRules } from '../charters/current-rules.js';

/**
 * Register a former member (resigned, expelled or rejected) again as an applicant. They
 * keep their member number: it is stable for life. With `activate` an approver admits
 * them at once (when the charter lets the board admit members).
 */
export async function rejoinMember(ctx: TenantCtx, memberId: string, input: unknown = {}): Promise<MemberView> {
  requirePermission(ctx, 'members.write');
  const data = parseInput(ZRejoinRequest, input ?? {});
  if (data.activate) requirePermission(ctx, 'members.approve');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await lockMember(trx, ctx, memberId);
    let row = await transitionMember(trx, ctx, member, 'rejoin', data.reason || null);
    if (data.activate && can(ctx, 'members.approve')) {
      if (approvalByFromRules(await currentCharterRules(trx, ctx.coopId)) === 'meeting') throw new AppError('MEMBER_APPROVAL_BY_MEETING');
      row = await transitionMember(trx, ctx, row, 'approve', data.reason || null);
    }
    return view(row, ctx);
  });
}
