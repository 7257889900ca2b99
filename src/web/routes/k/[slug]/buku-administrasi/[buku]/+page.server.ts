import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { getBook } from '../../../../../../reports/get-book.js';

/** One administration book, 50 rows a page (?page=, ?year= for the yearly books). */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    return { book: await getBook(ctx, event.params.buku, { year: event.url.searchParams.get('year') || undefined, page: event.url.searchParams.get('page') || undefined }) };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
