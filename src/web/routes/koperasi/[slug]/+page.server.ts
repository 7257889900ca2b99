import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../kernel/errors.js';
import { getPublicProfile } from '../../../../coops/get-public-profile.js';

/** A cooperative's public page: anyone, no sign-in, only for coops that chose to be public. */
export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    return { profile: await getPublicProfile(locals.ctx, params.slug) };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};
