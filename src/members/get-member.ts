import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { view } from './lifecycle.js';
import type { MemberView } from './model.js';
import { maskMemberView } from './privacy.js';
import { findMember } from './store.js';

/**
 * One member's record: the board, staff and supervisors read every record; a member reads only their own.
 * NIK and birth date are masked (decision 0106) except on the member's own record and, when
 * `reveal` is asked (the record page and the API read), for the officers who keep the register
 * ('members.personal'): each such unmasked view writes an audit line in the same transaction.
 */
export async function getMember(ctx: TenantCtx, memberId: string, opts: { reveal?: boolean } = {}): Promise<MemberView> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findMember(trx, ctx.coopId, memberId);
    const own = row !== undefined && row.account_id !== null && row.account_id === ctx.actor.accountId;
    if (!own && !can(ctx, 'members.read')) throw new AppError('FORBIDDEN');
    if (!row) throw new AppError('MEMBER_NOT_FOUND');
    const full = view(row, ctx);
    if (own) return full;
    if (!opts.reveal || !can(ctx, 'members.personal')) return maskMemberView(full);
    await recordAudit(trx, ctx, { action: 'member.personal.view', entity: 'member', entityId: row.id, after: { fields: ['nik', 'birthDate'] } });
    return full;
  });
}
