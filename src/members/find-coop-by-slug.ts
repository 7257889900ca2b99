import type { Ctx } from '../kernel/context.js';

/** The cooperative a public address names (id, slug, name), for the application page. */
export async function findCoopBySlug(ctx: Pick<Ctx, 'db'>, slug: string): Promise<{ id: string; slug: string; name: string } | undefined> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return undefined;
  return ctx.db.selectFrom('coops').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}
