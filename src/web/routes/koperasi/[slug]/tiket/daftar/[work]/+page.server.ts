import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError } from '../../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../../kernel/i18n.js';
import { withTenant } from '../../../../../../../db/tenant.js';
import { publicEvent } from '../../../../../../../events/public-event.js';
import { seatsAvailable } from '../../../../../../../events/store.js';
import { registerForEvent } from '../../../../../../../events/register-for-event.js';
import { joinWaitlist } from '../../../../../../../events/join-waitlist.js';

export const csr = false;

/** Free registration for a free/community event, or the waitlist when it is full. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  try {
    const { coop, work } = await publicEvent(locals.ctx, params.slug, params.work);
    const seats = await withTenant(locals.ctx.db, coop.id, (trx) => seatsAvailable(trx, coop.id, work.id));
    return { coop, event: { title: work.title, slug: work.slug, startsAt: work.starts_at ? new Date(work.starts_at).toISOString() : null, venue: work.venue }, seats, position: url.searchParams.get('antrean') };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};

const values = (form: FormData) => ({ name: String(form.get('name') ?? ''), email: String(form.get('email') ?? ''), quantity: Number(form.get('quantity') ?? 1) });

export const actions: Actions = {
  register: async ({ locals, params, request }) => {
    const v = values(await request.formData());
    let token: string;
    try {
      token = (await registerForEvent(locals.ctx, params.slug, params.work, v)).tokens[0]!;
    } catch (err) {
      if (!isAppError(err)) throw err;
      const out = translateError(locals.ctx.locale, err);
      return fail(out.status, { error: out.message, code: out.code, values: v, fieldErrors: Object.fromEntries(out.fields.map((f) => [f.field, f.message])) });
    }
    redirect(303, `/koperasi/${params.slug}/tiket/${token}`);
  },
  waitlist: async ({ locals, params, request }) => {
    const v = values(await request.formData());
    let position: number;
    try {
      position = (await joinWaitlist(locals.ctx, params.slug, params.work, v)).position;
    } catch (err) {
      if (!isAppError(err)) throw err;
      const out = translateError(locals.ctx.locale, err);
      return fail(out.status, { error: out.message, code: out.code, values: v, fieldErrors: Object.fromEntries(out.fields.map((f) => [f.field, f.message])) });
    }
    redirect(303, `/koperasi/${params.slug}/tiket/daftar/${params.work}?antrean=${position}`);
  }
};
