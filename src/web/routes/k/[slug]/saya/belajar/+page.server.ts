import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith } from '$lib/server/forms';
import { getLearningRecord, setRecordLink } from '../../../../../../education/learning-record.js';
import { isAppError } from '../../../../../../kernel/errors.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    return { record: await getLearningRecord(ctx, null), origin: process.env.PUBLIC_URL ?? event.url.origin };
  } catch (err) {
    // Someone with a role but no member record (e.g. staf) has no learning record of their own.
    if (isAppError(err) && err.code === 'EDU_NOT_MEMBER') return { record: null, origin: event.url.origin };
    throw err;
  }
};

export const actions: Actions = {
  link: async (event) => {
    const ctx = await tenantFor(event);
    const on = (await event.request.formData()).get('on') === 'true';
    try {
      await setRecordLink(ctx, on);
    } catch (err) {
      return failWith(ctx.locale, err);
    }
    redirect(303, event.url.pathname);
  }
};
