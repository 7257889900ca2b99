import { describe, expect, it } from 'vitest';
import { defaultFiscalYear, groupDigits, memberNo } from './present.js';

describe('SHU page helpers', () => {
  it('groups the digits of rupiah-days with dots, however large', () => {
    expect(groupDigits('137060000')).toBe('137.060.000');
    expect(groupDigits('12345678901234567890')).toBe('12.345.678.901.234.567.890');
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits('-1500')).toBe('-1.500');
  });
  it('offers the last ended fiscal year', () => {
    expect(defaultFiscalYear('2026-02-10', 1)).toBe(2025);
    expect(defaultFiscalYear('2026-02-10', 7)).toBe(2024);
    expect(defaultFiscalYear('2026-08-01', 7)).toBe(2025);
  });
  it('prints member numbers as the registers do', () => {
    expect(memberNo(7)).toBe('0007');
    expect(memberNo(null)).toBe('—');
  });
});
