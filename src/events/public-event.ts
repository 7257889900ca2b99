import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { publicCoop } from '../catalogue/public-coop.js';

/** The published agenda work a public address names, or EVENT_NOT_FOUND. */
export async function publicEvent(ctx: Ctx, coopSlug: string, workSlug: string) {
  const coop = await publicCoop(ctx, coopSlug);
  if (!/^[a-z0-9-]{1,80}$/.test(workSlug)) throw new AppError('EVENT_NOT_FOUND');
  const work = await withTenant(ctx.db, coop.id, (trx) =>
    trx
      .selectFrom('works')
      .select(['id', 'slug', 'title', 'capacity', 'starts_at', 'venue'])
      .where('coop_id', '=', coop.id)
      .where('slug', '=', workSlug)
      .where('product_line', '=', 'agenda')
      .where('status', '=', 'published')
      .executeTakeFirst()
  );
  if (!work) throw new AppError('EVENT_NOT_FOUND');
  return { coop, work };
}
