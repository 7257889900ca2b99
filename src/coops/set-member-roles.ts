import { parseIdentifier } from '../accounts/model.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Role } from '../db/schema.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { keepsAKetua, normalizeRoles, ZSetMemberRolesRequest, type SetMemberRolesRequest } from './model.js';
import { revokeTokensOfLeaver } from './revoke-api-token.js';
import { deleteCoopUser, findAccountByEmailOrPhone, findAccountSummary, findCoopById, insertCoopUser, rolesByAccount, updateCoopUserRoles } from './store.js';

export type SetMemberRolesResult = { accountId: string; name: string; roles: Role[] };

/**
 * Give an account its complete set of roles in the cooperative (ketua only). The account
 * is named by email/phone (it may already belong to other cooperatives) or by id; an
 * empty list removes it. A cooperative always keeps at least one ketua.
 */
export async function setMemberRoles(ctx: TenantCtx, input: SetMemberRolesRequest): Promise<SetMemberRolesResult> {
  requirePermission(ctx, 'roles.manage');
  const data = parseInput(ZSetMemberRolesRequest, input);
  const roles = normalizeRoles(data.roles);
  let ident: { email: string } | { phone: string } | null = null;
  if (data.accountId === undefined) {
    ident = parseIdentifier(data.identifier ?? '');
    if (!ident) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'identifier', code: 'identifier_invalid' }] });
  }
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    // Role changes of one cooperative queue on its row, so two ketua removing each
    // other at the same moment cannot leave it without one.
    if (!(await findCoopById(trx, ctx.coopId, { forUpdate: true }))) throw new AppError('NOT_FOUND');
    const account = ident ? await findAccountByEmailOrPhone(trx, ident) : await findAccountSummary(trx, data.accountId!);
    const current = await rolesByAccount(trx, ctx.coopId);
    // An account id only names someone already in this cooperative (ids of others are not probed).
    if (!account || (!ident && !current.has(account.id))) {
      throw new AppError('NOT_FOUND', { fields: [{ field: ident ? 'identifier' : 'accountId', code: 'account_unknown' }] });
    }
    const before = current.get(account.id) ?? [];
    const next = new Map(current);
    if (roles.length) next.set(account.id, roles);
    else next.delete(account.id);
    if (!keepsAKetua(next)) throw new AppError('COOP_LAST_KETUA', { fields: [{ field: 'roles', code: 'last_ketua' }] });

    if (roles.length === 0) {
      if (before.length) {
        await deleteCoopUser(trx, ctx.coopId, account.id);
        await revokeTokensOfLeaver(trx, ctx, account.id, 'roles_removed');
      }
    } else if (before.length) {
      await updateCoopUserRoles(trx, ctx.coopId, account.id, roles);
    } else {
      await insertCoopUser(trx, ctx.coopId, account.id, roles);
    }
    if (JSON.stringify(before) !== JSON.stringify(roles)) {
      await recordAudit(trx, ctx, { action: 'roles.set', entity: 'coop_user', entityId: account.id, before: { roles: before }, after: { roles } });
    }
    return { accountId: account.id, name: account.name, roles };
  });
}
