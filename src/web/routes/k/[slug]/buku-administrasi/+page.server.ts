import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../kernel/errors.js';
import { translateError } from '../../../../../kernel/i18n.js';
import { getBookIndex } from '../../../../../reports/get-book.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    return getBookIndex(ctx);
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
