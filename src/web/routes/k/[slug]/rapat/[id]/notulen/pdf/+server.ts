import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '$core/kernel/errors.js';
import { translateError } from '$core/kernel/i18n.js';
import { minutesPdf } from '$core/governance/minutes-pdf.js';

/** The minutes as a PDF with signature lines; every role of the cooperative may read them. */
export const GET: RequestHandler = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const file = await minutesPdf(ctx, event.params.id);
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.contentType, 'content-disposition': `inline; filename="${file.filename}"` } });
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
