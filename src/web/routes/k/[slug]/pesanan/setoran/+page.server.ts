import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { jakartaDate } from '../../../../../../kernel/clock.js';
import { listCollections } from '../../../../../../orders/list-collections.js';

/** Money collected per day, method and confirming officer: for reconciling the cash box and the bank statement. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const today = jakartaDate(ctx.clock.now());
  const weekAgo = jakartaDate(new Date(ctx.clock.now().getTime() - 6 * 86_400_000));
  const from = event.url.searchParams.get('dari') || weekAgo;
  const to = event.url.searchParams.get('sampai') || today;
  try {
    return { rows: await listCollections(ctx, { from, to }), from, to, invalid: false };
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION_FAILED') return { rows: await listCollections(ctx, { from: weekAgo, to: today }), from: weekAgo, to: today, invalid: true };
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
