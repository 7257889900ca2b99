import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../../kernel/errors.js';
import { browseStorefront } from '../../../../../catalogue/browse-storefront.js';

// Light pages: server-rendered only, no JavaScript shipped.
export const csr = false;

/** A public cooperative's storefront: search and line filter through a GET form. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const filters = { q: url.searchParams.get('q') ?? '', line: url.searchParams.get('lini') ?? '', page: url.searchParams.get('hal') ?? '' };
  try {
    return { store: await browseStorefront(locals.ctx, params.slug, filters), filters, origin: url.origin };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    if (isAppError(err) && err.code === 'VALIDATION_FAILED') return { store: await browseStorefront(locals.ctx, params.slug, {}), filters: { q: '', line: '', page: '' }, origin: url.origin };
    throw err;
  }
};
