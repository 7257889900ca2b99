import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundedShareBp, sharesBp } from './percent.js';
import { formatNumber, formatRupiah } from './money.js';

describe('shares as people read them', () => {
  it('rounds a single share half up instead of truncating it', () => {
    expect(roundedShareBp(2, 3)).toBe(6667);
    expect(roundedShareBp(1, 3)).toBe(3333);
    expect(roundedShareBp(1, 8)).toBe(1250);
    expect(roundedShareBp(0, 0)).toBe(0);
  });

  it('splits 7 women and 16 men of 23 into shares that add to 100 %', () => {
    expect(sharesBp([7, 16])).toEqual([3043, 6957]);
    expect(sharesBp([1, 1, 1], 10)).toEqual([3340, 3330, 3330]);
    expect(sharesBp([1, 1, 1], 100)).toEqual([3400, 3300, 3300]);
    expect(sharesBp([0, 0])).toEqual([0, 0]);
  });

  it('always adds up to 10 000 bp, each share within one step of the exact one', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100_000), { minLength: 1, maxLength: 8 }), fc.constantFrom(1 as const, 10 as const, 100 as const), (parts, step) => {
        const whole = parts.reduce((s, p) => s + p, 0);
        const shares = sharesBp(parts, step);
        if (whole === 0) return shares.every((s) => s === 0);
        if (shares.reduce((s, x) => s + x, 0) !== 10_000) return false;
        return shares.every((s, i) => Math.abs(s - (parts[i]! * 10_000) / whole) < step && s % step === 0);
      })
    );
  });
});

describe('rupiah, one form per language', () => {
  it('prints Rp1.500.000 in Indonesian and Rp1,500,000 in English, the sign before Rp', () => {
    expect(formatRupiah('id', 1_500_000)).toBe('Rp1.500.000');
    expect(formatRupiah('en', 1_500_000)).toBe('Rp1,500,000');
    expect(formatRupiah('id', -5000)).toBe('-Rp5.000');
    expect(formatRupiah('en', 0)).toBe('Rp0');
    expect(formatRupiah('id', 12_345_678_901_234n)).toBe('Rp12.345.678.901.234');
    expect(formatNumber('en', '-137060000')).toBe('-137,060,000');
  });
});
