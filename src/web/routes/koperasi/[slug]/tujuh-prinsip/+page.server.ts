import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '$core/kernel/errors.js';
import { translateError } from '$core/kernel/i18n.js';
import { getScorecard } from '$core/care/scorecard.js';
import { YOUTH_MAX_AGE, YOUTH_MIN_AGE } from '$core/members/get-member-statistics.js';

// Light page: server-rendered only, no JavaScript shipped.
export const csr = false;

/** A public cooperative's seven-principles scorecard for a year, the previous year beside it. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const year = url.searchParams.get('tahun') ?? undefined;
  try {
    return { score: await getScorecard(locals.ctx, params.slug, year), youth: { min: YOUTH_MIN_AGE, max: YOUTH_MAX_AGE } };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    if (isAppError(err)) error(400, { message: translateError(locals.locale, err).fields[0]?.message ?? err.code, code: err.code });
    throw err;
  }
};
