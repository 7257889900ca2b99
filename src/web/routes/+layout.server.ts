import type { LayoutServerLoad } from './$types';
import { coopsOf } from '../../accounts/store.js';

/**
 * Pages are plain server-rendered HTML with no JavaScript: lighter on a cheap phone, and
 * nothing a person types before a script loads can be reset by hydration. The few pages
 * whose extras need JavaScript (live balance, live attendance, region auto-pick) turn it
 * back on with `export const csr = true`; they work without it too.
 */
export const csr = false;

export const load: LayoutServerLoad = async ({ locals }) => {
  const account = locals.auth
    ? { name: locals.auth.actor.name, isPlatformAdmin: locals.auth.actor.isPlatformAdmin, coops: await coopsOf(locals.ctx.db, locals.auth.actor.accountId) }
    : null;
  return { locale: locals.locale, account };
};
