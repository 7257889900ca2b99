import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { exportMinistryCsv } from '../../../../../../reports/export-reports.js';

/** The Ministry figures of a fiscal year as CSV (?year=). Officers and pengawas. */
export const GET: RequestHandler = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const file = await exportMinistryCsv(ctx, event.url.searchParams.get('year') || undefined);
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` } });
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
