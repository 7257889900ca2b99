import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import type { Tx } from '../db/tenant.js';
import { findApiTokenById, revokeApiTokenRow, revokeApiTokensOfAccount } from './store.js';

/**
 * Revoke for good the tokens an account created in the cooperative, because it left: it lost its
 * last role there, or its membership ended (resigned, expelled). Called in the caller's transaction;
 * giving the account a role again later does not bring them back (decision 0102).
 */
export async function revokeTokensOfLeaver(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor' | 'clock'>, accountId: string, reason: 'roles_removed' | 'membership_ended'): Promise<number> {
  const revoked = await revokeApiTokensOfAccount(trx, ctx.coopId, accountId, ctx.clock.now());
  for (const token of revoked) {
    await recordAudit(trx, ctx, { action: 'api_token.revoke', entity: 'api_token', entityId: token.id, before: { name: token.name, revokedAt: null }, after: { reason, accountId } });
  }
  return revoked.length;
}

/** Revoke an API token at once; revoking one already revoked changes nothing. */
export async function revokeApiToken(ctx: TenantCtx, tokenId: string): Promise<{ id: string; revokedAt: string }> {
  requirePermission(ctx, 'tokens.manage');
  const id = parseInput(z.uuid(), tokenId);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const token = await findApiTokenById(trx, ctx.coopId, id);
    if (!token) throw new AppError('NOT_FOUND');
    if (token.revoked_at) return { id, revokedAt: new Date(token.revoked_at).toISOString() };
    const row = await revokeApiTokenRow(trx, ctx.coopId, id, ctx.clock.now());
    if (!row?.revoked_at) throw new AppError('CONFLICT');
    await recordAudit(trx, ctx, { action: 'api_token.revoke', entity: 'api_token', entityId: id, before: { name: token.name, revokedAt: null }, after: { revokedAt: new Date(row.revoked_at).toISOString() } });
    return { id, revokedAt: new Date(row.revoked_at).toISOString() };
  });
}
