import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { completeSignUp, getSignUp } from '../../../../../accounts/complete-sign-up.js';
import { isAppError } from '../../../../../kernel/errors.js';
import { translateError } from '../../../../../kernel/i18n.js';
import { failWith } from '$lib/server/forms';
import { safeNext, setSessionCookie } from '$lib/server/session';

/**
 * The link of a sign-up mail (decision 0102). Opening it shows what will be created; the account
 * is made only when the person presses the button (a mail scanner that fetches links creates nothing).
 */
export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    return { signUp: await getSignUp(locals.ctx, params.token), problem: null };
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { signUp: null, problem: translateError(locals.locale, err).message };
  }
};

export const actions: Actions = {
  default: async ({ locals, params, cookies, url }) => {
    let done;
    try {
      done = await completeSignUp(locals.ctx, params.token);
    } catch (err) {
      return failWith(locals.locale, err);
    }
    setSessionCookie(cookies, done.session.token, url);
    redirect(303, safeNext(done.next) ?? '/');
  }
};
