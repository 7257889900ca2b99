import { describe, expect, it } from 'vitest';
import { isMaskOf, maskBirthDate, maskColumns, maskNik, pseudonymOf } from './privacy.js';

describe('personal data masks (decision 0106)', () => {
  it('keeps the regency and the serial of a NIK, hides the kecamatan and the birth date', () => {
    expect(maskNik('3201014101900001')).toBe('3201********0001');
    expect(maskNik(null)).toBeNull();
  });
  it('keeps only the year of a birth date', () => {
    expect(maskBirthDate('1995-08-17')).toBe('1995-**-**');
    expect(maskBirthDate(null)).toBeNull();
  });
  it('recognises a mask sent back unchanged, and nothing else', () => {
    expect(isMaskOf('3201********0001', '3201014101900001', maskNik)).toBe(true);
    expect(isMaskOf('3201********0002', '3201014101900001', maskNik)).toBe(false);
    expect(isMaskOf('3201********0001', null, maskNik)).toBe(false);
  });
  it('masks the stored columns an audit line copies', () => {
    expect(maskColumns({ nik: '3201014101900001', birth_date: '1990-01-01', full_name: 'Sri' })).toEqual({ nik: '3201********0001', birth_date: '1990-**-**', full_name: 'Sri' });
  });
  it('names an erased record by its member number', () => {
    expect(pseudonymOf(7, 'a1b2c3d4-0000-0000-0000-000000000000')).toBe('Mantan anggota 0007');
    expect(pseudonymOf(null, 'a1b2c3d4-0000-0000-0000-000000000000')).toBe('Pemohon terhapus a1b2c3d4');
  });
});
