import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getEntitlement } from '../../../../../../downloads/serve-download.js';

export const csr = false;

/** The buyer's download page (address mailed at payment): a fresh signed, expiring link on every visit. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
  setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
  try {
    return { ent: await getEntitlement(locals.ctx, params.slug, params.access) };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: err.code, code: err.code });
    throw err;
  }
};
