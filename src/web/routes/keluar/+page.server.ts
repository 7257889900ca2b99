import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signOut } from '../../../accounts/sign-out.js';
import { SESSION_COOKIE } from '../../../server/cookies.js';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ cookies, locals }) => {
    const token = cookies.get(SESSION_COOKIE);
    if (token) await signOut(locals.ctx.db, token);
    cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/');
  }
};
