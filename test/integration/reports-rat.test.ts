import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptInitialCharter } from '../../src/charters/adopt-initial-charter.js';
import { depositSukarela } from '../../src/capital/deposit-sukarela.js';
import { withTenant } from '../../src/db/tenant.js';
import type { TenantCtx } from '../../src/kernel/context.js';
import { postEntry, type PostEntryInput } from '../../src/ledger/post-entry.js';
import { getRatReport } from '../../src/reports/get-rat-report.js';
import { getMinistryExport } from '../../src/reports/get-ministry-export.js';
import { getBook } from '../../src/reports/get-book.js';
import { MINISTRY_COLUMNS } from '../../src/reports/model.js';
import { RAT_SHEETS } from '../../src/reports/render.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';

/**
 * The RAT report package, the books and the Ministry CSV for a seeded year (2025, with 2024
 * before it). Expected figures are computed here from the seeded inputs, not read back from
 * the code under test.
 */

let t: TestDb;
let app: App;
let coop: SeededCoop;
let other: SeededCoop;
const clock = { now: () => new Date('2026-02-10T03:00:00Z') };
const ctx = (role: Parameters<SeededCoop['ctx']>[0]): TenantCtx => coop.ctx(role, clock);

type SeedMember = { name: string; gender: 'F' | 'M'; birth: string | null; joined: string | null; left: string | null; status: 'active' | 'resigned' | 'applicant' };
const MEMBERS: SeedMember[] = [
  { name: 'Sri Lestari', gender: 'F', birth: '2000-05-01', joined: '2024-03-01', left: null, status: 'active' },
  { name: 'Bagus Santoso', gender: 'M', birth: '1980-01-01', joined: '2024-06-01', left: '2025-07-01', status: 'resigned' },
  { name: 'Wulan Sari', gender: 'F', birth: null, joined: '2025-02-01', left: null, status: 'active' },
  { name: 'Dimas Pratama', gender: 'M', birth: '2008-01-01', joined: '2025-09-01', left: null, status: 'active' },
  { name: 'Rina Calon', gender: 'F', birth: '1999-01-01', joined: null, left: null, status: 'applicant' },
  { name: 'Tono Tua', gender: 'M', birth: '1950-03-03', joined: '2023-01-10', left: null, status: 'active' }
];
const memberIds: string[] = [];

/** Independent expectation: who is a member on a day, by the seeded dates. */
function expected(from: string, to: string) {
  const on = (m: SeedMember, d: string) => m.joined !== null && m.joined <= d && (m.left === null || m.left > d);
  const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const at = MEMBERS.filter((m) => on(m, to));
  const age = (b: string) => {
    const [y, mo, d] = b.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
    return ty - y - (tm < mo || (tm === mo && td < d) ? 1 : 0);
  };
  return {
    total: at.length,
    men: at.filter((m) => m.gender === 'M').length,
    women: at.filter((m) => m.gender === 'F').length,
    youth: at.filter((m) => m.birth && age(m.birth) >= 16 && age(m.birth) <= 30).length,
    joined: MEMBERS.filter((m) => m.joined && m.joined >= from && m.joined <= to).length,
    left: MEMBERS.filter((m) => m.left && m.left >= from && m.left <= to).length,
    opening: MEMBERS.filter((m) => on(m, dayBefore)).length
  };
}

const SALE_MEMBER_2025 = 1_200_000;
const SALE_NON_MEMBER_2025 = 300_000;
const SALE_2024 = 200_000;
const RENT_2025 = 100_000;
const DEPOSIT = 500_000;
const EDU_IN = 200_000;
const EDU_USED = 75_000;

/** The document title from the PDF's info dictionary (an indirect UTF-16BE literal string, as pdfkit writes it). */
function pdfTitle(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  const ref = /\/Title (\d+) 0 R/.exec(text)?.[1];
  if (!ref) return null;
  const start = text.indexOf(`\n${ref} 0 obj\n(`);
  if (start < 0) return null;
  const body = text.slice(start + `\n${ref} 0 obj\n(`.length, text.indexOf(')\nendobj', start));
  const raw = Buffer.from(body.replace(/\\([()\\])/g, '$1'), 'latin1');
  return raw.subarray(2).swap16().toString('utf16le');
}

async function post(input: PostEntryInput) {
  await withTenant(t.db, coop.id, (trx) => postEntry(trx, ctx('bendahara'), input));
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db, { clock });
  coop = await seedCoop(t.db, { name: 'Koperasi Sari Rupa' });
  other = await seedCoop(t.db);
  await withTenant(t.db, coop.id, async (trx) => {
    await adoptInitialCharter(trx, ctx('ketua'), 'tujuh_prinsip');
    let no = 0;
    for (const m of MEMBERS) {
      const row = await trx
        .insertInto('members')
        .values({ coop_id: coop.id, member_no: m.joined ? ++no : null, status: m.status, full_name: m.name, gender: m.gender, birth_date: m.birth, joined_on: m.joined, left_on: m.left, account_id: m.name === 'Sri Lestari' ? coop.accounts.anggota.id : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      memberIds.push(row.id);
    }
    await trx.insertInto('coop_counters').values({ coop_id: coop.id, name: 'member_no', value: no }).execute();
    const meeting = await trx
      .insertInto('meetings')
      .values({ coop_id: coop.id, number: 1, kind: 'rat', title: 'RAT Tahun Buku 2024', starts_at: '2025-03-20T03:00:00Z', opened_at: '2025-03-20T03:00:00Z', closed_at: '2025-03-20T06:00:00Z', status: 'closed', eligible_count: 3, checkin_code: 'RAT2025X' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const i of [0, 1, 5]) await trx.insertInto('meeting_eligible').values({ coop_id: coop.id, meeting_id: meeting.id, member_id: memberIds[i]! }).execute();
    for (const i of [0, 1]) {
      await trx.insertInto('meeting_attendance').values({ coop_id: coop.id, meeting_id: meeting.id, member_id: memberIds[i]!, checked_in_at: '2025-03-20T03:05:00Z', method: 'officer', participation: 'in_person' }).execute();
    }
  });
  await post({ idempotencyKey: 'sale-2024', date: '2024-08-01', description: 'Penjualan 2024', source: 'sales', lines: [{ account: 'CASH', debit: SALE_2024 }, { account: 'SALES_NON_MEMBER', credit: SALE_2024 }] });
  await post({ idempotencyKey: 'sale-m-2025', date: '2025-05-10', description: 'Penjualan batik anggota', source: 'sales', lines: [{ account: 'CASH', debit: SALE_MEMBER_2025 }, { account: 'SALES_MEMBER', credit: SALE_MEMBER_2025, businessUnit: 'busana' }] });
  await post({ idempotencyKey: 'sale-n-2025', date: '2025-06-01', description: 'Penjualan album umum', source: 'sales', lines: [{ account: 'CASH', debit: SALE_NON_MEMBER_2025 }, { account: 'SALES_NON_MEMBER', credit: SALE_NON_MEMBER_2025, businessUnit: 'suara' }] });
  await post({ idempotencyKey: 'rent-2025', date: '2025-08-01', description: 'Sewa ruang', source: 'manual', lines: [{ account: 'RENT', debit: RENT_2025 }, { account: 'CASH', credit: RENT_2025 }] });
  await post({ idempotencyKey: 'edu-in-2025', date: '2025-01-15', description: 'Hibah untuk dana pendidikan', source: 'manual', lines: [{ account: 'CASH', debit: EDU_IN }, { account: 'DANA_PENDIDIKAN', credit: EDU_IN }] });
  await post({ idempotencyKey: 'edu-use-2025', date: '2025-10-01', description: 'Pelatihan tata buku untuk anggota', source: 'manual', lines: [{ account: 'DANA_PENDIDIKAN', debit: EDU_USED }, { account: 'CASH', credit: EDU_USED }] });
  await depositSukarela(ctx('bendahara'), memberIds[0]!, { amount: DEPOSIT, method: 'cash', date: '2025-03-01', idempotencyKey: 'dep-sri-2025' });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the RAT report package', () => {
  it('holds the seeded year’s membership figures, with the previous year beside them', async () => {
    const r = await getRatReport(ctx('ketua'), 2025);
    expect(r.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(r.previous).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    const e = expected('2025-01-01', '2025-12-31');
    expect(r.membership.current).toMatchObject(e);
    // Hand-checked too: Sri, Wulan, Dimas, Tono at the end of 2025; Bagus left; Dimas (17) and Sri (25) are young.
    expect(e).toMatchObject({ total: 4, men: 2, women: 2, youth: 2, joined: 2, left: 1, opening: 3 });
    expect(r.membership.previous).toMatchObject(expected('2024-01-01', '2024-12-31'));
  });

  it('takes the five statements from the ledger with the previous year, and the sales by line', async () => {
    const r = await getRatReport(ctx('anggota'), 2025);
    expect(r.statements.map((s) => s.kind)).toEqual(['posisi-keuangan', 'hasil-usaha', 'perubahan-ekuitas', 'arus-kas', 'catatan']);
    for (const s of r.statements) {
      expect(s.previous).toEqual({ from: '2024-01-01', to: '2024-12-31' });
      // The changes in equity show the previous year as a second block of rows; the others as a second column.
      if (s.kind === 'perubahan-ekuitas') expect(s.rows.filter((x) => x.kind === 'total')).toHaveLength(2);
      else expect(s.columns).toHaveLength(2);
    }
    expect(r.finance.netShu).toBe(SALE_MEMBER_2025 + SALE_NON_MEMBER_2025 - RENT_2025);
    expect(r.finance.previousNetShu).toBe(SALE_2024);
    const cash2025 = SALE_2024 + SALE_MEMBER_2025 + SALE_NON_MEMBER_2025 - RENT_2025 + EDU_IN - EDU_USED + DEPOSIT;
    expect(r.finance.totalAssets).toBe(cash2025);
    expect(r.finance.previousTotalAssets).toBe(SALE_2024);
    const busana = r.business.rows.find((b) => b.unit === 'busana')!;
    expect(busana).toMatchObject({ member: SALE_MEMBER_2025, nonMember: 0, total: SALE_MEMBER_2025 });
    expect(r.business.rows.find((b) => b.unit === 'suara')).toMatchObject({ nonMember: SALE_NON_MEMBER_2025 });
    expect(r.business.rows.find((b) => b.unit === null)).toMatchObject({ total: 0, previousTotal: SALE_2024 });
    expect(r.business.total).toBe(SALE_MEMBER_2025 + SALE_NON_MEMBER_2025);
    const hu = r.statements[1]!;
    const memberIncome = hu.rows.find((x) => x.kind === 'subtotal' && /anggota/i.test(x.label) && !/bukan|non/i.test(x.label));
    expect(memberIncome?.values).toEqual([SALE_MEMBER_2025, 0]);
  });

  it('shows the education fund’s use, the meetings with attendance, and no SHU until one is approved', async () => {
    const r = await getRatReport(ctx('pengawas'), 2025);
    const edu = r.funds.find((f) => f.key === 'DANA_PENDIDIKAN')!;
    expect(edu).toMatchObject({ opening: 0, added: EDU_IN, used: EDU_USED, closing: EDU_IN - EDU_USED });
    expect(edu.lines.map((l) => l.description)).toContain('Pelatihan tata buku untuk anggota');
    expect(r.meetings).toHaveLength(1);
    expect(r.meetings[0]).toMatchObject({ kind: 'rat', attended: 2, eligible: 3, attendanceBp: 6667 }); // 2 of 3, rounded (not truncated): issue 14 item 6
    expect(r.shu).toEqual({ available: false });
    expect(r.compliance.charterVersion).toBe(1);
    expect(r.compliance.items.length).toBeGreaterThan(0);
    expect(r.organisation.board.map((p) => p.role).sort()).toEqual(['bendahara', 'ketua', 'sekretaris']);
    expect(r.organisation.supervisors).toHaveLength(1);
    expect(r.narrative.join(' ')).toContain('4 orang');
  });

  it('downloads as a valid multi-page PDF for a member', async () => {
    const s = await signInAs(app, coop.accounts.anggota);
    const res = await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/rat/export?year=2025&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toContain('laporan-rat_');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    // Cover, contents, then seven sections each starting on a new page.
    expect(pages).toBeGreaterThanOrEqual(9);
    expect(pdf.toString('latin1')).toContain('%%EOF');
    expect(pdfTitle(pdf)).toBe('Laporan Pertanggungjawaban Pengurus 2025 — Koperasi Sari Rupa');
  });

  it('downloads as an XLSX that parses back with the figures in their cells', async () => {
    const s = await signInAs(app, coop.accounts.bendahara);
    const res = await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/rat/export?year=2025&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...RAT_SHEETS]);
    const hu = wb.getWorksheet('Hasil Usaha')!;
    // Code, account, this year, previous year (the ledger's own column labels).
    expect((hu.getRow(4).values as unknown[]).filter(Boolean)).toHaveLength(4);
    const values = (hu.getColumn(3).values as unknown[]).filter((v) => typeof v === 'number');
    expect(values).toContain(SALE_MEMBER_2025 + SALE_NON_MEMBER_2025 - RENT_2025);
    const prev = (hu.getColumn(4).values as unknown[]).filter((v) => typeof v === 'number');
    expect(prev).toContain(SALE_2024);
    const members = wb.getWorksheet('Keanggotaan')!;
    const byLabel = new Map<string, [unknown, unknown]>();
    members.eachRow((row) => byLabel.set(String(row.getCell(1).value), [row.getCell(2).value, row.getCell(3).value]));
    const e = expected('2025-01-01', '2025-12-31');
    const p = expected('2024-01-01', '2024-12-31');
    expect(byLabel.get('Anggota pada akhir tahun')).toEqual([e.total, p.total]);
    expect(byLabel.get('Perempuan (P)')).toEqual([e.women, p.women]);
    expect(byLabel.get('Pemuda (16–30 tahun)')).toEqual([e.youth, p.youth]);
    const funds = wb.getWorksheet('Dana Pendidikan Sosial')!;
    expect(funds.getRow(4).values).toEqual([undefined, 'Dana pendidikan', 0, EDU_IN, EDU_USED, EDU_IN - EDU_USED]);
  });
});

describe('the Ministry CSV', () => {
  it('has the documented columns and the year’s values', async () => {
    const s = await signInAs(app, coop.accounts.sekretaris);
    const res = await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/ministry/export?year=2025`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const [head, line, rest] = res.body.split('\r\n');
    expect(head!.split(',')).toEqual([...MINISTRY_COLUMNS]);
    expect(rest).toBe('');
    const row = Object.fromEntries(head!.split(',').map((c, i) => [c, line!.split(',')[i]]));
    const e = expected('2025-01-01', '2025-12-31');
    expect(row).toMatchObject({
      tahun_buku: '2025',
      periode_awal: '2025-01-01',
      periode_akhir: '2025-12-31',
      nama_koperasi: 'Koperasi Sari Rupa',
      jumlah_anggota: String(e.total),
      anggota_laki_laki: String(e.men),
      anggota_perempuan: String(e.women),
      simpanan_pokok: '0',
      simpanan_wajib: '0',
      simpanan_sukarela: String(DEPOSIT),
      total_aset: String(SALE_2024 + SALE_MEMBER_2025 + SALE_NON_MEMBER_2025 - RENT_2025 + EDU_IN - EDU_USED + DEPOSIT),
      volume_usaha: String(SALE_MEMBER_2025 + SALE_NON_MEMBER_2025),
      shu_tahun_berjalan: String(SALE_MEMBER_2025 + SALE_NON_MEMBER_2025 - RENT_2025)
    });
    const prev = await getMinistryExport(ctx('pengawas'), 2024);
    expect(prev.row).toMatchObject({ jumlah_anggota: expected('2024-01-01', '2024-12-31').total, volume_usaha: SALE_2024, shu_tahun_berjalan: SALE_2024, simpanan_sukarela: 0 });
  });
});

describe('the administration books', () => {
  it('lists every person who has been a member, never an applicant', async () => {
    const b = await getBook(ctx('sekretaris'), 'daftar-anggota');
    expect(b.rows.map((r) => r.name)).toEqual(MEMBERS.filter((m) => m.joined).map((m) => m.name));
    expect(b.rows.find((r) => r.name === 'Bagus Santoso')).toMatchObject({ gender: 'L', leftOn: '2025-07-01' });
  });

  it('keeps the cash book from the ledger with a running balance', async () => {
    const b = await getBook(ctx('bendahara'), 'kas', { year: 2025 });
    expect(b.rows[0]).toMatchObject({ balance: SALE_2024 });
    const closing = SALE_2024 + SALE_MEMBER_2025 + SALE_NON_MEMBER_2025 - RENT_2025 + EDU_IN - EDU_USED + DEPOSIT;
    expect(b.totals).toMatchObject({ balance: closing, debit: SALE_MEMBER_2025 + SALE_NON_MEMBER_2025 + EDU_IN + DEPOSIT, credit: RENT_2025 + EDU_USED });
    expect(b.rows.at(-1)).toMatchObject({ balance: closing });
  });

  it('keeps the capital book from the capital records', async () => {
    const b = await getBook(ctx('pengawas'), 'simpanan-anggota', { year: 2025 });
    expect(b.rows.find((r) => r.name === 'Sri Lestari')).toMatchObject({ sukarela: DEPOSIT, total: DEPOSIT });
    expect(b.totals).toMatchObject({ sukarela: DEPOSIT });
    const before = await getBook(ctx('pengawas'), 'simpanan-anggota', { year: 2024 });
    expect(before.totals).toMatchObject({ sukarela: 0 });
  });

  it('downloads a book as XLSX with every row', async () => {
    const s = await signInAs(app, coop.accounts.ketua);
    const res = await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/books/daftar-anggota/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Buku Daftar Anggota');
    expect(ws.getRow(5).getCell(3).value).toBe('Nama');
    expect(ws.getRow(6).getCell(3).value).toBe('Sri Lestari');
    expect(ws.rowCount).toBe(5 + MEMBERS.filter((m) => m.joined).length);
  });
});

describe('permissions', () => {
  it('lets a member download the RAT report but not the books or the Ministry figures', async () => {
    const s = await signInAs(app, coop.accounts.anggota);
    expect((await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/books`)).statusCode).toBe(403);
    expect((await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/books/daftar-anggota`)).statusCode).toBe(403);
    expect((await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/books/simpanan-anggota/export`)).statusCode).toBe(403);
    expect((await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/ministry/export`)).statusCode).toBe(403);
  });

  it('answers only 403/404 to every role of another cooperative and to strangers', async () => {
    const urls = [
      `/api/v1/coops/${coop.id}/reports/rat/export?year=2025`,
      `/api/v1/coops/${coop.id}/reports/books`,
      `/api/v1/coops/${coop.id}/reports/books/kas?year=2025`,
      `/api/v1/coops/${coop.id}/reports/books/kas/export`,
      `/api/v1/coops/${coop.id}/reports/ministry`,
      `/api/v1/coops/${coop.id}/reports/ministry/export`
    ];
    for (const role of ['ketua', 'pengawas', 'anggota'] as const) {
      const s = await signInAs(app, other.accounts[role]);
      for (const url of urls) expect([403, 404], `${role} ${url}`).toContain((await call(app, s, 'GET', url)).statusCode);
    }
    for (const url of urls) expect((await call(app, null, 'GET', url)).statusCode).toBe(401);
  });

  it('refuses a year that is not a year, in the user’s language', async () => {
    const s = await signInAs(app, coop.accounts.ketua);
    const res = await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/ministry?year=dua`);
    expect(res.statusCode).toBe(400);
    expect((await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/books/buku-hantu`)).statusCode).toBe(404);
  });
});

describe('with an approved SHU run for the year', () => {
  it('lists every member’s share in the report and the workbook', async () => {
    const shares = [
      { i: 0, modal: 120_000, usaha: 380_000 },
      { i: 2, modal: 30_000, usaha: 70_000 }
    ];
    await withTenant(t.db, coop.id, async (trx) => {
      const d = await trx
        .insertInto('decisions')
        .values({ coop_id: coop.id, number: 1, kind: 'general', title: 'Pembagian SHU 2025', method: 'yes_no', quorum: JSON.stringify({ kind: 'none' }), threshold_bp: 5000, status: 'closed', outcome: 'passed', closed_at: '2026-02-01T05:00:00Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const pool = shares.reduce((s, x) => s + x.modal + x.usaha, 0);
      const run = await trx
        .insertInto('shu_runs')
        .values({ coop_id: coop.id, number: 1, fiscal_year: 2025, period_start: '2025-01-01', period_end: '2025-12-31', status: 'approved', outcome: 'DISTRIBUTED', pool, inputs: JSON.stringify({}), result: JSON.stringify({}), decision_id: d.id, decision_ref: 'RAT-2026/01', approved_at: '2026-02-01T05:00:00Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const x of shares) {
        const total = x.modal + x.usaha;
        await trx
          .insertInto('shu_run_members')
          .values({ coop_id: coop.id, run_id: run.id, member_id: memberIds[x.i]!, member_no: x.i + 1, full_name: MEMBERS[x.i]!.name, capital_weight: '1', volume_weight: '1', jasa_modal: x.modal, jasa_usaha: x.usaha, total, payable: total, withholding: 0, net_payout: total, flags: [] })
          .execute();
      }
    });
    const r = await getRatReport(ctx('anggota'), 2025);
    expect(r.shu.available).toBe(true);
    if (!r.shu.available) return;
    expect(r.shu.decisionRef).toBe('RAT-2026/01');
    expect(r.shu.members.map((m) => [m.fullName, m.jasaModal, m.jasaUsaha, m.netPayout])).toEqual(shares.map((x) => [MEMBERS[x.i]!.name, x.modal, x.usaha, x.modal + x.usaha]));
    expect(r.shu.totals.total).toBe(shares.reduce((s, x) => s + x.modal + x.usaha, 0));
    const s = await signInAs(app, coop.accounts.anggota);
    const res = await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/rat/export?year=2025&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('SHU Anggota')!;
    expect(ws.getRow(4).values).toEqual([undefined, 'Sri Lestari', 1, 120_000, 380_000, 500_000, 0, 500_000]);
    const pdf = await call(app, s, 'GET', `/api/v1/coops/${coop.id}/reports/rat/export?year=2025&format=pdf`);
    expect(pdf.statusCode).toBe(200);
  });
});

