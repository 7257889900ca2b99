import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LOCALE_COOKIE } from '../../../server/cookies.js';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ request, cookies }) => {
    const form = await request.formData();
    const lang = form.get('lang') === 'en' ? 'en' : 'id';
    cookies.set(LOCALE_COOKIE, lang, { path: '/', httpOnly: false, sameSite: 'lax', secure: false, maxAge: 365 * 86_400 });
    const next = String(form.get('ke') ?? '/');
    redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
  }
};
