import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../../../kernel/i18n.js';
import { exportReport } from '../../../../../../../../ledger/export-report.js';

/** A statement as PDF or XLSX (?format=pdf|xlsx with the page's period). */
export const GET: RequestHandler = async (event) => {
  const ctx = await tenantFor(event);
  const q = Object.fromEntries([...event.url.searchParams].filter(([k, v]) => v !== '' && ['from', 'to', 'accountId', 'memberId'].includes(k)));
  const format = event.url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'pdf';
  try {
    const file = await exportReport(ctx, event.params.jenis, format, q);
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` } });
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};
