import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '$core/kernel/errors.js';
import { getCityPage } from '$core/networks/city.js';

// Light page: server-rendered only, no JavaScript shipped; the search is a GET form.
export const csr = false;

/** The city page of a network of cooperatives (issue 19): brand, coops, shared storefront, events, figures. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  try {
    return { city: await getCityPage(locals.ctx, params.slug, { q: (url.searchParams.get('q') ?? '').slice(0, 200) }) };
  } catch (err) {
    if (isAppError(err) && err.code === 'NETWORK_NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};
