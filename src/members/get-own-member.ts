import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { view } from './lifecycle.js';
import type { MemberView } from './model.js';
import { findMemberByAccount } from './store.js';

/**
 * The signed-in account's own member record in a cooperative (any status), or null.
 * Needs no role there: an applicant has none until approved.
 */
export async function getOwnMember(ctx: Ctx & { coopId: string }): Promise<MemberView | null> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const row = await withTenant(ctx.db, ctx.coopId, (trx) => findMemberByAccount(trx, ctx.coopId, actor.accountId));
  return row ? view(row, ctx) : null;
}
