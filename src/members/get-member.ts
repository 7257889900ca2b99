import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { view } from './lifecycle.js';
import type { MemberView } from './model.js';
import { findMember } from './store.js';

/** One member's record: the board, staff and supervisors read every record; a member reads only their own. */
export async function getMember(ctx: TenantCtx, memberId: string): Promise<MemberView> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const row = await withTenant(ctx.db, ctx.coopId, (trx) => findMember(trx, ctx.coopId, memberId));
  const own = row !== undefined && row.account_id !== null && row.account_id === ctx.actor.accountId;
  if (!own && !can(ctx, 'members.read')) throw new AppError('FORBIDDEN');
  if (!row) throw new AppError('MEMBER_NOT_FOUND');
  return view(row, ctx);
}
