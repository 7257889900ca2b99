import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { failWith, formObject } from '$lib/server/forms';
import { memberFormValues, memberRequestFromForm } from '$lib/members/form';
import { applyForMembership } from '$core/members/apply-for-membership.js';
import { getOwnMember } from '$core/members/get-own-member.js';
import { getApplyDefaults } from '$core/members/get-apply-defaults.js';
import { AppError } from '$core/kernel/errors.js';
import { findCoopBySlug } from '$core/members/find-coop-by-slug.js';
import { regionPickerOptions } from '$core/coops/region-picker.js';
import { trimRegionChain } from '$core/coops/model.js';
import { regionPath } from '$core/regions/model.js';

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** The picker's chain from the chosen codes, or, when only a village is known (a former member's record), from its path. */
async function withChain(values: Values): Promise<Values> {
  if (!str(values.provinceCode) && str(values.villageCode)) {
    const [p, r, d, v] = await regionPath(str(values.villageCode));
    return { ...values, provinceCode: p?.code ?? '', regencyCode: r?.code ?? '', districtCode: d?.code ?? '', villageCode: v?.code ?? '' };
  }
  return { ...values, ...trimRegionChain({ provinceCode: str(values.provinceCode), regencyCode: str(values.regencyCode), districtCode: str(values.districtCode), villageCode: str(values.villageCode) }) };
}

const regionsFor = (v: Values) => regionPickerOptions({ provinceCode: str(v.provinceCode), regencyCode: str(v.regencyCode), districtCode: str(v.districtCode) });

async function coopOf(event: RequestEvent) {
  const coop = await findCoopBySlug(event.locals.ctx, event.params.slug);
  if (!coop) error(404, { message: 'not found' });
  return coop;
}

export const load: PageServerLoad = async (event) => {
  const coop = await coopOf(event);
  const { auth, ctx } = event.locals;
  const next = `/koperasi/${coop.slug}/daftar`;
  if (!auth) return { coop, signedIn: false as const, signInHref: `/masuk?ke=${encodeURIComponent(next)}`, me: null, former: false, left: false, prefill: {}, regions: null };
  const me = await getOwnMember({ ...ctx, coopId: coop.id });
  // A former member applies again from their own record (a new membership period of it).
  const former = me !== null && ['resigned', 'expelled', 'rejected'].includes(me.status);
  const prefill = await withChain((former ? memberFormValues(me) : await getApplyDefaults(ctx)) as Values);
  return {
    coop,
    signedIn: true as const,
    signInHref: null,
    me,
    former,
    left: event.url.searchParams.get('keluar') === '1',
    prefill,
    regions: await regionsFor(prefill)
  };
};

export const actions: Actions = {
  /** "Pilih" in the region picker: list the level below the one chosen, keeping everything typed. */
  pilih: async (event) => {
    await coopOf(event);
    const values = await withChain(formObject(await event.request.formData()));
    return { picking: true, values, regions: await regionsFor(values) };
  },
  kirim: async (event) => {
    const coop = await coopOf(event);
    const { locals } = event;
    const values = await withChain(formObject(await event.request.formData()));
    if (!locals.auth) return failWith(locals.locale, new AppError('UNAUTHENTICATED'), values);
    try {
      await applyForMembership({ ...locals.ctx, coopId: coop.id }, memberRequestFromForm(values));
    } catch (err) {
      const failed = failWith(locals.locale, err, values);
      return fail(failed.status, { ...failed.data, regions: await regionsFor(values) });
    }
    return { sent: true };
  }
};
