import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.js';
import { checkCharterRules, diffRules, formatBpPlain, parseCharterRules, parsePercentToBp, parseRupiah, type CharterRules } from './model.js';
import { templateRules } from './templates.js';

const base = (): CharterRules => templateRules('jamaah_produksi');
const fieldsOf = (input: unknown) => {
  const r = checkCharterRules(input, 'rules.');
  return r.ok ? [] : r.fields;
};

describe('charter rules validation', () => {
  it('accepts every template as it is', () => {
    for (const key of ['tujuh_prinsip', 'jamaah_produksi', 'primer', 'pekerja', 'platform', 'startup'] as const) {
      expect(checkCharterRules(templateRules(key)).ok).toBe(true);
    }
  });

  it('refuses a minimum above the maximum, naming the maximum field', () => {
    const r = base();
    r.membership = { unit: 'household', min: 41, max: 40 };
    expect(fieldsOf(r)).toEqual([{ field: 'rules.membership.max', code: 'min_gt_max', params: { min: 41, max: 40 } }]);
  });

  it('accepts a minimum equal to the maximum and no maximum at all', () => {
    const r = base();
    r.membership = { unit: 'person', min: 40, max: 40 };
    expect(fieldsOf(r)).toEqual([]);
    r.membership.max = null;
    expect(fieldsOf(r)).toEqual([]);
  });

  it('refuses surplus components summing to 9999 or 10001 bp and accepts exactly 10000', () => {
    for (const [delta, ok] of [[-1, false], [1, false], [0, true]] as const) {
      const r = base();
      r.surplus.components[0]!.bp += delta;
      const fields = fieldsOf(r);
      expect(fields.some((f) => f.code === 'bp_sum_invalid' && f.field === 'rules.surplus.components')).toBe(!ok);
    }
  });

  it('refuses a fractional basis point or rupiah amount with not_integer on that field', () => {
    const r = base() as unknown as { womenMinBp: number; capital: { pokok: number } };
    r.womenMinBp = 4999.5;
    r.capital.pokok = 10_000.5;
    const fields = fieldsOf(r);
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'rules.womenMinBp', code: 'not_integer', params: {} },
        { field: 'rules.capital.pokok', code: 'not_integer', params: {} }
      ])
    );
  });

  it('reports per-field and cross-field problems together in one answer', () => {
    const r = base() as unknown as Record<string, any>;
    r.membership = { unit: 'household', min: 50, max: 40 };
    r.surplus.components[1].bp = 1.5;
    r.surplus.components[0].bp = 1;
    const codes = fieldsOf(r).map((f) => `${f.field}:${f.code}`);
    expect(codes).toContain('rules.membership.max:min_gt_max');
    expect(codes).toContain('rules.surplus.components.1.bp:not_integer');
  });

  it('refuses duplicate surplus keys and a split without a reserve', () => {
    const r = base();
    r.surplus.components = [
      { key: 'JASA_USAHA', bp: 5000 },
      { key: 'JASA_USAHA', bp: 5000 }
    ];
    const codes = fieldsOf(r).map((f) => `${f.field}:${f.code}`);
    expect(codes).toEqual(['rules.surplus.components.1.key:surplus_key_duplicate', 'rules.surplus.components:surplus_cadangan_required']);
  });

  it('refuses a youth share when youth involvement is not required', () => {
    const r = base();
    r.youth = { required: false, minBp: 1000 };
    expect(fieldsOf(r)).toEqual([{ field: 'rules.youth.minBp', code: 'youth_min_without_required' }]);
  });

  it('refuses majorities that fall below the ordinary majority', () => {
    const r = base();
    r.majority = { simpleBp: 6000, charterChangeBp: 5500, dissolutionBp: 5000, base: 'votes_cast', minTurnoutBp: null };
    const codes = fieldsOf(r).map((f) => `${f.field}:${f.code}`);
    expect(codes).toEqual(['rules.majority.charterChangeBp:majority_order', 'rules.majority.dissolutionBp:majority_order']);
  });

  it('refuses percentages above 100 % and unknown fields of a known shape', () => {
    const r = base() as unknown as Record<string, unknown>;
    r.womenMinBp = 10_001;
    expect(fieldsOf(r)).toEqual([{ field: 'rules.womenMinBp', code: 'too_big_number', params: { limit: 10000 } }]);
  });

  it('throws VALIDATION_FAILED from parseCharterRules', () => {
    expect(() => parseCharterRules({})).toThrow(AppError);
    try {
      parseCharterRules({ membership: { unit: 'person', min: 3, max: 2 } });
    } catch (err) {
      expect((err as AppError).code).toBe('VALIDATION_FAILED');
      expect((err as AppError).fields.map((f) => f.field)).toContain('membership.max');
    }
  });

  it('accepts any surplus split that sums to 10000 and refuses any that does not (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }), (others) => {
        const r = base();
        const used = others.reduce((s, n) => s + n, 0);
        const cadangan = 10_000 - used;
        r.surplus.components = [{ key: 'CADANGAN', bp: Math.max(1, cadangan) }, ...others.map((bp, i) => ({ key: `K_${i}`, bp }))];
        const ok = checkCharterRules(r).ok;
        expect(ok).toBe(cadangan >= 1 && cadangan <= 10_000);
      })
    );
  });
});

describe('percent and rupiah typed by people', () => {
  it('reads percentages exactly, without floats', () => {
    expect(parsePercentToBp('50')).toBe(5000);
    expect(parsePercentToBp('49,99')).toBe(4999);
    expect(parsePercentToBp('12.5')).toBe(1250);
    expect(parsePercentToBp('0,01 %')).toBe(1);
    expect(parsePercentToBp('100')).toBe(10_000);
    expect(parsePercentToBp('100,01')).toBeNull();
    expect(parsePercentToBp('12,345')).toBeNull();
    expect(parsePercentToBp('-1')).toBeNull();
    expect(parsePercentToBp('lima')).toBeNull();
  });

  it('round-trips every basis-point value through its plain text', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => parsePercentToBp(formatBpPlain(bp)) === bp));
  });

  it('reads rupiah with thousands dots and an Rp prefix, refusing cents', () => {
    expect(parseRupiah('Rp 10.000')).toBe(10_000);
    expect(parseRupiah('25000')).toBe(25_000);
    expect(parseRupiah('10.000,50')).toBeNull();
    expect(parseRupiah('')).toBeNull();
  });
});

describe('differences between charter versions', () => {
  it('names the changed rule paths and treats the surplus list as one rule', () => {
    const a = base();
    const b = base();
    b.membership.max = 45;
    b.surplus.components[0]!.bp -= 500;
    b.surplus.components[1]!.bp += 500;
    b.quorum = { kind: 'percent', bp: 6000 };
    expect(diffRules(a, b)).toEqual(['membership.max', 'quorum', 'surplus.components']);
    expect(diffRules(a, base())).toEqual([]);
  });

  it('sees no change in rules read back with their keys in another order (as jsonb returns them)', () => {
    const a = base();
    const b = JSON.parse(JSON.stringify({ ...a, surplus: { components: a.surplus.components.map((c) => ({ bp: c.bp, key: c.key })) } })) as CharterRules;
    expect(diffRules(a, b)).toEqual([]);
  });

  it('notices an optional rule appearing', () => {
    const a = base();
    const b = base();
    b.youth.minBp = 1000;
    expect(diffRules(a, b)).toEqual(['youth.minBp']);
  });
});
