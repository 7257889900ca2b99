import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { getMemberCapital } from '../../../../../../capital/get-member-capital.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    return { capital: await getMemberCapital(ctx, event.params.id) };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
