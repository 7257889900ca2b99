import { describe, expect, it } from 'vitest';
import { aggregateNeeds, meetingIssues, needsChartSvg, progress, proposeIntegrationLinks, type BusinessFacts } from './model.js';

const biz = (id: string, founder: string, productLine: string, buys: string[], sells: string[]): BusinessFacts => ({ id, founderId: `f-${founder}`, founderName: founder, name: `Usaha ${founder}`, productLine, buys, sells });

describe('proposeIntegrationLinks', () => {
  it("links one member's output to another's input, ignoring case and spaces", () => {
    const links = proposeIntegrationLinks([biz('1', 'Ani', 'busana', ['kain tenun'], ['baju batik']), biz('2', 'Budi', 'busana', ['Pewarna  alami'], ['Kain Tenun']), biz('3', 'Citra', 'rupa', [], ['pewarna alami'])]);
    const supply = links.filter((l) => l.kind === 'supply');
    expect(supply).toEqual([
      { kind: 'supply', item: 'Kain Tenun', from: { founderId: 'f-Budi', founderName: 'Budi', business: 'Usaha Budi' }, to: { founderId: 'f-Ani', founderName: 'Ani', business: 'Usaha Ani' } },
      { kind: 'supply', item: 'pewarna alami', from: { founderId: 'f-Citra', founderName: 'Citra', business: 'Usaha Citra' }, to: { founderId: 'f-Budi', founderName: 'Budi', business: 'Usaha Budi' } }
    ]);
  });

  it('never links a founder to themselves', () => {
    expect(proposeIntegrationLinks([biz('1', 'Ani', 'rupa', ['cat'], ['cat']), biz('2', 'Ani', 'busana', ['cat'], [])]).filter((l) => l.kind !== 'shared_marketing')).toEqual([]);
  });

  it('proposes shared purchases for an item two founders buy, and shared marketing per product line', () => {
    const links = proposeIntegrationLinks([biz('1', 'Ani', 'busana', ['benang'], ['baju']), biz('2', 'Budi', 'busana', ['Benang'], ['sarung']), biz('3', 'Citra', 'suara', ['benang'], [])]);
    expect(links.filter((l) => l.kind === 'shared_purchase')).toEqual([
      { kind: 'shared_purchase', item: 'benang', founders: [{ founderId: 'f-Ani', founderName: 'Ani' }, { founderId: 'f-Budi', founderName: 'Budi' }, { founderId: 'f-Citra', founderName: 'Citra' }] }
    ]);
    // Citra sells nothing: she is not part of the shared marketing of Suara (one seller only: no link).
    expect(links.filter((l) => l.kind === 'shared_marketing')).toEqual([{ kind: 'shared_marketing', productLine: 'busana', founders: [{ founderId: 'f-Ani', founderName: 'Ani' }, { founderId: 'f-Budi', founderName: 'Budi' }] }]);
  });

  it('proposes nothing for a single business', () => {
    expect(proposeIntegrationLinks([biz('1', 'Ani', 'busana', ['benang'], ['benang'])])).toEqual([]);
  });
});

describe('aggregateNeeds', () => {
  const a = (founderId: string, householdCode: string, category: 'primer' | 'sekunder' | 'penunjang' | 'pelengkap', item: string, monthlySpend: number) => ({ founderId, householdCode, category, item, frequency: 'bulanan' as const, monthlySpend });
  it('counts households, not founders, and sums spending in whole rupiah', () => {
    const map = aggregateNeeds([a('1', 'KK1', 'primer', 'Beras', 300_000), a('2', 'KK1', 'primer', 'beras ', 200_000), a('3', 'KK2', 'primer', 'Beras', 250_000), a('3', 'KK2', 'penunjang', 'Benang', 50_000)]);
    expect(map.items[0]).toEqual({ item: 'Beras', category: 'primer', households: 2, founders: 3, monthlySpend: 750_000 });
    expect(map.categories.find((c) => c.category === 'primer')).toEqual({ category: 'primer', households: 2, items: 1, monthlySpend: 750_000 });
    expect(map.totalMonthlySpend).toBe(800_000);
    expect(map.respondents).toBe(3);
    expect(map.households).toBe(2);
  });
  it('draws an SVG without script or style attributes, escaping item names', () => {
    const map = aggregateNeeds([a('1', 'KK1', 'primer', 'Gula <aren>', 10_000)]);
    const svg = needsChartSvg(map, { households: 'KK', perMonth: '/bln', categories: { primer: 'P', sekunder: 'S', penunjang: 'T', pelengkap: 'L' } });
    expect(svg).toContain('Gula &lt;aren&gt;');
    expect(svg).not.toMatch(/style=|<script/);
    expect(svg).toContain('Rp10.000/bln');
  });
});

describe('meetingIssues', () => {
  const founders = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `f${i}`, fullName: `P${i}`, attended: true, office: null as null | 'ketua' | 'sekretaris' | 'bendahara' | 'pengawas' }));
  it('refuses a primary founding meeting with fewer than 9 present, naming the source', () => {
    const f = founders(8);
    f[0]!.office = 'ketua';
    f[1]!.office = 'sekretaris';
    f[2]!.office = 'bendahara';
    f[3]!.office = 'pengawas';
    const issues = meetingIssues('primer', f);
    expect(issues).toEqual([{ field: 'attendance', code: 'founding_below_minimum', params: expect.objectContaining({ present: 8, min: 9, source: expect.stringContaining('Pasal 6') }) }]);
    expect(meetingIssues('primer', [...f, { id: 'x', fullName: 'X', attended: true, office: null }])).toEqual([]);
  });
  it('names empty offices and officers who were absent', () => {
    const f = founders(9);
    f[0]!.office = 'ketua';
    f[0]!.attended = false;
    const codes = meetingIssues('primer', f).map((i) => `${i.field}:${i.code}`);
    expect(codes).toContain('attendance:founding_below_minimum');
    expect(codes).toContain('founders.f0:founding_officer_absent');
    expect(codes).toContain('offices.sekretaris:founding_office_empty');
    expect(codes).toContain('offices.pengawas:founding_office_empty');
  });
});

describe('progress', () => {
  it('moves to the needs step once the founders and the vision are there', () => {
    const p = progress({ kind: 'primer', founders: 9, visionAgreed: true, respondents: 4, businesses: 0, units: 0, templateChosen: false, meetingHeld: false, dossierComplete: false, activated: false });
    expect(p.current).toBe('kebutuhan');
    expect(progress({ kind: 'primer', founders: 9, visionAgreed: true, respondents: 5, businesses: 0, units: 0, templateChosen: false, meetingHeld: false, dossierComplete: false, activated: false }).current).toBe('usaha');
  });
});
