import { regionChildren } from '../regions/model.js';

export type RegionOption = { code: string; name: string };
export type RegionOptions = { provinces: RegionOption[]; regencies: RegionOption[]; districts: RegionOption[]; villages: RegionOption[] };
export type RegionChain = { provinceCode?: string | null; regencyCode?: string | null; districtCode?: string | null; villageCode?: string | null };

const pick = async (parent: string | null | undefined): Promise<RegionOption[]> =>
  parent === undefined || parent === null || parent === '' ? [] : (await regionChildren(parent)).map((r) => ({ code: r.code, name: r.name }));

/**
 * The choices of a cascading region picker that works without JavaScript: each level
 * lists the children of the level above as it is currently chosen.
 */
export async function regionPickerOptions(chain: RegionChain): Promise<RegionOptions> {
  const [provinces, regencies, districts, villages] = await Promise.all([
    regionChildren(null).then((list) => list.map((r) => ({ code: r.code, name: r.name }))),
    pick(chain.provinceCode),
    pick(chain.regencyCode),
    pick(chain.districtCode)
  ]);
  return { provinces, regencies, districts, villages };
}
