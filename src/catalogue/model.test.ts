import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bpToPercent, creatorIssues, excerpt, freeSlug, isValidIsbn, percentToBp, priceFor, prefixQuery, publicAttributes, searchTerms, slugify, workStatusAfter, ZWorkRequest } from './model.js';
import { zodIssuesToFields } from '../kernel/validation.js';

const fieldsOf = (input: unknown) => {
  const r = ZWorkRequest.safeParse(input);
  return r.success ? [] : zodIssuesToFields(r.error.issues).map((f) => `${f.field}:${f.code}`);
};

describe('attributes per product line', () => {
  const common = { title: 'Karya Uji', publicPrice: 50_000 };

  it('accepts a valid work in each of the five lines', () => {
    expect(fieldsOf({ ...common, productLine: 'suara', attributes: { format: 'single', tracks: [{ title: 'Satu', durationSec: 180 }] } })).toEqual([]);
    expect(fieldsOf({ ...common, productLine: 'rupa', attributes: { kind: 'edition', medium: 'cukil kayu', widthMm: 300, heightMm: 400, editionSize: 20 } })).toEqual([]);
    expect(fieldsOf({ ...common, productLine: 'aksara', attributes: { format: 'book', pages: 120, isbn: '978-0-306-40615-7' } })).toEqual([]);
    expect(fieldsOf({ ...common, productLine: 'busana', attributes: {}, variants: [{ size: 'M', colour: 'Biru', sku: 'K-M-B', stock: 0 }] })).toEqual([]);
    expect(fieldsOf({ ...common, productLine: 'agenda', attributes: { kind: 'event' }, event: { startsAt: '2026-05-01T19:00:00+07:00', venue: 'Pendopo', capacity: 80 } })).toEqual([]);
  });

  it("refuses another line's attributes and unknown lines", () => {
    expect(fieldsOf({ ...common, productLine: 'suara', attributes: { kind: 'original', medium: 'x', widthMm: 1, heightMm: 1 } })).toEqual(
      expect.arrayContaining(['attributes.tracks:required', 'attributes:unrecognized_keys'])
    );
    expect(fieldsOf({ ...common, productLine: 'kuliner', attributes: {} })[0]).toMatch(/^productLine:/);
  });

  it('needs an edition size for a limited edition and a stock that is not negative', () => {
    expect(fieldsOf({ ...common, productLine: 'rupa', attributes: { kind: 'edition', medium: 'sablon', widthMm: 300, heightMm: 400 } })).toEqual(['attributes.editionSize:required']);
    expect(fieldsOf({ ...common, productLine: 'busana', attributes: {}, variants: [{ size: 'M', colour: 'Biru', sku: 'K-M-B', stock: -1 }] })).toEqual(['variants.0.stock:too_small_number']);
  });

  it('refuses duplicate SKUs or size/colour pairs within a work', () => {
    const v = { size: 'M', colour: 'Biru', sku: 'K1', stock: 1 };
    expect(fieldsOf({ ...common, productLine: 'busana', attributes: {}, variants: [v, { ...v, sku: 'k1', size: 'L' }] })).toEqual(['variants.1.sku:sku_duplicate']);
    expect(fieldsOf({ ...common, productLine: 'busana', attributes: {}, variants: [v, { ...v, sku: 'K2', colour: 'biru' }] })).toEqual(['variants.1.size:variant_duplicate']);
  });

  it('takes whole rupiah only, and a member price no higher than the public price', () => {
    const base = { ...common, productLine: 'aksara', attributes: { format: 'zine', pages: 20 } };
    expect(fieldsOf({ ...base, publicPrice: 10_000.5 })).toEqual(['publicPrice:invalid_type']);
    expect(fieldsOf({ ...base, publicPrice: 0 })).toEqual(['publicPrice:too_small_number']);
    expect(fieldsOf({ ...base, memberPrice: 60_000 })).toEqual(['memberPrice:member_price_above_public']);
    expect(fieldsOf({ ...base, memberPrice: 50_000 })).toEqual([]);
  });
});

describe('ISBN', () => {
  it('checks the check digit of ISBN-10 and ISBN-13', () => {
    expect(isValidIsbn('9780306406157')).toBe(true);
    expect(isValidIsbn('9780306406158')).toBe(false);
    expect(isValidIsbn('080442957X')).toBe(true);
    expect(isValidIsbn('0804429571')).toBe(false);
    expect(isValidIsbn('1234567890123')).toBe(false);
  });
});

describe('creator shares', () => {
  it('needs the shares to sum to exactly 10,000 basis points and each member once', () => {
    const a = '00000000-0000-4000-8000-000000000001';
    const b = '00000000-0000-4000-8000-000000000002';
    expect(creatorIssues([{ memberId: a, shareBp: 5000 }, { memberId: b, shareBp: 5000 }])).toEqual([]);
    expect(creatorIssues([{ memberId: a, shareBp: 5000 }, { memberId: b, shareBp: 4999 }])).toEqual([{ field: 'creators', code: 'bp_sum_invalid', params: { total: 9999 } }]);
    expect(creatorIssues([{ memberId: a, shareBp: 5000 }, { memberId: a, shareBp: 5000 }]).map((i) => i.code)).toEqual(['creator_duplicate']);
    expect(creatorIssues([])).toEqual([]);
  });

  it('accepts any split that sums to 10,000 and refuses any that does not (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 10 }), (shares) => {
        const creators = shares.map((shareBp, i) => ({ memberId: `m${i}`, shareBp }));
        const sum = shares.reduce((s, x) => s + x, 0);
        return creatorIssues(creators).length === 0 === (sum === 10_000);
      })
    );
  });

  it('reads percentages into basis points without floating point', () => {
    expect(percentToBp('33,34')).toBe(3334);
    expect(percentToBp('33.3')).toBe(3330);
    expect(percentToBp('100')).toBe(10_000);
    expect(percentToBp('0,07')).toBe(7);
    expect(percentToBp('100,01')).toBeNull();
    expect(percentToBp('12,345')).toBeNull();
    expect(percentToBp('-5')).toBeNull();
    expect(bpToPercent(3334)).toBe('33,34');
    expect(bpToPercent(3330, 'en')).toBe('33.3');
    expect(bpToPercent(5000)).toBe('50');
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => percentToBp(bpToPercent(bp)) === bp));
  });
});

describe('prices for the viewer', () => {
  it('gives the member price only to an active member, and only when there is one', () => {
    expect(priceFor({ publicPrice: 100_000, memberPrice: 80_000 }, true)).toEqual({ amount: 80_000, kind: 'member' });
    expect(priceFor({ publicPrice: 100_000, memberPrice: 80_000 }, false)).toEqual({ amount: 100_000, kind: 'public' });
    expect(priceFor({ publicPrice: 100_000, memberPrice: null }, true)).toEqual({ amount: 100_000, kind: 'public' });
  });
});

describe('status, slugs, search words', () => {
  it('publishes drafts and archived works, archives drafts and published ones', () => {
    expect(workStatusAfter('publish', 'draft')).toBe('published');
    expect(workStatusAfter('publish', 'archived')).toBe('published');
    expect(workStatusAfter('publish', 'published')).toBeNull();
    expect(workStatusAfter('archive', 'published')).toBe('archived');
    expect(workStatusAfter('archive', 'archived')).toBeNull();
  });

  it('makes URL-safe slugs and avoids taken ones', () => {
    expect(slugify('Lagu Sawah & Kota (2024)')).toBe('lagu-sawah-kota-2024');
    expect(slugify('Kafé Pérjuangan')).toBe('kafe-perjuangan');
    expect(slugify('!!!')).toBe('karya');
    expect(freeSlug('zine', new Set(['zine', 'zine-2']))).toBe('zine-3');
  });

  it('drops Indonesian stop words from a search unless nothing else is left', () => {
    expect(searchTerms('buku tentang laut yang biru')).toBe('buku laut biru');
    expect(searchTerms('yang')).toBe('yang');
    expect(searchTerms('  "di atas kanvas" ')).toBe('"di atas kanvas"');
    expect(searchTerms(undefined)).toBe('');
    expect(prefixQuery('buku laut')).toBe('buku & laut:*');
    expect(prefixQuery('kop')).toBe('kop:*');
    expect(prefixQuery("tem:* & !'|")).toBe('tem:*');
    expect(prefixQuery('"di atas kanvas"')).toBe('');
    expect(prefixQuery('laut -sawah')).toBe('');
    expect(prefixQuery('&|!')).toBe('');
  });

  it('hides the full audio file of a Suara work from the public', () => {
    const attrs = { format: 'single', tracks: [{ title: 'A', durationSec: 1, audioRef: 'full.flac', previewRef: 'p.mp3' }] };
    expect(publicAttributes('suara', attrs)).toEqual({ format: 'single', tracks: [{ title: 'A', durationSec: 1, previewRef: 'p.mp3' }] });
    expect(excerpt('kata '.repeat(60)).length).toBeLessThanOrEqual(141);
  });
});
