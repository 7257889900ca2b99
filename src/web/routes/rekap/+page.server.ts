import type { PageServerLoad } from './$types';
import { getRollups, rollupSvg } from '$core/networks/rollups.js';

export const csr = false;

/** Public regional dashboards (issue 19): the instance with its provinces, or one province with its regencies, from the roll-up tables. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const province = url.searchParams.get('provinsi') ?? undefined;
  const year = url.searchParams.get('tahun') ?? undefined;
  const view = await getRollups(locals.ctx, { ...(province && /^[0-9]{2}$/.test(province) ? { province } : {}), ...(year && /^[0-9]{4}$/.test(year) ? { year } : {}) });
  return { view, svg: view.children.length ? rollupSvg(view.children, view.name) : null };
};
