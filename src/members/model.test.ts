import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  approvalByFromRules,
  canTransition,
  checkMember,
  formatMemberNo,
  isYouth,
  MEMBER_STATUSES,
  memberRecordUrl,
  nikAgreementIssues,
  parseNik,
  statusAfter,
  ZMemberRequest,
  type MemberAction,
  type MemberStatus
} from './model.js';

// A woman born 17 August 1995 registered in Getasan (33.22.01): day 17 + 40 = 57.
const NIK_F = '3322015708950001';
// A man born 5 March 2001 registered in Getasan.
const NIK_M = '3322010503010002';
const TODAY = '2025-06-01';

describe('member status machine', () => {
  const allowed: [MemberStatus, MemberStatus][] = [
    ['applicant', 'active'],
    ['applicant', 'rejected'],
    ['active', 'suspended'],
    ['active', 'resigned'],
    ['active', 'expelled'],
    ['suspended', 'active'],
    ['suspended', 'resigned'],
    ['suspended', 'expelled'],
    ['resigned', 'applicant'],
    ['expelled', 'applicant'],
    ['rejected', 'applicant']
  ];

  it('allows exactly the listed status changes', () => {
    for (const from of MEMBER_STATUSES) {
      for (const to of MEMBER_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('maps each action to its target only from allowed statuses', () => {
    expect(statusAfter('approve', 'applicant')).toBe('active');
    expect(statusAfter('approve', 'active')).toBeNull();
    expect(statusAfter('reinstate', 'suspended')).toBe('active');
    expect(statusAfter('reinstate', 'active')).toBeNull();
    expect(statusAfter('resign', 'suspended')).toBe('resigned');
    expect(statusAfter('resign', 'applicant')).toBeNull();
    expect(statusAfter('rejoin', 'expelled')).toBe('applicant');
    expect(statusAfter('rejoin', 'active')).toBeNull();
  });

  it('never leads anywhere the transition table forbids', () => {
    const actions: MemberAction[] = ['approve', 'reject', 'suspend', 'reinstate', 'resign', 'expel', 'rejoin'];
    fc.assert(
      fc.property(fc.constantFrom(...MEMBER_STATUSES), fc.constantFrom(...actions), (from, action) => {
        const to = statusAfter(action, from);
        if (to !== null) expect(canTransition(from, to)).toBe(true);
        expect(actionsFrom(from).includes(action)).toBe(to !== null);
      })
    );
  });
});

describe('youth', () => {
  it('counts 16 to 30 years old on the day as youth', () => {
    expect(isYouth('2009-06-01', TODAY)).toBe(true); // 16 today
    expect(isYouth('2009-06-02', TODAY)).toBe(false); // 15
    expect(isYouth('1994-06-01', TODAY)).toBe(false); // 31 today
    expect(isYouth('1994-06-02', TODAY)).toBe(true); // still 30
    expect(isYouth(null, TODAY)).toBe(false);
  });
});

describe('NIK', () => {
  it('reads region, birth date and gender from a NIK', () => {
    expect(parseNik(NIK_F)).toEqual({ districtCode: '33.22.01', day: 17, month: 8, yy: 95, female: true, serial: '0001' });
    expect(parseNik(NIK_M)).toMatchObject({ day: 5, month: 3, yy: 1, female: false });
  });

  it('rejects a wrong length, an impossible birth date, or a zero serial', () => {
    expect(parseNik('332201570895000')).toBeNull();
    expect(parseNik('33220157089500011')).toBeNull();
    expect(parseNik('33220132089500 1')).toBeNull();
    expect(parseNik('3322013208950001')).toBeNull(); // day 32
    expect(parseNik('3322017208950001')).toBeNull(); // day 72 (32 + 40)
    expect(parseNik('3322010513950001')).toBeNull(); // month 13
    expect(parseNik('3322013102950001')).toBeNull(); // 31 February
    expect(parseNik('3322015708950000')).toBeNull();
  });

  it('accepts 29 February only in a year that has it in some century', () => {
    expect(parseNik('3322012902000001')).not.toBeNull(); // 2000 (and 1900 not) — one century suffices
    expect(parseNik('3322012902010001')).toBeNull(); // neither 1901 nor 2001
  });

  it('requires the NIK to agree with birth date and gender', () => {
    expect(nikAgreementIssues(NIK_F, '1995-08-17', 'F')).toEqual([]);
    expect(nikAgreementIssues(NIK_F, '1995-08-18', 'F').map((i) => i.code)).toEqual(['nik_birth_mismatch']);
    expect(nikAgreementIssues(NIK_F, '1985-08-17', 'F').map((i) => i.code)).toEqual(['nik_birth_mismatch']);
    expect(nikAgreementIssues(NIK_F, '1995-08-17', 'M').map((i) => i.code)).toEqual(['nik_gender_mismatch']);
    expect(nikAgreementIssues(NIK_M, null, 'M')).toEqual([]);
  });
});

describe('member request', () => {
  const base = { fullName: 'Siti Aminah', gender: 'F' };

  it('normalises an Indonesian phone number and trims text', async () => {
    const r = await checkMember({ ...base, fullName: '  Siti Aminah ', phone: '0812-3456-7890', skills: ['batik', ' tari '] }, TODAY);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.phone).toBe('6281234567890');
      expect(r.data.fullName).toBe('Siti Aminah');
      expect(r.data.skills).toEqual(['batik', 'tari']);
      expect(r.data.nik).toBeNull();
    }
  });

  it('gives one field code per problem', async () => {
    const r = await checkMember({ fullName: 'S', gender: 'X', phone: '12345', rt: 0, rw: 1000, email: 'bukan-email' }, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const byField = Object.fromEntries(r.issues.map((i) => [i.field, i.code]));
      expect(byField).toMatchObject({
        fullName: 'too_small_string',
        gender: 'invalid_value',
        phone: 'phone_invalid',
        rt: 'too_small_number',
        rw: 'too_big_number',
        email: 'invalid_format_email'
      });
    }
  });

  it('checks the NIK against the birth date, gender and the kecamatan list', async () => {
    expect((await checkMember({ ...base, nik: NIK_F, birthDate: '1995-08-17' }, TODAY)).ok).toBe(true);
    const mismatch = await checkMember({ ...base, nik: NIK_F, birthDate: '1996-08-17' }, TODAY);
    expect(mismatch.ok ? [] : mismatch.issues.map((i) => i.code)).toEqual(['nik_birth_mismatch']);
    const unknownRegion = await checkMember({ ...base, nik: '9999995708950001' }, TODAY);
    expect(unknownRegion.ok ? [] : unknownRegion.issues).toEqual([{ field: 'nik', code: 'nik_region_unknown' }]);
    const shape = await checkMember({ ...base, nik: '12345' }, TODAY);
    expect(shape.ok ? [] : shape.issues.map((i) => i.code)).toEqual(['nik_invalid']);
  });

  it('refuses a birth date in the future and an unknown village code', async () => {
    const r = await checkMember({ ...base, birthDate: '2025-06-02', villageCode: '33.22.01.9999' }, TODAY);
    expect(r.ok ? [] : r.issues).toEqual([
      { field: 'birthDate', code: 'date_in_future' },
      { field: 'villageCode', code: 'region_unknown' }
    ]);
    expect((await checkMember({ ...base, villageCode: '33.22.01.2001' }, TODAY)).ok).toBe(true);
    expect((await checkMember({ ...base, birthDate: '2025-02-30' }, TODAY)).ok).toBe(false);
  });

  it('treats empty strings as empty fields', () => {
    const r = ZMemberRequest.parse({ ...base, email: '', phone: '', street: '', nik: '' });
    expect(r).toMatchObject({ email: null, phone: null, street: null, nik: null });
  });
});

describe('member card', () => {
  it('encodes the absolute address of the member record page', () => {
    expect(memberRecordUrl('https://lumbung.example/', 'kop-tani', '0b7a4c1e-1111-4222-8333-944455556666')).toBe(
      'https://lumbung.example/k/kop-tani/anggota/0b7a4c1e-1111-4222-8333-944455556666'
    );
    expect(memberRecordUrl('http://localhost:3000', 'a b', 'x')).toBe('http://localhost:3000/k/a%20b/anggota/x');
  });

  it('prints member numbers with at least four digits', () => {
    expect(formatMemberNo(7)).toBe('0007');
    expect(formatMemberNo(12345)).toBe('12345');
    expect(formatMemberNo(null)).toBe('—');
  });
});

describe('charter approval rule', () => {
  it('lets the board admit members unless the charter names the meeting', () => {
    expect(approvalByFromRules(null)).toBe('board');
    expect(approvalByFromRules({ approvalBy: 'board' })).toBe('board');
    expect(approvalByFromRules({ approvalBy: 'meeting' })).toBe('meeting');
  });
});
