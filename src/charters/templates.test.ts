import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCharterRules } from './model.js';
import { CHARTER_TEMPLATES, DEFAULT_TEMPLATE_BY_COOP_TYPE, defaultTemplateFor, getTemplate, templateRules } from './templates.js';
import { listCharterTemplates } from './list-charter-templates.js';

const SEEDS = '/work/shared/seeds';
const seed004 = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith('004_')) : undefined;

function hasPath(obj: unknown, dotted: string): boolean {
  let cur: unknown = obj;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(part in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return true;
}

describe('charter templates', () => {
  it('offers the six templates, each valid, named and described in Indonesian and English', () => {
    expect(Object.keys(CHARTER_TEMPLATES).sort()).toEqual(['jamaah_produksi', 'pekerja', 'platform', 'primer', 'startup', 'tujuh_prinsip']);
    for (const tpl of Object.values(CHARTER_TEMPLATES)) {
      expect(checkCharterRules(tpl.rules).ok).toBe(true);
      expect(tpl.name.id && tpl.name.en && tpl.description.id && tpl.description.en).toBeTruthy();
      for (const s of tpl.sources) for (const rule of s.rules) expect(hasPath(tpl.rules, rule), `${tpl.key}: ${rule}`).toBe(true);
    }
  });

  it('holds all ten Jamaah Produksi rules, each traced to its row of the seed', () => {
    const jp = CHARTER_TEMPLATES.jamaah_produksi;
    expect(jp.sources.map((s) => Number(/no\. (\d+)/.exec(s.ref)?.[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const r = jp.rules;
    expect(r.collectiveBusinessOnly).toBe(true); // 1
    expect(r.rtBased).toBe(true); // 2
    expect(r.meetings).toMatchObject({ allMembersMustAttend: true, isEducation: true }); // 3
    expect(['weekly', 'monthly']).toContain(r.meetings.cadence);
    expect(r.womenMinBp).toBe(5000); // 4
    expect(r.membership.min).toBe(20); // 5
    expect(r.openToAllCivilSociety && !r.wellOffMayReceiveStateAid).toBe(true); // 6
    expect(r.youth.required).toBe(true); // 7
    expect(r.membership).toMatchObject({ max: 40, unit: 'household' }); // 8
    expect(r.localResourceBusiness).toBe(true); // 9
    expect(r.representationAllowed).toBe(false); // 10
  });

  it.skipIf(!seed004)('quotes the seed document word for word', () => {
    const text = readFileSync(path.join(SEEDS, seed004!), 'utf8');
    for (const s of CHARTER_TEMPLATES.jamaah_produksi.sources) expect(text).toContain(s.text);
  });

  it('names a default template for every cooperative type', () => {
    expect(defaultTemplateFor('jamaah_produksi')).toBe('jamaah_produksi');
    expect(defaultTemplateFor('produksi')).toBe('tujuh_prinsip');
    expect(defaultTemplateFor('simpan_pinjam')).toBe('primer');
    for (const key of Object.values(DEFAULT_TEMPLATE_BY_COOP_TYPE)) expect(getTemplate(key)).not.toBeNull();
    expect(getTemplate('tidak_ada')).toBeNull();
    expect(getTemplate('toString')).toBeNull();
  });

  it('hands out copies, so changing one cannot change the template', () => {
    const r = templateRules('primer');
    r.membership.min = 999;
    r.surplus.components[0]!.bp = 1;
    expect(CHARTER_TEMPLATES.primer.rules.membership.min).toBe(9);
    const listed = listCharterTemplates().find((t) => t.key === 'primer')!;
    listed.rules.membership.min = 77;
    expect(CHARTER_TEMPLATES.primer.rules.membership.min).toBe(9);
    expect(listed.defaultFor.sort()).toEqual(['jasa', 'konsumen', 'pemasaran', 'simpan_pinjam']);
  });
});
