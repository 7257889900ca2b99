import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LOCALE_COOKIE } from '$core/server/cookies.js';
import { setAccountLocale } from '$core/accounts/set-account-locale.js';

export const load: PageServerLoad = () => redirect(303, '/');

/** The language the person picked: remembered in a cookie and, when signed in, on the account (issue 14 item 8). */
export const actions: Actions = {
  default: async ({ request, cookies, locals }) => {
    const form = await request.formData();
    const lang = form.get('lang') === 'en' ? 'en' : 'id';
    cookies.set(LOCALE_COOKIE, lang, { path: '/', httpOnly: false, sameSite: 'lax', secure: false, maxAge: 365 * 86_400 });
    if (locals.ctx.actor) await setAccountLocale(locals.ctx, { locale: lang });
    const next = String(form.get('ke') ?? '/');
    redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
  }
};
