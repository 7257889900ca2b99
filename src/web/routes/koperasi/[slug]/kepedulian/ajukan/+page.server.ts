import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, formObject } from '$lib/server/forms';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getPublicProfile } from '../../../../../../coops/get-public-profile.js';
import { submitPublicApplication } from '../../../../../../care/applications.js';
import { APPLICATION_CATEGORIES } from '../../../../../../care/model.js';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    const p = await getPublicProfile(locals.ctx, params.slug);
    return { coop: { slug: p.slug, name: p.name }, categories: APPLICATION_CATEGORIES };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};

/** Form strings to the request: whole numbers stay text when they are not digits, so the use case says what is wrong. */
function requestFrom(v: Record<string, unknown>): Record<string, unknown> {
  const num = (x: unknown) => (typeof x === 'string' && /^\d{1,13}$/.test(x.replace(/\./g, '')) ? Number(x.replace(/\./g, '')) : x);
  const out: Record<string, unknown> = {};
  for (const k of ['applicantName', 'phone', 'householdCode', 'villageCode', 'category', 'reason']) if (v[k] !== undefined) out[k] = v[k];
  for (const k of ['amountAsked', 'householdSize', 'rt', 'rw']) if (v[k] !== undefined) out[k] = num(v[k]);
  out.consentPublic = v.consentPublic === 'on';
  return out;
}

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const values = formObject(await request.formData());
    try {
      const r = await submitPublicApplication(locals.ctx, params.slug, requestFrom(values));
      return { sent: true, status: r.status, refusedRule: r.refusedRule };
    } catch (err) {
      return failWith(locals.locale, err, values);
    }
  }
};
