import { describe, expect, it } from 'vitest';
import { fiscalYearNumberOf, fiscalYearPeriod, isMemberOn, isYouthOn, meetingGroup, membershipFigures, MINISTRY_COLUMNS, toCsv } from './model.js';

describe('fiscal years', () => {
  it('names a year by the calendar year it starts in', () => {
    expect(fiscalYearPeriod(2025, 1)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(fiscalYearPeriod(2025, 7)).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(fiscalYearNumberOf('2026-03-10', 7)).toBe(2025);
    expect(fiscalYearNumberOf('2026-07-01', 7)).toBe(2026);
  });
});

describe('youth and membership on a day', () => {
  it('counts 16 to 30 inclusive, by birthday', () => {
    expect(isYouthOn('2009-12-31', '2025-12-31')).toBe(true); // 16 today
    expect(isYouthOn('2010-01-01', '2025-12-31')).toBe(false); // 15
    expect(isYouthOn('1995-01-01', '2025-12-31')).toBe(true); // 30
    expect(isYouthOn('1994-12-31', '2025-12-31')).toBe(false); // 31 today
    expect(isYouthOn(null, '2025-12-31')).toBe(false);
  });

  it('counts a member from the join day and no longer on the leave day', () => {
    const m = { status: 'resigned', joined_on: '2025-02-01', left_on: '2025-07-01' };
    expect(isMemberOn(m, '2025-01-31')).toBe(false);
    expect(isMemberOn(m, '2025-02-01')).toBe(true);
    expect(isMemberOn(m, '2025-06-30')).toBe(true);
    expect(isMemberOn(m, '2025-07-01')).toBe(false);
    expect(isMemberOn({ status: 'active', joined_on: null, left_on: null }, '2000-01-01')).toBe(true);
    expect(isMemberOn({ status: 'applicant', joined_on: null, left_on: null }, '2030-01-01')).toBe(false);
  });

  it('adds up: opening + joined − left = total', () => {
    const members = [
      { gender: 'F' as const, status: 'active', birth_date: '2001-01-01', joined_on: '2024-01-01', left_on: null },
      { gender: 'M' as const, status: 'resigned', birth_date: null, joined_on: '2024-05-01', left_on: '2025-03-01' },
      { gender: 'M' as const, status: 'active', birth_date: '1970-01-01', joined_on: '2025-04-01', left_on: null },
      { gender: 'F' as const, status: 'active', birth_date: null, joined_on: '2026-01-02', left_on: null }
    ];
    const f = membershipFigures(members, { from: '2025-01-01', to: '2025-12-31' });
    expect(f).toEqual({ total: 2, men: 1, women: 1, withBirthDate: 2, youth: 1, joined: 1, left: 1, opening: 2 });
    expect(f.opening + f.joined - f.left).toBe(f.total);
  });
});

describe('the Ministry CSV', () => {
  it('quotes commas and quotes, defuses formulas, and keeps negative numbers', () => {
    const csv = toCsv(['a', 'b', 'c', 'd'], [{ a: 'Koperasi "Sari", Kotagede', b: '=HYPERLINK("x")', c: -1500, d: null }]);
    expect(csv).toBe('a,b,c,d\r\n"Koperasi ""Sari"", Kotagede","\'=HYPERLINK(""x"")",-1500,\r\n');
  });

  it('has the documented columns in order', () => {
    expect(MINISTRY_COLUMNS.slice(6)).toEqual(['jumlah_anggota', 'anggota_laki_laki', 'anggota_perempuan', 'simpanan_pokok', 'simpanan_wajib', 'simpanan_sukarela', 'total_aset', 'volume_usaha', 'shu_tahun_berjalan']);
  });
});

describe('meeting kinds', () => {
  it('tells board meetings from members’ meetings', () => {
    expect(meetingGroup('board')).toBe('board');
    expect(meetingGroup('rat')).toBe('members');
    expect(meetingGroup('extraordinary')).toBe('members');
    expect(meetingGroup('supervisors')).toBe('supervisors');
  });
});
