import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../../kernel/errors.js';
import { listMyOrders } from '../../../../../orders/list-my-orders.js';
import { publicCoop } from '../../../../../catalogue/public-coop.js';

export const csr = false;

/** "My orders" at this cooperative, for the signed-in buyer (guests keep their secret links). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  if (!locals.auth) redirect(303, `/masuk?ke=${encodeURIComponent(url.pathname)}`);
  try {
    const [coop, orders] = await Promise.all([publicCoop(locals.ctx, params.slug), listMyOrders(locals.ctx, params.slug)]);
    return { coop, orders };
  } catch (err) {
    if (isAppError(err) && err.status === 404) error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};
