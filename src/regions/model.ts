import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { FieldIssue } from '../kernel/errors.js';

/**
 * Indonesian administrative regions (Kemendagri codes) from the `idn-area-data`
 * package (data ODbL). Codes are stored with REGION_DATASET so a later dataset
 * (pemekaran) can be told apart.
 */
export const REGION_DATASET = 'idn-area-data@4.0.1 (Kepmendagri 300.2.2-2138/2025)';

export type Region = { code: string; name: string; parent: string | null };
export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

type Index = { byCode: Map<string, Region>; children: Map<string, Region[]> };

let index: Promise<Index> | undefined;

function load(): Promise<Index> {
  index ??= (async () => {
    const [provinces, regencies, districts, villages] = await Promise.all([getProvinces(), getRegencies(), getDistricts(), getVillages()]);
    const byCode = new Map<string, Region>();
    const children = new Map<string, Region[]>();
    const add = (r: Region) => {
      byCode.set(r.code, r);
      const key = r.parent ?? '';
      const list = children.get(key);
      if (list) list.push(r);
      else children.set(key, [r]);
    };
    for (const p of provinces) add({ code: p.code, name: p.name, parent: null });
    for (const r of regencies) add({ code: r.code, name: r.name, parent: r.province_code });
    for (const d of districts) add({ code: d.code, name: d.name, parent: d.regency_code });
    for (const v of villages) add({ code: v.code, name: v.name, parent: v.district_code });
    for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'id'));
    return { byCode, children };
  })();
  return index;
}

/** Regions directly under `parent` (provinces when parent is null). */
export async function regionChildren(parent: string | null): Promise<Region[]> {
  return (await load()).children.get(parent ?? '') ?? [];
}

export async function regionByCode(code: string): Promise<Region | undefined> {
  return (await load()).byCode.get(code);
}

export function levelOf(code: string): RegionLevel | null {
  if (/^\d{2}$/.test(code)) return 'province';
  if (/^\d{2}\.\d{2}$/.test(code)) return 'regency';
  if (/^\d{2}\.\d{2}\.\d{2}$/.test(code)) return 'district';
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code)) return 'village';
  return null;
}

/** Kabupaten codes 01–69, kota 71–99; desa/kelurahan by the first digit of the last part. */
export function regionKind(code: string): string | null {
  const level = levelOf(code);
  if (level === 'regency') return Number(code.slice(3, 5)) >= 71 ? 'kota' : 'kabupaten';
  if (level === 'village') return ({ '1': 'kelurahan', '2': 'desa', '3': 'desa_adat' } as Record<string, string>)[code[9]!] ?? null;
  return level;
}

export type RegionInput = { provinceCode?: string | null; regencyCode?: string | null; districtCode?: string | null; villageCode?: string | null };

const LEVELS: { key: keyof RegionInput; field: string; level: RegionLevel }[] = [
  { key: 'provinceCode', field: 'provinceCode', level: 'province' },
  { key: 'regencyCode', field: 'regencyCode', level: 'regency' },
  { key: 'districtCode', field: 'districtCode', level: 'district' },
  { key: 'villageCode', field: 'villageCode', level: 'village' }
];

/**
 * Check a province → regency → district → village chain: every code must exist in the
 * dataset and belong to the level above it; a lower level needs the one above it.
 */
export async function validateRegionChain(input: RegionInput): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const { byCode } = await load();
  let parent: string | null = null;
  let missingAbove = false;
  for (const { key, field, level } of LEVELS) {
    const code = input[key] ?? null;
    if (!code) {
      missingAbove = true;
      continue;
    }
    if (missingAbove) {
      issues.push({ field, code: 'region_mismatch' });
      break;
    }
    const region = levelOf(code) === level ? byCode.get(code) : undefined;
    if (!region) {
      issues.push({ field, code: 'region_unknown' });
      break;
    }
    if (region.parent !== parent) {
      issues.push({ field, code: 'region_mismatch' });
      break;
    }
    parent = code;
  }
  return issues;
}

/** The village chain for a village code: [province, regency, district, village]. */
export async function regionPath(villageOrAny: string | null | undefined): Promise<Region[]> {
  const out: Region[] = [];
  let code = villageOrAny ?? null;
  while (code) {
    const r = await regionByCode(code);
    if (!r) break;
    out.unshift(r);
    code = r.parent;
  }
  return out;
}
