import type { PageServerLoad } from './$types';
import { groupFor } from '$lib/server/founding';
import { getGroup } from '$core/founding/group.js';
import { getBusinessMap } from '$core/founding/businesses.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await groupFor(event);
  return { group: await getGroup(ctx), business: await getBusinessMap(ctx) };
};
