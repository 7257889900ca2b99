import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUp } from '../../../accounts/sign-up.js';
import { SESSION_DAYS } from '../../../accounts/sign-in.js';
import { SESSION_COOKIE } from '../../../server/cookies.js';
import { failWith, formObject } from '$lib/server/forms';

function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

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
    cookies.set(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: SESSION_DAYS * 86_400 });
    redirect(303, safeNext(typeof values.ke === 'string' ? values.ke : null) ?? '/');
  }
};
