import type { LayoutServerLoad } from './$types';
import { coopsOf } from '../../accounts/store.js';

export const load: LayoutServerLoad = async ({ locals }) => {
  const account = locals.auth
    ? { name: locals.auth.actor.name, isPlatformAdmin: locals.auth.actor.isPlatformAdmin, coops: await coopsOf(locals.ctx.db, locals.auth.actor.accountId) }
    : null;
  return { locale: locals.locale, account };
};
