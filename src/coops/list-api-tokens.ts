import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { listApiTokens as selectApiTokens } from './store.js';

export type ApiTokenView = {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The cooperative's API tokens, newest first (never their secrets). */
export async function listApiTokens(ctx: TenantCtx): Promise<ApiTokenView[]> {
  requirePermission(ctx, 'tokens.manage');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await selectApiTokens(trx, ctx.coopId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      accountId: r.account_id,
      accountName: r.account_name,
      createdAt: iso(r.created_at)!,
      lastUsedAt: iso(r.last_used_at),
      revokedAt: iso(r.revoked_at),
      expiresAt: iso(r.expires_at)
    }));
  });
}
