import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffFields, isValidSlug, keepsAKetua, normalizeRoles, trimRegionChain, ZCreateCoopRequest, ZUpdateCoopRequest } from './model.js';
import { parseInput } from '../kernel/validation.js';
import type { Role } from '../db/schema.js';

describe('cooperative slugs', () => {
  it('accepts lowercase words joined by single hyphens', () => {
    for (const s of ['jp-kricak', 'kop123', 'a1b', 'koperasi-rupa-bantul-2024']) expect(isValidSlug(s), s).toBe(true);
  });
  it('refuses capitals, spaces, edge or double hyphens, too short, and platform words', () => {
    for (const s of ['JP', 'jp kricak', '-jp', 'jp-', 'jp--kricak', 'ab', 'admin', 'api', 'k', 'x'.repeat(65)]) expect(isValidSlug(s), s).toBe(false);
  });
  it('never accepts a slug the database CHECK would refuse', () => {
    const dbCheck = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;
    fc.assert(fc.property(fc.string({ maxLength: 70 }), (s) => !isValidSlug(s) || dbCheck.test(s)));
  });
});

describe('coop input', () => {
  const base = { name: 'Koperasi Uji', slug: 'kop-uji', coopType: 'produksi', ketua: { email: 'k@uji.id' } };

  it('reads RT/RW and the fiscal month from form digits, and orders product lines without duplicates', () => {
    const data = parseInput(ZCreateCoopRequest, { ...base, rt: '3', rw: 12, fiscalYearStartMonth: '7', productLines: ['busana', 'suara', 'busana'] });
    expect(data).toMatchObject({ rt: 3, rw: 12, fiscalYearStartMonth: 7, productLines: ['suara', 'busana'] });
  });

  it('names each bad field with its own code', () => {
    const r = ZCreateCoopRequest.safeParse({ ...base, nikKoperasi: '12345', postalCode: '1234', rt: 1000, legalDate: '2024-02-30', phone: 'abc' });
    expect(r.success).toBe(false);
    const codes = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(codes).toMatchObject({ nikKoperasi: 'nik_koperasi_invalid', postalCode: 'postal_code_invalid', legalDate: 'date_invalid', phone: 'phone_invalid' });
    expect(codes.rt).toBeDefined();
  });

  it('treats a blank optional field as cleared, and refuses unknown fields', () => {
    expect(parseInput(ZUpdateCoopRequest, { street: '  ', postalCode: '' })).toEqual({ street: null, postalCode: null });
    expect(ZUpdateCoopRequest.safeParse({ id: 'x' }).success).toBe(false);
  });
});

describe('region picker chain', () => {
  it('clears the levels below one that changed', () => {
    expect(trimRegionChain({ provinceCode: '33', regencyCode: '34.71', districtCode: '34.71.03', villageCode: '34.71.03.1001' })).toEqual({
      provinceCode: '33',
      regencyCode: null,
      districtCode: null,
      villageCode: null
    });
    expect(trimRegionChain({ provinceCode: '34', regencyCode: '34.71', districtCode: '34.72.01', villageCode: '34.72.01.1001' })).toEqual({
      provinceCode: '34',
      regencyCode: '34.71',
      districtCode: null,
      villageCode: null
    });
  });
  it('keeps a consistent chain and clears below an empty level', () => {
    const ok = { provinceCode: '34', regencyCode: '34.71', districtCode: '34.71.03', villageCode: '34.71.03.1001' };
    expect(trimRegionChain(ok)).toEqual(ok);
    expect(trimRegionChain({ provinceCode: '', regencyCode: '34.71' })).toEqual({ provinceCode: '', regencyCode: null, districtCode: null, villageCode: null });
  });
});

describe('audit differences', () => {
  it('keeps only the fields that changed, before and after', () => {
    const before = { name: 'A', rt: 1, lines: ['suara'], email: null };
    const after = { name: 'A', rt: 2, lines: ['suara', 'rupa'], email: null };
    expect(diffFields(before, after, ['name', 'rt', 'lines', 'email'])).toEqual({ before: { rt: 1, lines: ['suara'] }, after: { rt: 2, lines: ['suara', 'rupa'] } });
    expect(diffFields(before, { ...before }, ['name', 'rt', 'lines', 'email'])).toBeNull();
  });
});

describe('roles', () => {
  it('knows when a cooperative would be left without a ketua', () => {
    expect(keepsAKetua(new Map<string, Role[]>([['a', ['anggota']], ['b', ['ketua', 'anggota']]]))).toBe(true);
    expect(keepsAKetua(new Map<string, Role[]>([['a', ['anggota']], ['b', ['sekretaris']]]))).toBe(false);
    expect(keepsAKetua(new Map())).toBe(false);
  });
  it('orders roles and drops duplicates', () => {
    expect(normalizeRoles(['staf', 'ketua', 'staf', 'anggota'])).toEqual(['anggota', 'ketua', 'staf']);
  });
});
