import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { coopsOf } from '$core/accounts/store.js';

/**
 * The address in reply mails: a theme is read through the reader's own cooperative, so this
 * sends them to the theme under their first cooperative (or to sign in first).
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  if (!locals.auth) redirect(303, `/masuk?ke=${encodeURIComponent(url.pathname)}`);
  if (!/^[0-9a-f-]{36}$/i.test(params.themeCoopId) || !/^[0-9a-f-]{36}$/i.test(params.themeId)) error(404, { message: 'not found' });
  const coops = await coopsOf(locals.ctx.db, locals.auth.actor.accountId);
  const own = coops.find((c) => c.id === params.themeCoopId) ?? coops[0];
  if (!own) error(404, { message: 'not found' });
  redirect(303, `/k/${own.slug}/forum/${params.themeCoopId}/${params.themeId}`);
};
