import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getStoreWork } from '../../../../../../catalogue/get-store-work.js';

export const csr = false;

/** A work's public page, priced for the viewer (member price only for an active member, checked here on the server). */
export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    return { work: await getStoreWork(locals.ctx, params.slug, params.work) };
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'CATALOGUE_WORK_NOT_FOUND')) error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};
