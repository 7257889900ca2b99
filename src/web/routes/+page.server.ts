import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const publicCoops = await locals.ctx.db
    .selectFrom('coops')
    .select(['slug', 'name', 'coop_type'])
    .where('is_public', '=', true)
    .orderBy('name')
    .limit(50)
    .execute();
  return { publicCoops };
};
