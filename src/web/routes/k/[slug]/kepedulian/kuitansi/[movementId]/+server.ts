import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '$core/kernel/errors.js';
import { movementReceiptPdf } from '$core/care/receipt.js';

/** The board's copy of a fund movement's numbered receipt (PDF). */
export const GET: RequestHandler = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const { receiptNo, pdf } = await movementReceiptPdf(ctx, event.params.movementId);
    return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="kuitansi-${receiptNo}.pdf"`, 'cache-control': 'private, no-store' } });
  } catch (err) {
    if (isAppError(err) && err.status < 500) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
