import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../../kernel/errors.js';
import { exportLearningRecord } from '../../../../../../../education/learning-record.js';

/** The member's own learning record as XLSX. */
export const GET: RequestHandler = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const { filename, body } = await exportLearningRecord(ctx, null);
    return new Response(new Uint8Array(body), { headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' } });
  } catch (err) {
    if (isAppError(err) && err.status < 500) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
