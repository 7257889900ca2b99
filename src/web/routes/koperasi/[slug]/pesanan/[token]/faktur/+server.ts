import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isAppError } from '../../../../../../../kernel/errors.js';
import { buyerInvoicePdf } from '../../../../../../../orders/invoice-pdf.js';

/** The buyer's latest invoice as a PDF (token-guarded like the order page). */
export const GET: RequestHandler = async ({ locals, params }) => {
  try {
    const { filename, pdf } = await buyerInvoicePdf(locals.ctx, params.slug, /^ORD-\d{4}-\d{1,9}$/.test(params.token) ? { orderNo: params.token } : { token: params.token });
    return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'private, no-store' } });
  } catch (err) {
    if (isAppError(err) && err.status < 500) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
