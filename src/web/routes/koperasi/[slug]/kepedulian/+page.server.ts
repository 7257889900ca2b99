import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../../kernel/errors.js';
import { getTransparency } from '../../../../../care/get-transparency.js';

// Light page: server-rendered only, no JavaScript shipped.
export const csr = false;

/** A public cooperative's community funds: every rupiah in and out, programmes, totals per year. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const page = Number(url.searchParams.get('hal') ?? '1');
  try {
    return { care: await getTransparency(locals.ctx, params.slug, Number.isInteger(page) && page >= 1 ? page : 1) };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};
