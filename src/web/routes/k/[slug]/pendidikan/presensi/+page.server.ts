import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { checkInSelf } from '../../../../../../education/check-in.js';

export const load: PageServerLoad = async (event) => {
  await tenantFor(event);
  return { code: event.url.searchParams.get('kode') ?? '' };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const r = await checkInSelf(ctx, values);
      return { done: r };
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
  }
};
