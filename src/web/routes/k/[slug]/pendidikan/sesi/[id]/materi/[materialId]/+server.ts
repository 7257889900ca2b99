import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '$core/kernel/errors.js';
import { downloadMaterial } from '$core/education/materials.js';
import { dispositionName } from '$core/downloads/model.js';

/** A session material, for those enrolled in the programme, its facilitator and the board. */
export const GET: RequestHandler = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const m = await downloadMaterial(ctx, event.params.id, event.params.materialId);
    return new Response(new Uint8Array(m.data), { headers: { 'content-type': m.contentType, 'content-disposition': dispositionName(m.fileName), 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' } });
  } catch (err) {
    if (isAppError(err) && err.status < 500) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
