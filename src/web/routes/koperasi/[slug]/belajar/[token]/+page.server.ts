import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getPublicRecord } from '../../../../../../education/learning-record.js';

/** A learning record its holder chose to make public (off by default). */
export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    return { record: await getPublicRecord(locals.ctx, params.slug, params.token) };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};
