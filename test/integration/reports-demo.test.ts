import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.js';
import { BOOK_KEYS } from '../../src/reports/model.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, signInAs, testApp } from '../support/fixtures.js';

/** The demo cooperative's real-shaped data (elections, minutes, capital, busana variants) through every report and book. */

let t: TestDb;
let app: App;
let coopId: string;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  app = await testApp(t.db);
  coopId = (await t.db.selectFrom('coops').select('id').where('slug', '=', 'lumbung-sari').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the demo cooperative’s year-end reports', () => {
  it('generates the RAT package for the last complete year with its sales lines and fund use', async () => {
    const s = await signInAs(app, { email: 'anggota@lumbung.test', password: DEMO_PASSWORD });
    const res = await call(app, s, 'GET', `/api/v1/coops/${coopId}/reports/rat/export?format=xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const acc = wb.getWorksheet('Pertanggungjawaban')!;
    const labels: string[] = [];
    acc.eachRow((r) => labels.push(String(r.getCell(1).value)));
    expect(labels).toEqual(expect.arrayContaining(['Busana', 'Suara (musik)', 'Rupa (seni rupa)', 'Agenda (acara)']));
    const funds = wb.getWorksheet('Dana Pendidikan Sosial')!;
    expect(funds.getRow(4).values).toEqual([undefined, 'Dana pendidikan', 0, 3_000_000, 1_200_000, 1_800_000]);
    expect(funds.getRow(5).values).toEqual([undefined, 'Dana sosial', 0, 800_000, 500_000, 300_000]);
    const pdf = await call(app, s, 'GET', `/api/v1/coops/${coopId}/reports/rat/export?format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('generates every book, page and download, for the pengawas', async () => {
    const s = await signInAs(app, { email: 'pengawas@lumbung.test', password: DEMO_PASSWORD });
    for (const key of BOOK_KEYS) {
      const page = await call(app, s, 'GET', `/api/v1/coops/${coopId}/reports/books/${key}`);
      expect(page.statusCode, key).toBe(200);
      const file = await call(app, s, 'GET', `/api/v1/coops/${coopId}/reports/books/${key}/export`);
      expect(file.statusCode, key).toBe(200);
    }
    const members = (await call(app, s, 'GET', `/api/v1/coops/${coopId}/reports/books/daftar-anggota`)).json();
    expect(members.totalRows).toBe(22);
    const board = (await call(app, s, 'GET', `/api/v1/coops/${coopId}/reports/books/daftar-pengurus`)).json();
    expect(board.rows.map((r: { office: string }) => r.office)).toEqual(expect.arrayContaining(['Ketua', 'Sekretaris', 'Bendahara']));
    const stock = (await call(app, s, 'GET', `/api/v1/coops/${coopId}/reports/books/inventaris`)).json();
    expect(stock.totalRows).toBeGreaterThan(0);
    const csv = await call(app, s, 'GET', `/api/v1/coops/${coopId}/reports/ministry/export`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')).toHaveLength(3);
  });
});
