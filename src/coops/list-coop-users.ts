import type { Role } from '../db/schema.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { listCoopUsers as selectCoopUsers } from './store.js';

export type CoopUser = { accountId: string; name: string; email: string | null; phone: string | null; roles: Role[]; since: string };

/** The accounts that hold a role in the cooperative (board, supervisors, staff, members with a sign-in). */
export async function listCoopUsers(ctx: TenantCtx): Promise<CoopUser[]> {
  requirePermission(ctx, 'roles.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await selectCoopUsers(trx, ctx.coopId);
    return rows.map((r) => ({ accountId: r.account_id, name: r.name, email: r.email, phone: r.phone, roles: r.roles, since: new Date(r.created_at).toISOString() }));
  });
}
