import { describe, expect, it } from 'vitest';
import { budgetLines, rupiahInput } from './care.js';

describe('care form helpers', () => {
  it('reads whole rupiah with thousands dots and keeps anything else as typed', () => {
    expect(rupiahInput('1.500.000')).toBe(1_500_000);
    expect(rupiahInput('350000,5')).toBe('350000,5');
    expect(rupiahInput('')).toBeUndefined();
  });
  it('reads budget lines as "description; amount", the last semicolon splitting', () => {
    expect(budgetLines('Beras; 1.000.000\n\n Minyak; goreng; 250000 \nTanpa jumlah')).toEqual([
      { description: 'Beras', amount: 1_000_000 },
      { description: 'Minyak; goreng', amount: 250_000 },
      { description: 'Tanpa jumlah', amount: '' }
    ]);
  });
});
