import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/members/add-member.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';

let t: TestDb;
let app: App;
let a: SeededCoop;
let bendahara: Session;
const VILLAGE = '34.71.14.1002';
const csv = (rows: string[][]) => ({ format: 'csv', contentBase64: Buffer.from(rows.map((r) => r.join(',')).join('\n')).toString('base64') });
const balances = async () =>
  Object.fromEntries(
    (
      await sql<{ code: string; net: string }>`SELECT a.code, sum(l.debit - l.credit) AS net FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id WHERE l.coop_id = ${a.id} GROUP BY a.code`.execute(t.db)
    ).rows.map((r) => [r.code, Number(r.net)])
  );
const entries = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM journal_entries WHERE coop_id = ${a.id}`.execute(t.db)).rows[0]!.n);

const sheet = [
  ['kode_akun', 'nama_akun', 'nomor_anggota', 'debit', 'kredit'],
  ['1.1.01', 'Kas', '', '2.350.000', ''],
  ['1.2.01', 'Peralatan', '', '5.000.000', ''],
  ['2.1.01', 'Utang usaha', '', '', '400.000'],
  ['3.01', 'Simpanan pokok', '1', '', '100.000'],
  ['3.01', 'Simpanan pokok', '2', '', '100.000'],
  ['3.02', 'Simpanan wajib', '1', '', '120.000'],
  ['3.02', 'Simpanan wajib', '2', '', '80.000'],
  ['2.1.03', 'Simpanan sukarela', '2', '', '550.000'],
  ['3.04', 'Hibah', '', '', '6.000.000']
];
const register = [
  ['nomor_anggota', 'nama', 'simpanan_pokok', 'simpanan_wajib', 'simpanan_sukarela'],
  ['1', 'Sari', '100000', '120000', '0'],
  ['2', 'Budi', '100000', '80000', '550000']
];

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  for (const fullName of ['Sari Wulandari', 'Budi Santoso']) await addMember(a.ctx('ketua'), { fullName, gender: 'F', villageCode: VILLAGE, rt: 1, rw: 1, asStatus: 'active' });
  bendahara = await signInAs(app, a.accounts.bendahara);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('path B: opening balances of an existing cooperative', () => {
  it('offers Indonesian template spreadsheets: the chart of accounts and the active members', async () => {
    const r = await call(app, bendahara, 'GET', `/api/v1/coops/${a.id}/onboarding/templates/simpanan.xlsx`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(['nomor_anggota', 'nama', 'simpanan_pokok', 'simpanan_wajib', 'simpanan_sukarela']);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe('Sari Wulandari');
    const n = await call(app, bendahara, 'GET', `/api/v1/coops/${a.id}/onboarding/templates/neraca.xlsx`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(n.rawPayload as unknown as ArrayBuffer);
    const codes = wb2.worksheets[0]!.getColumn(1).values.slice(2);
    expect(codes).toContain('3.01');
    expect(codes).not.toContain('4.1.01');
    expect((await call(app, await signInAs(app, a.accounts.anggota), 'GET', `/api/v1/coops/${a.id}/onboarding/templates/neraca.xlsx`)).statusCode).toBe(403);
  });

  it('refuses a sheet that does not balance and a register that disagrees, naming rows and members; nothing is written', async () => {
    const unbalanced = sheet.map((r) => (r[0] === '1.1.01' ? ['1.1.01', 'Kas', '', '2.350.001', ''] : r));
    const r = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/onboarding/opening-balances`, { cutOverDate: '2025-12-31', balanceSheet: csv(unbalanced), savings: csv(register.map((x) => (x[0] === '2' ? ['2', 'Budi', '100000', '75000', '550000'] : x))) });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('ONBOARDING_INVALID');
    expect(r.json().details.rows).toEqual([
      { sheet: 'neraca', row: 11, field: 'total', code: 'onboarding_unbalanced', params: { debit: 7_350_001, credit: 7_350_000, difference: 1 }, message: 'Neraca tidak seimbang: debit Rp7.350.001, kredit Rp7.350.000 (selisih Rp1).' },
      expect.objectContaining({ sheet: 'simpanan', row: 3, field: 'simpanan_wajib', code: 'onboarding_member_mismatch', message: expect.stringContaining('anggota 2 (Budi Santoso)') })
    ]);
    const pl = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/onboarding/opening-balances`, { cutOverDate: '2025-12-31', balanceSheet: csv([...sheet, ['4.1.01', 'Penjualan', '', '', '1']]), savings: csv(register) });
    expect(pl.json().details.rows[0]).toMatchObject({ row: 11, code: 'onboarding_account_not_balance' });
    expect(await entries()).toBe(0);
    const period = await sql<{ closed_through: string | null }>`SELECT closed_through FROM ledger_settings WHERE coop_id = ${a.id}`.execute(t.db);
    expect(period.rows[0]?.closed_through ?? null).toBeNull();
  });

  it('posts one opening entry in a closed prior period; the books match the imported figures to the rupiah', async () => {
    const r = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/onboarding/opening-balances`, { cutOverDate: '2025-12-31', balanceSheet: csv(sheet), savings: csv(register) });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ closedThrough: '2025-12-31', debit: 7_350_000, credit: 7_350_000, members: 2 });
    expect(await entries()).toBe(1);
    expect(await balances()).toEqual({ '1.1.01': 2_350_000, '1.2.01': 5_000_000, '2.1.01': -400_000, '3.01': -200_000, '3.02': -200_000, '2.1.03': -550_000, '3.04': -6_000_000 });
    // Member sub-accounts equal the register, member by member.
    const sub = await sql<{ member_no: number; code: string; net: string }>`
      SELECT m.member_no, a.code, sum(l.credit - l.debit) AS net FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id
        JOIN members m ON m.coop_id = l.coop_id AND m.id = l.member_id WHERE l.coop_id = ${a.id} GROUP BY 1, 2 ORDER BY 1, 2`.execute(t.db);
    expect(sub.rows.map((x) => [x.member_no, x.code, Number(x.net)])).toEqual([[1, '3.01', 100_000], [1, '3.02', 120_000], [2, '2.1.03', 550_000], [2, '3.01', 100_000], [2, '3.02', 80_000]]);
    // The statement of financial position at the cut-over reads the same totals.
    const report = await call(app, bendahara, 'GET', `/api/v1/coops/${a.id}/ledger/statements/posisi-keuangan?from=2025-01-01&to=2025-12-31`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('7350000');
    // The period is closed: nothing more can be dated on or before the cut-over; a second opening is refused.
    const late = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, { idempotencyKey: 'terlambat-0001', date: '2025-12-30', description: 'Terlambat', lines: [{ account: '1.1.01', debit: 1 }, { account: '3.04', credit: 1 }] });
    expect(late.statusCode, late.body).toBe(409);
    const again = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/onboarding/opening-balances`, { cutOverDate: '2025-12-31', balanceSheet: csv(sheet), savings: csv(register) });
    expect(again.statusCode).toBe(400);
    expect(again.json().fields[0].code).toBe('onboarding_has_entries');
  });

  it('another cooperative cannot post or read templates here', async () => {
    const b = await seedCoop(t.db);
    const other = await signInAs(app, b.accounts.bendahara);
    expect((await call(app, other, 'GET', `/api/v1/coops/${a.id}/onboarding/templates/simpanan.xlsx`)).statusCode).toBe(404);
    expect((await call(app, other, 'POST', `/api/v1/coops/${a.id}/onboarding/opening-balances`, { cutOverDate: '2025-12-31', balanceSheet: csv(sheet), savings: csv(register) })).statusCode).toBe(404);
  });
});
