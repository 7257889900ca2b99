import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { getTicket } from '../../../../../../events/get-ticket.js';
import { cancelRegistration } from '../../../../../../events/cancel-registration.js';

export const csr = false;

/** A ticket, by its unguessable token, with its QR code (server-rendered SVG). */
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
  setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
  try {
    return { ticket: await getTicket(locals.ctx, params.slug, params.token), cancelled: url.searchParams.has('batal') };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};

export const actions: Actions = {
  cancel: async ({ locals, params }) => {
    try {
      await cancelRegistration(locals.ctx, params.slug, params.token);
    } catch (err) {
      if (!isAppError(err)) throw err;
      return { error: translateError(locals.ctx.locale, err).message };
    }
    redirect(303, `/koperasi/${params.slug}/tiket/${params.token}?batal=1`);
  }
};
