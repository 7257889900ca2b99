import { describe, expect, it } from 'vitest';
import { evaluateCompliance } from './compliance.js';
import { formatPercent, formatRupiah, presentCompliance, presentRules } from './present.js';
import { templateRules } from './templates.js';

const facts = (active: number, women: number) => ({
  members: { active, women, youth: 1, withBirthDate: active, households: active, wellOffReceivingStateAid: 0, withRt: active, distinctRt: 1 },
  coop: { villageCode: '33.22.11.2001', rt: 3, rw: 5 }
});

describe('compliance evidence in words', () => {
  it('says "women 11 of 22 = 50 %" in Indonesian and English', () => {
    const items = evaluateCompliance(templateRules('jamaah_produksi'), facts(22, 11));
    const id = presentCompliance('id', items).find((i) => i.ruleKey === 'womenMinBp')!;
    expect(id.evidenceText).toBe('Perempuan 11 dari 22 = 50 % (aturan ≥ 50 %)');
    expect(id.statusText).toBe('Terpenuhi');
    expect(id.ruleText).toBe('Perempuan paling sedikit 50 % anggota aktif');
    const en = presentCompliance('en', items).find((i) => i.ruleKey === 'womenMinBp')!;
    expect(en.evidenceText).toBe('Women 11 of 22 = 50 % (rule ≥ 50 %)');
  });

  it('says "41 households", rule at most 40, for an oversized Jamaah Produksi', () => {
    const items = presentCompliance('id', evaluateCompliance(templateRules('jamaah_produksi'), facts(41, 21)));
    const max = items.find((i) => i.ruleKey === 'membership.max')!;
    expect(max.status).toBe('fail');
    expect(max.ruleText).toBe('Paling banyak 40 keluarga anggota');
    expect(max.evidenceText).toBe('41 keluarga dari 41 anggota aktif');
    expect(max.statusText).toBe('Tidak terpenuhi');
  });

  it('names the data not recorded yet and where it is kept, never claiming the module is missing', () => {
    const items = presentCompliance('id', evaluateCompliance(templateRules('jamaah_produksi'), facts(22, 11)));
    const meetings = items.find((i) => i.ruleKey === 'meetings')!;
    expect(meetings.evidenceText).toBe('Belum dapat diukur: belum ada jadwal rapat dan daftar hadir yang tercatat di Rapat & Keputusan.');
    expect(items.find((i) => i.ruleKey === 'collectiveBusinessOnly')!.evidenceText).toMatch(/^Belum dapat diukur: Lumbung belum mencatat /);
    expect(items.map((i) => i.evidenceText).join(' ')).not.toContain('belum tersedia');
    expect(meetings.ruleText).toBe('Rapat bulanan yang melibatkan seluruh anggota, sekaligus media pendidikan kritis');
  });

  it('formats basis points and rupiah per language without floats', () => {
    expect(formatPercent('id', 4999)).toBe('49,99');
    expect(formatPercent('en', 4999)).toBe('49.99');
    expect(formatPercent('id', 1250)).toBe('12,5');
    expect(formatPercent('en', 10_000)).toBe('100');
    expect(formatRupiah('id', 100_000)).toBe('Rp100.000');
    expect(formatRupiah('en', 100_000)).toBe('Rp100,000');
  });

  it('reads every rule of a charter as a sentence, surplus split included', () => {
    const rules = presentRules('id', templateRules('primer'));
    const surplus = rules.find((r) => r.ruleKey === 'surplus')!;
    expect(surplus.text).toBe('SHU dibagi: Dana cadangan 40 %, Jasa modal 20 %, Jasa usaha 25 %, Dana pengurus 5 %, Dana karyawan 5 %, Dana pendidikan 2,5 %, Dana sosial 2,5 %');
    expect(rules.find((r) => r.ruleKey === 'capital')!.text).toBe('Simpanan pokok Rp100.000; simpanan wajib Rp20.000 per bulan');
    for (const r of rules) expect(r.text).not.toMatch(/charters\.|\{\{/);
    for (const r of presentRules('en', templateRules('jamaah_produksi'))) expect(r.text).not.toMatch(/charters\.|\{\{/);
  });
});
