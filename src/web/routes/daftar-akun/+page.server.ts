import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { SIGN_UP_LINK_HOURS, signUp } from '../../../accounts/sign-up.js';
import { failWith, formObject } from '$lib/server/forms';
import { safeNext, setSessionCookie } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.auth) redirect(303, safeNext(url.searchParams.get('ke')) ?? '/');
  return { next: safeNext(url.searchParams.get('ke')) };
};

export const actions: Actions = {
  default: async ({ request, locals, cookies, getClientAddress, url }) => {
    const values = formObject(await request.formData());
    const next = safeNext(typeof values.ke === 'string' ? values.ke : null);
    let result;
    try {
      result = await signUp(locals.ctx, values, getClientAddress(), { next });
    } catch (err) {
      const { password: _p, ...safe } = values;
      return failWith(locals.locale, err, safe);
    }
    // With an e-mail address: the same "check your e-mail" whether or not it has an account (decision 0102).
    if (result.kind === 'check_email') return { checkEmail: result.email, hours: SIGN_UP_LINK_HOURS };
    setSessionCookie(cookies, result.session.token, url);
    redirect(303, next ?? '/');
  }
};
