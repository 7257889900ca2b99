import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isAppError } from '$core/kernel/errors.js';
import { donationReceiptPdf } from '$core/care/receipt.js';

/** The donor's receipt (PDF), through their secret link, once the money was confirmed. */
export const GET: RequestHandler = async ({ locals, params }) => {
  try {
    const { receiptNo, pdf } = await donationReceiptPdf(locals.ctx, params.slug, params.token, locals.locale);
    return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="kuitansi-${receiptNo}.pdf"`, 'cache-control': 'private, no-store' } });
  } catch (err) {
    if (isAppError(err) && err.status < 500) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
