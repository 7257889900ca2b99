import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';

let t: TestDb;
let app: App;
let coop: SeededCoop;
let ketua: Session;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  coop = await seedCoop(t.db);
  ketua = await signInAs(app, coop.accounts.ketua);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const HEADER = 'nama,jenis_kelamin (P/L),tanggal_lahir,nik,hp,email,alamat,kode_desa,rt,rw,kode_rumah_tangga,pekerjaan,keahlian,kelompok,status';

async function memberCount(coopId: string): Promise<number> {
  const r = await t.db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).executeTakeFirstOrThrow();
  return Number(r.n);
}

function importCsv(session: Session, coopId: string, csv: string, asStatus?: 'active' | 'applicant') {
  return call(app, session, 'POST', `/api/v1/coops/${coopId}/members/import`, { format: 'csv', contentBase64: Buffer.from(csv, 'utf8').toString('base64'), ...(asStatus ? { asStatus } : {}) });
}

describe('importing members', () => {
  it('imports nothing when one row is bad, and reports that row\'s error', async () => {
    const c = await seedCoop(t.db);
    const s = await signInAs(app, c.accounts.ketua);
    const csv = [
      HEADER,
      'Siti Aminah,P,1995-08-17,3322015708950001,081234567890,siti@contoh.id,Dusun Krajan,33.22.01.2001,1,2,RT01-001,Penenun,"tenun; batik",petani,',
      'Budi Santoso,L,17/08/1990,,0813-1111-2222,,,,1,2,RT01-002,Petani,,petani,',
      'Rina Wati,X,1992-01-01,,,,,,1,2,,,,,'
    ].join('\n');
    const audit = await t.db.selectFrom('audit_log').select('id').where('coop_id', '=', c.id).execute();
    const res = await importCsv(s, c.id, csv, 'active');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.message).toBe('Impor dibatalkan: 1 baris tidak valid. Tidak ada data yang disimpan.');
    expect(body.details.rows).toEqual([{ row: 4, field: 'jenis_kelamin', code: 'gender_invalid', message: 'Isi P (perempuan) atau L (laki-laki).' }]);
    expect(await memberCount(c.id)).toBe(0);
    expect(await t.db.selectFrom('audit_log').select('id').where('coop_id', '=', c.id).execute()).toEqual(audit);
    expect(await t.db.selectFrom('coop_counters').selectAll().where('coop_id', '=', c.id).execute()).toEqual([]);
  });

  it('reports every bad row and every bad column, including NIK duplicates in the file and in the cooperative', async () => {
    const c = await seedCoop(t.db);
    const s = await signInAs(app, c.accounts.ketua);
    await call(app, s, 'POST', `/api/v1/coops/${c.id}/members`, { fullName: 'Sudah Ada', gender: 'M', nik: '3322010503010002' });
    const csv = [
      'nama;jenis_kelamin;tanggal_lahir;nik;hp;rt;warna_favorit',
      'A;P;1990-01-01;;;;',
      'Dua Orang;L;2001-03-05;3322010503010002;;;',
      'Tiga Orang;P;;3322015708950001;12;1000;',
      'Empat Orang;P;;3322015708950001;;;'
    ].join('\n');
    const res = await importCsv(s, c.id, csv);
    expect(res.statusCode).toBe(422);
    // A column nobody knows stops the import before any row is read.
    expect(res.json().details.rows).toEqual([expect.objectContaining({ row: 1, field: 'warna_favorit', code: 'unknown_column' })]);
    const fixed = csv.replace(';warna_favorit', '').replace(/;$/gm, '');
    const again = (await importCsv(s, c.id, fixed)).json();
    expect(again.details.rows.map((r: { row: number; field: string; code: string }) => `${r.row}:${r.field}:${r.code}`)).toEqual([
      '2:nama:too_small_string',
      '3:nik:nik_taken',
      '4:hp:phone_invalid',
      '4:rt:number_invalid',
      '5:nik:nik_duplicate_in_file'
    ]);
    expect(await memberCount(c.id)).toBe(1);
  });

  it('imports a valid XLSX file as active members numbered in file order', async () => {
    const c = await seedCoop(t.db);
    const s = await signInAs(app, c.accounts.ketua);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Anggota');
    ws.addRow(['Nama', 'Jenis Kelamin (P/L)', 'Tanggal Lahir', 'NIK', 'HP', 'RT', 'RW', 'Keahlian', 'Mampu', 'Terima Bansos']);
    ws.addRow(['Sri Rahayu', 'P', new Date(Date.UTC(1995, 7, 17)), '3322015708950001', 81234567890, 3, 1, 'anyaman, tari', 'tidak', 'ya']);
    ws.addRow(['Agus Salim', 'L', '2001-03-05', 3322010503010002, '0856 7777 8888', 3, 1, '', 'ya', 'tidak']);
    ws.addRow([]);
    ws.addRow(['Tari Lestari', 'perempuan', '', '', '', 4, 1, 'gamelan', '', '']);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const res = await call(app, s, 'POST', `/api/v1/coops/${c.id}/members/import`, { format: 'xlsx', contentBase64: content, asStatus: 'active' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ imported: 3, active: 3, applicants: 0, other: 0 });
    const list = (await call(app, s, 'GET', `/api/v1/coops/${c.id}/members?sort=number`)).json().items;
    expect(list.map((m: { memberNo: number; fullName: string }) => `${m.memberNo} ${m.fullName}`)).toEqual(['1 Sri Rahayu', '2 Agus Salim', '3 Tari Lestari']);
    // The list masks NIK and birth dates (decision 0106); the record read by the ketua shows them whole.
    expect(list[0]).toMatchObject({ birthDate: '1995-**-**', nik: '3322********0001', phone: '6281234567890', skills: ['anyaman', 'tari'], receivesStateAid: true, isWellOff: false, status: 'active' });
    expect(list[1]).toMatchObject({ nik: '3322********0002', phone: '6285677778888', isWellOff: true });
    expect((await call(app, s, 'GET', `/api/v1/coops/${c.id}/members/${list[0].id}`)).json()).toMatchObject({ birthDate: '1995-08-17', nik: '3322015708950001' });
    expect((await call(app, s, 'GET', `/api/v1/coops/${c.id}/members/${list[1].id}`)).json()).toMatchObject({ nik: '3322010503010002' });
    const history = await t.db.selectFrom('member_status_history').select(['to_status', 'reason']).where('coop_id', '=', c.id).execute();
    expect(history).toHaveLength(3);
    expect(history.every((h) => h.to_status === 'active' && h.reason === 'impor')).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', c.id).where('action', '=', 'member.import').execute();
    expect(audit).toHaveLength(1);
  });

  it('accepts a text/csv body with asStatus in the query', async () => {
    const c = await seedCoop(t.db);
    const s = await signInAs(app, c.accounts.ketua);
    const res = await call(app, s, 'POST', `/api/v1/coops/${c.id}/members/import?asStatus=applicant`, 'nama,jenis_kelamin\nMawar Melati,P\n', { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imported: 1, applicants: 1 });
  });

  it('refuses to import active members for someone who may not approve', async () => {
    const staf = await signInAs(app, coop.accounts.staf);
    const before = await memberCount(coop.id);
    const res = await importCsv(staf, coop.id, 'nama,jenis_kelamin\nStaf Impor,P\n', 'active');
    expect(res.statusCode).toBe(403);
    expect(await memberCount(coop.id)).toBe(before);
    expect((await importCsv(staf, coop.id, 'nama,jenis_kelamin\nStaf Impor,P\n', 'applicant')).statusCode).toBe(201);
  });
});

describe('exporting members', () => {
  it('exports CSV and XLSX that re-import into another cooperative unchanged', async () => {
    const src = await seedCoop(t.db);
    const s = await signInAs(app, src.accounts.ketua);
    const u = `/api/v1/coops/${src.id}/members`;
    await call(app, s, 'POST', u, { fullName: 'Siti, "Ibu" Aminah', gender: 'F', birthDate: '1995-08-17', nik: '3322015708950001', phone: '081234567890', email: 'siti@contoh.id', street: 'Jl. Melati 3', villageCode: '33.22.01.2001', rt: 1, rw: 2, householdCode: 'KK-01', occupation: 'Penenun', skills: ['tenun', 'batik'], civilSocietyGroup: 'petani', isWellOff: true, asStatus: 'active' });
    await call(app, s, 'POST', u, { fullName: 'Budi Santoso', gender: 'M', asStatus: 'active' });
    const gone = (await call(app, s, 'POST', u, { fullName: 'Sudah Keluar', gender: 'M', asStatus: 'active' })).json();
    await call(app, s, 'POST', `${u}/${gone.id}/resign`, { reason: 'pindah' });
    await call(app, s, 'POST', u, { fullName: 'Masih Calon', gender: 'F' });

    // The full export (unmasked=true, ketua/sekretaris) is the one that re-imports.
    const csv = await call(app, s, 'GET', `${u}/export.csv?unmasked=true`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="anggota-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.body.replace(/^\uFEFF/, '').split('\n')[0]).toBe('nomor_anggota,nama,jenis_kelamin,tanggal_lahir,nik,hp,email,alamat,kode_desa,rt,rw,kode_rumah_tangga,pekerjaan,keahlian,kelompok,mampu,terima_bansos,status,tanggal_masuk,tanggal_keluar');
    const xlsx = await call(app, s, 'GET', `${u}/export.xlsx?unmasked=true`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const strip = (items: Record<string, unknown>[]) =>
      items
        .map(({ id, accountId, appliedAt, updatedAt, ...rest }) => rest)
        .sort((a, b) => String(a.fullName).localeCompare(String(b.fullName)));
    const original = strip((await call(app, s, 'GET', `${u}?pageSize=200`)).json().items);

    for (const [format, payload] of [['csv', csv.rawPayload], ['xlsx', xlsx.rawPayload]] as const) {
      const dst = await seedCoop(t.db);
      const d = await signInAs(app, dst.accounts.ketua);
      const res = await call(app, d, 'POST', `/api/v1/coops/${dst.id}/members/import`, { format, contentBase64: payload.toString('base64') });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ imported: 4, active: 2, applicants: 1, other: 1 });
      const copy = strip((await call(app, d, 'GET', `/api/v1/coops/${dst.id}/members?pageSize=200`)).json().items);
      expect(copy, format).toEqual(original);
    }
  });

  it('exports only for those who may read the member list', async () => {
    const anggota = await signInAs(app, coop.accounts.anggota);
    expect((await call(app, anggota, 'GET', `/api/v1/coops/${coop.id}/members/export.csv`)).statusCode).toBe(403);
  });
});

describe('member card', () => {
  it('renders a PDF card and a PNG card whose QR code opens the member record', async () => {
    const u = `/api/v1/coops/${coop.id}/members`;
    const m = (await call(app, ketua, 'POST', u, { fullName: 'Kartini Raden Ajeng', gender: 'F', asStatus: 'active' })).json();
    const pdf = await call(app, ketua, 'GET', `${u}/${m.id}/card.pdf`, undefined, { host: 'lumbung.contoh.id' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const png = await call(app, ketua, 'GET', `${u}/${m.id}/card.png`, undefined, { host: 'lumbung.contoh.id' });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect([...png.rawPayload.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = PNG.sync.read(png.rawPayload);
    expect([image.width, image.height]).toEqual([856, 540]);
    const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(qr?.data).toBe(`http://lumbung.contoh.id/k/${coop.slug}/anggota/${m.id}`);
  });

  it('does not render another member\'s card for a member', async () => {
    const m = (await call(app, ketua, 'POST', `/api/v1/coops/${coop.id}/members`, { fullName: 'Bukan Kartu Saya', gender: 'M' })).json();
    const anggota = await signInAs(app, coop.accounts.anggota);
    expect((await call(app, anggota, 'GET', `/api/v1/coops/${coop.id}/members/${m.id}/card.png`)).statusCode).toBe(403);
  });
});
