import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../../../kernel/errors.js';
import { getTransferProof } from '../../../../../../../../orders/transfer-proof.js';

/** The uploaded transfer receipt, for the board only (permission checked by the orders capability). */
export const GET: RequestHandler = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const proof = await getTransferProof(ctx, event.params.id, event.params.payment);
    return new Response(new Uint8Array(proof.data), {
      headers: { 'content-type': proof.mime, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'" }
    });
  } catch (err) {
    if (isAppError(err) && err.status < 500) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
