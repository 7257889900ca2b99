import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { failWith, formObject } from '$lib/server/forms';
import { memberFormValues, memberRequestFromForm } from '$lib/members/form';
import { applyForMembership } from '../../../../../members/apply-for-membership.js';
import { getOwnMember } from '../../../../../members/get-own-member.js';
import { getApplyDefaults } from '../../../../../members/get-apply-defaults.js';
import { AppError } from '../../../../../kernel/errors.js';
import { findCoopBySlug } from '../../../../../members/find-coop-by-slug.js';

async function coopOf(event: RequestEvent) {
  const coop = await findCoopBySlug(event.locals.ctx, event.params.slug);
  if (!coop) error(404, { message: 'not found' });
  return coop;
}

export const load: PageServerLoad = async (event) => {
  const coop = await coopOf(event);
  const { auth, ctx } = event.locals;
  const next = `/koperasi/${coop.slug}/daftar`;
  if (!auth) return { coop, signedIn: false as const, signInHref: `/masuk?ke=${encodeURIComponent(next)}`, me: null, former: false, left: false, prefill: {} };
  const me = await getOwnMember({ ...ctx, coopId: coop.id });
  // A former member applies again from their own record (a new membership period of it).
  const former = me !== null && ['resigned', 'expelled', 'rejected'].includes(me.status);
  return {
    coop,
    signedIn: true as const,
    signInHref: null,
    me,
    former,
    left: event.url.searchParams.get('keluar') === '1',
    prefill: former ? memberFormValues(me) : await getApplyDefaults(ctx)
  };
};

export const actions: Actions = {
  default: async (event) => {
    const coop = await coopOf(event);
    const { locals } = event;
    const values = formObject(await event.request.formData());
    if (!locals.auth) return failWith(locals.locale, new AppError('UNAUTHENTICATED'), values);
    try {
      await applyForMembership({ ...locals.ctx, coopId: coop.id }, memberRequestFromForm(values));
    } catch (err) {
      return failWith(locals.locale, err, values);
    }
    return { sent: true };
  }
};
