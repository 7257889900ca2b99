import { describe, expect, it } from 'vitest';
import { checkOpening, parseRupiahCell, type SheetRow } from './onboarding-model.js';

const chart = [
  { code: '1101', systemKey: 'CASH' },
  { code: '1301', systemKey: null },
  { code: '3101', systemKey: 'SIMPANAN_POKOK' },
  { code: '3102', systemKey: 'SIMPANAN_WAJIB' },
  { code: '3201', systemKey: null }
];
const members = [
  { id: 'm1', memberNo: 1, fullName: 'Sari' },
  { id: 'm2', memberNo: 2, fullName: 'Budi' }
];
const rows = (list: Record<string, string>[]): SheetRow[] => list.map((cells, i) => ({ row: i + 2, cells }));

describe('parseRupiahCell', () => {
  it('reads whole rupiah with or without thousands dots, and refuses the rest', () => {
    expect(parseRupiahCell('1.500.000')).toBe(1_500_000);
    expect(parseRupiahCell('Rp 2.000')).toBe(2000);
    expect(parseRupiahCell('')).toBe(0);
    expect(parseRupiahCell('1500,50')).toBeNull();
    expect(parseRupiahCell('-100')).toBeNull();
    expect(parseRupiahCell('1.50')).toBeNull();
  });
});

describe('checkOpening', () => {
  const balance = rows([
    { kode_akun: '1101', debit: '1.250.000', kredit: '' },
    { kode_akun: '3101', nomor_anggota: '1', debit: '', kredit: '100.000' },
    { kode_akun: '3101', nomor_anggota: '2', debit: '', kredit: '100.000' },
    { kode_akun: '3102', nomor_anggota: '1', debit: '', kredit: '50.000' },
    { kode_akun: '3201', debit: '', kredit: '1.000.000' }
  ]);
  const register = rows([
    { nomor_anggota: '1', simpanan_pokok: '100000', simpanan_wajib: '50000', simpanan_sukarela: '0' },
    { nomor_anggota: '2', simpanan_pokok: '100000', simpanan_wajib: '0', simpanan_sukarela: '' }
  ]);

  it('accepts a balanced sheet whose savings lines equal the register member by member', () => {
    const r = checkOpening(balance, register, chart, members);
    expect(r.issues).toEqual([]);
    expect(r.totals).toEqual({ debit: 1_250_000, credit: 1_250_000 });
    expect(r.lines).toContainEqual({ account: '3101', credit: 100_000, memberId: 'm2' });
    expect(r.lines).toContainEqual({ account: '1101', debit: 1_250_000 });
  });

  it('refuses a sheet that does not balance, naming the totals', () => {
    const r = checkOpening(rows([...balance.map((b) => b.cells), { kode_akun: '1301', debit: '1', kredit: '' }]), register, chart, members);
    expect(r.issues).toEqual([{ sheet: 'neraca', row: 8, field: 'total', code: 'onboarding_unbalanced', params: { debit: 1_250_001, credit: 1_250_000, difference: 1 } }]);
  });

  it('names each member whose register disagrees with their sub-account', () => {
    const r = checkOpening(balance, rows([register[0]!.cells, { ...register[1]!.cells, simpanan_wajib: '25.000' }]), chart, members);
    expect(r.issues).toEqual([{ sheet: 'simpanan', row: 3, field: 'simpanan_wajib', code: 'onboarding_member_mismatch', params: { kind: 'wajib', memberNo: 2, name: 'Budi', register: 25_000, ledger: 0, difference: 25_000 } }]);
  });

  it('names unknown accounts, two-sided amounts, savings lines without a member, unknown and repeated members', () => {
    const r = checkOpening(
      rows([{ kode_akun: '9999', debit: '1', kredit: '' }, { kode_akun: '1101', debit: '5', kredit: '5' }, { kode_akun: '3101', debit: '', kredit: '7' }, { kode_akun: '3101', nomor_anggota: '77', debit: '', kredit: '7' }]),
      rows([{ nomor_anggota: '1', simpanan_pokok: '0' }, { nomor_anggota: '1', simpanan_pokok: '0' }, { nomor_anggota: '5', simpanan_pokok: '1' }]),
      chart,
      members
    );
    expect(r.issues.map((i) => `${i.sheet}:${i.row}:${i.field}:${i.code}`)).toEqual([
      'neraca:2:kode_akun:onboarding_account_unknown',
      'neraca:3:debit:onboarding_amount',
      'neraca:4:nomor_anggota:onboarding_member_line_needed',
      'neraca:5:nomor_anggota:onboarding_member_unknown',
      'simpanan:3:nomor_anggota:onboarding_member_twice',
      'simpanan:4:nomor_anggota:onboarding_member_unknown'
    ]);
  });
});
