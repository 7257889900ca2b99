import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { coopBySlug } from './store.js';

/** The public cooperative a storefront address names; a private or unknown one is NOT_FOUND. */
export async function publicCoop(ctx: Pick<Ctx, 'db'>, slug: string): Promise<{ id: string; slug: string; name: string }> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) throw new AppError('NOT_FOUND');
  const coop = await coopBySlug(ctx.db, slug);
  if (!coop || !coop.is_public) throw new AppError('NOT_FOUND');
  return { id: coop.id, slug: coop.slug, name: coop.name };
}
