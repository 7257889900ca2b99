import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUp } from '../../../accounts/sign-up.js';
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
      session = await signUp(locals.ctx, values, getClientAddress());
    } catch (err) {
      const { password: _p, ...safe } = values;
      return failWith(locals.locale, err, safe);
    }
    setSessionCookie(cookies, session.token, url);
    redirect(303, safeNext(typeof values.ke === 'string' ? values.ke : null) ?? '/');
  }
};
