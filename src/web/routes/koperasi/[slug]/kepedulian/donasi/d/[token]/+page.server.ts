import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '$core/kernel/errors.js';
import { getDonation } from '$core/care/donations.js';

// Light page: server-rendered only, no JavaScript shipped.
export const csr = false;

/** The donor's own page (secret link): the exact QRIS or the transfer account, then the receipt. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
  setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
  try {
    const donation = await getDonation(locals.ctx, params.slug, params.token);
    const qrImage = donation.qris ? `data:image/svg+xml;base64,${Buffer.from(donation.qris.svg).toString('base64')}` : null;
    return { donation: { ...donation, qris: donation.qris ? { payload: donation.qris.payload } : null }, qrImage };
  } catch (err) {
    if (isAppError(err) && err.status === 404) error(404, { message: err.code, code: err.code });
    throw err;
  }
};
