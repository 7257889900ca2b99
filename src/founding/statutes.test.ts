import { describe, expect, it } from 'vitest';
import { CHARTER_TEMPLATES, templateRules } from '../charters/templates.js';
import { ZTemplateKey } from '../charters/model.js';
import { buildStatutes, CHAPTER_TITLES, REQUIRED_CHAPTERS } from './statutes.js';

const base = {
  name: 'Koperasi Produsen Budaya Lestari',
  kind: 'primer' as const,
  seat: 'Desa Sukamaju, Kecamatan Ciawi, Kabupaten Bogor',
  purpose: 'Memenuhi kebutuhan anggota dan memasarkan karya budaya bersama.',
  duration: null,
  vision: 'Seniman sejahtera bersama',
  mission: 'Memasarkan karya bersama',
  values: 'Gotong royong, kejujuran',
  units: [{ name: 'Toko karya bersama', description: 'Memasarkan karya anggota' }],
  founders: [{ fullName: 'Sari Wulandari', address: 'RT 3/RW 5, Sukamaju' }]
};

describe('buildStatutes', () => {
  it.each(ZTemplateKey.options)('writes every chapter the law requires for template %s', (key) => {
    const s = buildStatutes({ ...base, templateKey: key, rules: templateRules(key) });
    expect(s.chapters.map((c) => c.key)).toEqual([...REQUIRED_CHAPTERS]);
    for (const c of s.chapters) {
      expect(c.title).toBe(CHAPTER_TITLES[c.key]);
      expect(c.articles.length, c.key).toBeGreaterThan(0);
      expect(c.articles.every((a) => a.paragraphs.length > 0 && a.paragraphs.every((p) => p.trim().length > 10)), c.key).toBe(true);
    }
    const text = s.chapters.flatMap((c) => c.articles.flatMap((a) => a.paragraphs)).join('\n');
    const rules = templateRules(key);
    // The template's own numbers reach the text: simpanan pokok, and every SHU component's share.
    expect(text).toContain(`Rp${String(rules.capital.pokok).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`);
    expect(text).toContain(CHARTER_TEMPLATES[key].name.id);
    expect(text).toContain('Sari Wulandari');
    expect(text).toContain('Toko karya bersama');
    expect(text).toContain('sekurang-kurangnya 9 orang');
  });

  it('numbers the articles consecutively across chapters and the chapters in Roman numerals', () => {
    const s = buildStatutes({ ...base, templateKey: 'tujuh_prinsip', rules: templateRules('tujuh_prinsip') });
    const numbers = s.chapters.flatMap((c) => c.articles.map((a) => a.number));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(s.chapters.slice(0, 4).map((c) => c.roman)).toEqual(['I', 'II', 'III', 'IV']);
    expect(s.chapters[8]!.roman).toBe('IX');
    expect(s.chapters[12]!.roman).toBe('XIII');
  });

  it('a secondary cooperative names its legal minimum of three cooperatives', () => {
    const s = buildStatutes({ ...base, kind: 'sekunder', templateKey: 'primer', rules: templateRules('primer') });
    expect(JSON.stringify(s)).toContain('sekurang-kurangnya 3 koperasi');
  });
});

describe('coopName', () => {
  it('does not say "Koperasi" twice', async () => {
    const { coopName } = await import('./statutes.js');
    expect(coopName('Koperasi Perajin Kotagede')).toBe('Koperasi Perajin Kotagede');
    expect(coopName('Perajin Kotagede')).toBe('Koperasi Perajin Kotagede');
  });
});
