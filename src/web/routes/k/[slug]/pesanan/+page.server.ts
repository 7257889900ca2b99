import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../kernel/errors.js';
import { translateError } from '../../../../../kernel/i18n.js';
import { listOrders } from '../../../../../orders/list-orders.js';
import { listPaymentsAwaitingConfirmation } from '../../../../../orders/list-payments-awaiting-confirmation.js';

const FILTERS = ['status', 'paid', 'buyerKind', 'method', 'q', 'page'] as const;

/** The board's order list: a GET form of filters, and the payments a treasurer still has to confirm. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, event.url.searchParams.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const input = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '').map(([k, v]) => [k, k === 'page' ? Number(v) : v]));
  try {
    const [orders, awaiting] = await Promise.all([listOrders(ctx, input).catch((err) => (isAppError(err) && err.code === 'VALIDATION_FAILED' ? listOrders(ctx, {}) : Promise.reject(err))), listPaymentsAwaitingConfirmation(ctx)]);
    return { orders, awaiting, filters };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
