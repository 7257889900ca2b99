import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../../kernel/errors.js';
import { certificatePdf } from '../../../../../../../education/certificates.js';

/** The certificate as a PDF, its QR pointing to the public verification page. */
export const GET: RequestHandler = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const { filename, pdf } = await certificatePdf(ctx, event.params.code, process.env.PUBLIC_URL ?? event.url.origin);
    return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'private, no-store' } });
  } catch (err) {
    if (isAppError(err) && err.status < 500) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
