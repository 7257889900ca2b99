import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { enterCoop } from '../../../server/tenant-context.js';
import { isAppError } from '../../../kernel/errors.js';
import type { TenantCtx } from '../../../kernel/context.js';

/** Enter the cooperative named by the URL's slug as the signed-in person, or send them to sign in. */
export async function tenantFor(event: RequestEvent): Promise<TenantCtx> {
  const { ctx, auth } = event.locals;
  if (!auth) redirect(303, `/masuk?ke=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  const slug = event.params.slug ?? '';
  const coop = await ctx.db.selectFrom('coops').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!coop) error(404, { message: 'not found' });
  try {
    return await enterCoop(ctx, auth, coop.id);
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
}
