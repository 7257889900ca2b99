import type { PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getOwnShares, type OwnShare } from '../../../../../../surplus/get-own-share.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  let shares: OwnShare[] = [];
  try {
    shares = await getOwnShares(ctx);
  } catch (err) {
    if (!isAppError(err) || err.code !== 'MEMBER_NOT_FOUND') throw err;
  }
  return { shares };
};
