import { describe, expect, it } from 'vitest';
import { entryFromForm, parseRupiah, toFormFields } from './form.js';

describe('the journal entry form', () => {
  it('reads whole rupiah with or without thousands dots, and refuses cents', () => {
    expect(parseRupiah('1.500.000')).toBe(1_500_000);
    expect(parseRupiah('Rp 25000')).toBe(25_000);
    expect(parseRupiah('')).toBeUndefined();
    expect(parseRupiah('1500,50')).toBe('invalid');
    expect(parseRupiah('1.5')).toBe('invalid');
    expect(parseRupiah('12.34.567')).toBe('invalid');
  });

  it('drops empty rows and maps errors back to the row typed in', () => {
    const values = { idempotencyKey: 'k', date: '2025-01-01', description: 'x', 'lines.0.account': 'CASH', 'lines.0.debit': '1.000', 'lines.2.account': 'BANK', 'lines.2.credit': '1000' };
    const { request, rowOf, issues } = entryFromForm(values, 4);
    expect(issues).toEqual([]);
    expect(request.lines).toEqual([
      { account: 'CASH', debit: 1000 },
      { account: 'BANK', credit: 1000 }
    ]);
    expect(toFormFields([{ field: 'lines.1.account', code: 'x' }, { field: 'lines', code: 'y' }], rowOf)).toEqual([
      { field: 'lines.2.account', code: 'x' },
      { field: 'lines', code: 'y' }
    ]);
  });
});
