import type { Auth } from '../accounts/resolve-auth.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Actor, Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';

/** A use case acting inside one founding group: the actor is one of its founders (maybe a coordinator). */
export type GroupCtx = Ctx & { actor: Actor; coopId: string; founderId: string; isCoordinator: boolean; roles: [] };

/**
 * Enter a founding group as the signed-in actor. Only the group's founders get in (a founding
 * group's data, NIKs above all, is seen by nobody outside it — not even the platform
 * administrator); anyone else gets NOT_FOUND, as for a cooperative one has no role in.
 * API tokens never open a founding group.
 */
export async function enterGroup(ctx: Ctx, auth: Auth | null, coopId: string): Promise<GroupCtx> {
  if (!auth) throw new AppError('UNAUTHENTICATED');
  if (auth.kind === 'token') throw new AppError('NOT_FOUND');
  if (!/^[0-9a-f-]{36}$/i.test(coopId)) throw new AppError('NOT_FOUND');
  return enterGroupAs(ctx, auth.actor, coopId);
}

export async function enterGroupAs(ctx: Ctx, actor: Actor, coopId: string): Promise<GroupCtx> {
  const founder = await withTenant(ctx.db, coopId, (trx) =>
    trx
      .selectFrom('founding_founders as f')
      .innerJoin('founding_groups as g', 'g.coop_id', 'f.coop_id')
      .select(['f.id', 'f.is_coordinator'])
      .where('f.coop_id', '=', coopId)
      .where('f.account_id', '=', actor.accountId)
      .executeTakeFirst()
  );
  if (!founder) throw new AppError('NOT_FOUND');
  return { ...ctx, actor, coopId, founderId: founder.id, isCoordinator: founder.is_coordinator, roles: [] };
}

export function requireCoordinator(ctx: GroupCtx): void {
  if (!ctx.isCoordinator) throw new AppError('FORBIDDEN');
}

/** The group's row, locked for the change that follows; a group already activated changes no more (except its history stays readable). */
export async function lockOpenGroup(trx: Tx, coopId: string) {
  const g = await trx.selectFrom('founding_groups').selectAll().where('coop_id', '=', coopId).forUpdate().executeTakeFirstOrThrow();
  if (g.activated_at) throw new AppError('FOUNDING_ALREADY_ACTIVE');
  return g;
}
