import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { latestInvitation } from './invitation-store.js';

export type LatestInvitation = { email: string; expiresAt: string; state: 'open' | 'accepted' | 'expired' } | null;

/** The member's latest account invitation and whether it can still be used (members.read). */
export async function getLatestInvitation(ctx: TenantCtx, memberId: string): Promise<LatestInvitation> {
  requirePermission(ctx, 'members.read');
  const row = await withTenant(ctx.db, ctx.coopId, (trx) => latestInvitation(trx, ctx.coopId, memberId));
  if (!row) return null;
  const state = row.accepted_at ? 'accepted' : row.superseded_at || row.expires_at.getTime() <= ctx.clock.now().getTime() ? 'expired' : 'open';
  return { email: row.email, expiresAt: row.expires_at.toISOString(), state };
}
