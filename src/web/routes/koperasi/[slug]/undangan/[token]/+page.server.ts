import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, formObject } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/session';
import { getInvitation } from '../../../../../../members/get-invitation.js';
import { acceptInvitation } from '../../../../../../members/accept-invitation.js';
import { SIGN_UP_LINK_HOURS, signUp } from '../../../../../../accounts/sign-up.js';
import { AppError, isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';

/** An invitation link from the board's mail: sign in or create an account, then link it to the member. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const signInHref = `/masuk?ke=${encodeURIComponent(url.pathname)}`;
  try {
    const invitation = await getInvitation(locals.ctx, params.slug, params.token);
    return { invitation, problem: null, signedInAs: locals.auth?.kind === 'session' ? locals.auth.actor.name : null, signInHref };
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { invitation: null, problem: translateError(locals.locale, err).message, signedInAs: null, signInHref };
  }
};

export const actions: Actions = {
  link: async ({ locals, params }) => {
    if (locals.auth?.kind !== 'session') return fail(401, { error: translateError(locals.locale, new AppError('UNAUTHENTICATED')).message });
    try {
      const { coop } = await acceptInvitation({ ...locals.ctx, actor: locals.auth.actor }, params.slug, params.token);
      return { linked: { slug: coop.slug, name: coop.name } };
    } catch (err) {
      return failWith(locals.locale, err);
    }
  },
  create: async ({ locals, params, request, cookies, getClientAddress, url }) => {
    const values = formObject(await request.formData());
    try {
      // Refuse a dead link before creating an account for it.
      const invitation = await getInvitation(locals.ctx, params.slug, params.token);
      // The invited address is proven by this link: an account for it is made at once. Another
      // address gets the mailed sign-up link, which leads back here (decision 0102).
      const result = await signUp(locals.ctx, values, getClientAddress(), { provenEmail: invitation.email, next: url.pathname });
      if (result.kind === 'check_email') return { checkEmail: result.email, hours: SIGN_UP_LINK_HOURS };
      const session = result.session;
      setSessionCookie(cookies, session.token, url);
      const actor = { accountId: session.account.id, name: session.account.name, isPlatformAdmin: false, via: 'session' as const };
      const { coop } = await acceptInvitation({ ...locals.ctx, actor }, params.slug, params.token);
      return { linked: { slug: coop.slug, name: coop.name } };
    } catch (err) {
      const { password: _p, ...safe } = values;
      return failWith(locals.locale, err, safe);
    }
  }
};
