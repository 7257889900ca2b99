import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const publicCoops = await locals.ctx.db
    .selectFrom('coops')
    .select(['slug', 'name', 'coop_type'])
    .where('is_public', '=', true)
    // A founding group (decision 0180) is not an active cooperative until it is activated.
    .where('status', '=', 'active')
    .orderBy('name')
    .limit(50)
    .execute();
  return { publicCoops };
};
