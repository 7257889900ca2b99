import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signIn } from '../../../accounts/sign-in.js';
import { coopsOf } from '../../../accounts/store.js';
import { failWith, formObject } from '$lib/server/forms';
import { safeNext, setSessionCookie } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.auth) redirect(303, safeNext(url.searchParams.get('ke')) ?? '/');
  return { next: safeNext(url.searchParams.get('ke')) };
};

export const actions: Actions = {
  default: async ({ request, locals, cookies, getClientAddress, url }) => {
    const values = formObject(await request.formData());
    let session;
    try {
      session = await signIn(locals.ctx, values, getClientAddress());
    } catch (err) {
      return failWith(locals.locale, err, { identifier: values.identifier });
    }
    setSessionCookie(cookies, session.token, url);
    const next = safeNext(typeof values.ke === 'string' ? values.ke : null);
    if (next) redirect(303, next);
    const coops = await coopsOf(locals.ctx.db, session.account.id);
    redirect(303, coops.length === 1 ? `/k/${coops[0]!.slug}` : '/');
  }
};
