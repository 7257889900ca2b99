import type { Database } from '../db/connection.js';
import { rolesIn } from '../accounts/store.js';
import type { Auth } from '../accounts/resolve-auth.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';

/**
 * Enter a cooperative as the authenticated actor. Someone with no role there gets
 * NOT_FOUND (the cooperative's private data does not reveal that it exists); an API
 * token only ever opens the cooperative it was issued for. The roles usually come with
 * the credentials (resolveAuth reads them for the cooperative in the URL); otherwise they
 * are read here.
 */
export async function enterCoop(ctx: Ctx, auth: Auth | null, coopId: string): Promise<TenantCtx> {
  if (!auth) throw new AppError('UNAUTHENTICATED');
  if (!/^[0-9a-f-]{36}$/i.test(coopId)) throw new AppError('NOT_FOUND');
  if (auth.kind === 'token' && auth.coopId !== coopId) throw new AppError('NOT_FOUND');
  const known = auth.coop && auth.coop.id === coopId ? auth.coop : undefined;
  const roles = known ? known.roles : await rolesIn(ctx.db as Database, auth.actor.accountId, coopId);
  if (roles.length === 0 && !auth.actor.isPlatformAdmin) throw new AppError('NOT_FOUND');
  if (auth.actor.isPlatformAdmin && roles.length === 0) {
    const exists = known ? known.exists : Boolean(await ctx.db.selectFrom('coops').select('id').where('id', '=', coopId).executeTakeFirst());
    if (!exists) throw new AppError('NOT_FOUND');
  }
  return { ...ctx, actor: auth.actor, coopId, roles };
}
