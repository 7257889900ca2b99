import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { failWith, formObject } from '$lib/server/forms';
import { findCoopBySlug } from '../../../../../members/find-coop-by-slug.js';
import { getOwnMember } from '../../../../../members/get-own-member.js';
import { getOwnErasureRequest, requestOwnErasure } from '../../../../../members/request-erasure.js';
import { AppError } from '../../../../../kernel/errors.js';

/*
 * "Data saya" (decision 0106): a person's own data in a cooperative — download it, and after
 * leaving, ask for its erasure. Outside the /k/<slug> pages because a leaver has no role there.
 */

async function coopOf(event: RequestEvent) {
  const coop = await findCoopBySlug(event.locals.ctx, event.params.slug);
  if (!coop) error(404, { message: 'not found' });
  return coop;
}

export const load: PageServerLoad = async (event) => {
  const coop = await coopOf(event);
  const { auth, ctx } = event.locals;
  if (!auth) redirect(303, `/masuk?ke=${encodeURIComponent(`/koperasi/${coop.slug}/data-saya`)}`);
  const own = { ...ctx, coopId: coop.id };
  const me = await getOwnMember(own);
  return { coop, me, erasure: me ? await getOwnErasureRequest(own) : null };
};

export const actions: Actions = {
  default: async (event) => {
    const coop = await coopOf(event);
    const { locals } = event;
    const values = formObject(await event.request.formData());
    if (!locals.auth) return failWith(locals.locale, new AppError('UNAUTHENTICATED'), values);
    try {
      await requestOwnErasure({ ...locals.ctx, coopId: coop.id }, { note: values.note });
    } catch (err) {
      return failWith(locals.locale, err, values);
    }
    return { requested: true };
  }
};
