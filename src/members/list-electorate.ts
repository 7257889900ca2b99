import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';

/** One member who may take part in the cooperative's decisions. */
export type ElectorateMember = {
  memberId: string;
  memberNo: number | null;
  fullName: string;
  accountId: string | null;
  /** The member's own email, else the email of their sign-in account; null when neither is known. */
  email: string | null;
};

/**
 * The active members as of now, read inside the caller's transaction, so a vote or a
 * meeting can snapshot exactly the members it saw (governance.md item 3). Ordered by
 * member number.
 */
export async function electorateIn(trx: Tx, coopId: string, opts: { memberIds?: string[]; accountId?: string } = {}): Promise<ElectorateMember[]> {
  if (opts.memberIds && opts.memberIds.length === 0) return [];
  let q = trx
    .selectFrom('members as m')
    .leftJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.id as memberId', 'm.member_no as memberNo', 'm.full_name as fullName', 'm.account_id as accountId', sql<string | null>`coalesce(m.email, a.email)`.as('email')])
    .where('m.coop_id', '=', coopId)
    .where('m.status', '=', 'active');
  if (opts.memberIds) q = q.where('m.id', 'in', opts.memberIds);
  if (opts.accountId) q = q.where('m.account_id', '=', opts.accountId);
  return q.orderBy(sql`m.member_no NULLS LAST`).orderBy('m.id').execute();
}

/** The active members as of now, with their contacts (those who may read the member list). */
export async function listElectorate(ctx: TenantCtx): Promise<ElectorateMember[]> {
  requirePermission(ctx, 'members.read');
  return withTenant(ctx.db, ctx.coopId, (trx) => electorateIn(trx, ctx.coopId));
}
