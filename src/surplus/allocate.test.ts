import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLRM } from './allocate.js';

describe('largest-remainder allocation', () => {
  it('T1: splits Rp10.000.001 by the textbook components with the extra rupiah to cadangan', () => {
    const bp = [4000, 2000, 2500, 500, 500, 250, 250];
    const parts = allocateLRM(10_000_001n, bp.map((w, i) => ({ weight: BigInt(w), tieKey: i })));
    expect(parts).toEqual([4_000_001n, 2_000_000n, 2_500_000n, 500_000n, 500_000n, 250_000n, 250_000n]);
  });

  it('T2: gives the extra rupiah of three equal shares to the lowest tie key', () => {
    const parts = allocateLRM(2_500_000n, ['0003', '0001', '0002'].map((k) => ({ weight: 5n, tieKey: k })));
    expect(parts).toEqual([833_333n, 833_334n, 833_333n]);
  });

  it('refuses weights that sum to zero and negative inputs', () => {
    expect(() => allocateLRM(10n, [{ weight: 0n, tieKey: 1 }])).toThrow(RangeError);
    expect(() => allocateLRM(-1n, [{ weight: 1n, tieKey: 1 }])).toThrow(RangeError);
    expect(() => allocateLRM(1n, [{ weight: -1n, tieKey: 1 }])).toThrow(RangeError);
  });

  it('handles products beyond 2^53 (Rp10^10 × 10^15 rupiah-days)', () => {
    const parts = allocateLRM(10n ** 10n, [
      { weight: 10n ** 15n, tieKey: 1 },
      { weight: 2n * 10n ** 15n, tieKey: 2 }
    ]);
    expect(parts).toEqual([3_333_333_333n, 6_666_666_667n]);
  });

  it('T10: sums exactly, never negative, zero for zero weight, within one rupiah of the exact share, whatever the input order', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 12 }).filter((ws) => ws.some((w) => w > 0n)),
        (total, weights) => {
          const items = weights.map((weight, i) => ({ weight, tieKey: i }));
          const parts = allocateLRM(total, items);
          const W = weights.reduce((a, b) => a + b, 0n);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          parts.forEach((x, i) => {
            expect(x >= 0n).toBe(true);
            if (weights[i] === 0n) expect(x).toBe(0n);
            // |x − T·w/W| < 1  ⇔  |x·W − T·w| < W
            const diff = x * W - total * weights[i]!;
            expect(diff < W && -diff < W).toBe(true);
          });
          const reversed = allocateLRM(total, [...items].reverse());
          expect([...reversed].reverse()).toEqual(parts);
        }
      )
    );
  });
});
