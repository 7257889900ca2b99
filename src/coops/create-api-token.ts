import { recordAudit } from '../audit/record-audit.js';
import { sha256 } from '../accounts/tokens.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { newApiTokenSecret, tokenExpiry, ZCreateApiTokenRequest, type CreateApiTokenRequest } from './model.js';
import { insertApiToken } from './store.js';

export type CreatedApiToken = { id: string; name: string; createdAt: string; expiresAt: string | null; /** Shown once; only its SHA-256 is stored. */ secret: string };

/**
 * Issue an API token for an integration. It acts as the account that created it, with
 * that account's roles, in this cooperative only. Tokens cannot mint tokens: a leaked
 * one must not be able to outlive its revocation.
 */
export async function createApiToken(ctx: TenantCtx, input: CreateApiTokenRequest): Promise<CreatedApiToken> {
  requirePermission(ctx, 'tokens.manage');
  if (ctx.actor.via !== 'session') throw new AppError('FORBIDDEN');
  // A token acts with its account's roles here; an account without any (a platform administrator
  // visiting) would mint a token that opens nothing.
  if (ctx.roles.length === 0) throw new AppError('FORBIDDEN');
  const data = parseInput(ZCreateApiTokenRequest, input);
  const now = ctx.clock.now();
  const expiresAt = tokenExpiry(data.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'expiresAt', code: 'expiry_not_future' }] });
  const secret = newApiTokenSecret(ctx.coopId);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await insertApiToken(trx, { coop_id: ctx.coopId, account_id: ctx.actor.accountId, name: data.name, token_hash: sha256(secret), created_at: now, expires_at: expiresAt });
    await recordAudit(trx, ctx, { action: 'api_token.create', entity: 'api_token', entityId: row.id, after: { name: row.name, accountId: ctx.actor.accountId, expiresAt: expiresAt?.toISOString() ?? null } });
    return { id: row.id, name: row.name, createdAt: new Date(row.created_at).toISOString(), expiresAt: expiresAt?.toISOString() ?? null, secret };
  });
}
