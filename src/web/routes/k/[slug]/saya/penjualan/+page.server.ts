import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { getMySales } from '../../../../../../payouts/get-my-sales.js';

/** The signed-in member's own sales, share per line, balance from the ledger, and payouts received. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    return { sales: await getMySales(ctx) };
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'MEMBER_NOT_FOUND')) return { sales: null };
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
