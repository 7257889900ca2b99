import { describe, expect, it } from 'vitest';
import { num, periodLabel, periodRange, rupiah } from './format.js';

describe('capital figures on the pages', () => {
  it('writes rupiah with dots', () => {
    expect(rupiah(1_250_000)).toBe('Rp1.250.000');
    expect(rupiah(-5000)).toBe('-Rp5.000');
    expect(num(100_000)).toBe('100.000');
  });
  it('names wajib periods', () => {
    expect(periodLabel('en', '2026-03')).toBe('Mar 2026');
    expect(periodLabel('id', '2026-Q2')).toBe('TW2 2026');
    expect(periodLabel('en', '2026-Q2')).toBe('Q2 2026');
    expect(periodRange('en', { from: '2026-01', to: '2026-01' })).toBe('Jan 2026');
    expect(periodRange('en', { from: '2026-01', to: '2026-03' })).toBe('Jan 2026 – Mar 2026');
  });
});
