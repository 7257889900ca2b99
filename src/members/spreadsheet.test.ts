import { describe, expect, it } from 'vitest';
import { memberToCells, normalizeDate, normalizeHeader, parseSheetRow, readCsv, writeCsv } from './spreadsheet.js';
import type { MemberView } from './model.js';

const TODAY = '2025-06-01';

describe('reading a member spreadsheet', () => {
  it('recognises headers written by people', () => {
    expect(normalizeHeader('Jenis Kelamin (P/L)')).toBe('jenis_kelamin');
    expect(normalizeHeader('\uFEFFnama')).toBe('nama');
    expect(normalizeHeader(' Kode-Rumah Tangga ')).toBe('kode_rumah_tangga');
  });

  it('reads semicolon-separated CSV and numbers rows as a spreadsheet does', () => {
    const sheet = readCsv('nama;jenis_kelamin;hp\nSiti;P;0812 3456 7890\n;;\nBudi;L;\n');
    expect(sheet.columns).toEqual(['nama', 'jenis_kelamin', 'hp']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: { nama: 'Siti', jenis_kelamin: 'P', hp: '0812 3456 7890' } },
      { row: 4, cells: { nama: 'Budi', jenis_kelamin: 'L' } }
    ]);
  });

  it('reads Indonesian dates, genders, yes/no and statuses', () => {
    expect(normalizeDate('17/08/1995')).toBe('1995-08-17');
    expect(normalizeDate('1-2-2001')).toBe('2001-02-01');
    const r = parseSheetRow({ nama: 'Siti', jenis_kelamin: 'Perempuan', tanggal_lahir: '17-08-1995', mampu: 'Ya', terima_bansos: 'tidak', status: 'Aktif', keahlian: 'tenun; batik, tari', hp: '81234567890' }, TODAY);
    expect(r.issues).toEqual([]);
    expect(r.status).toBe('active');
    expect(r.request).toMatchObject({ gender: 'F', birthDate: '1995-08-17', isWellOff: true, receivesStateAid: false, skills: ['tenun', 'batik', 'tari'], phone: '081234567890' });
  });

  it('reports cell format problems by column', () => {
    const r = parseSheetRow({ nama: 'Budi', jenis_kelamin: 'X', rt: 'tiga', mampu: 'mungkin', status: 'pensiun', tanggal_masuk: '2030-01-01', nik: '9.1e15#unsafe' }, TODAY);
    expect(r.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual(
      ['jenis_kelamin:gender_invalid', 'rt:number_invalid', 'mampu:yes_no_invalid', 'status:status_invalid', 'tanggal_masuk:date_in_future', 'nik:nik_as_number'].sort()
    );
  });
});

describe('writing a member spreadsheet', () => {
  const m: MemberView = {
    id: 'x',
    memberNo: 7,
    accountId: null,
    status: 'resigned',
    fullName: 'Siti, "Ibu" Aminah',
    gender: 'F',
    birthDate: '1995-08-17',
    age: 29,
    isYouth: true,
    nik: '3322015708950001',
    phone: '6281234567890',
    email: null,
    street: null,
    villageCode: '33.22.01.2001',
    rt: 1,
    rw: null,
    householdCode: null,
    occupation: null,
    skills: ['tenun', 'batik'],
    civilSocietyGroup: null,
    isWellOff: false,
    receivesStateAid: true,
    appliedAt: '2024-01-01T00:00:00.000Z',
    joinedOn: '2024-01-02',
    leftOn: '2025-01-01',
    updatedAt: '2025-01-01T00:00:00.000Z'
  };

  it('writes cells that read back to the same record', () => {
    const cells = memberToCells(m);
    expect(cells).toMatchObject({ nomor_anggota: '0007', jenis_kelamin: 'P', hp: '081234567890', status: 'keluar', terima_bansos: 'ya', keahlian: 'tenun; batik' });
    const back = parseSheetRow(cells, TODAY);
    expect(back.issues).toEqual([]);
    expect(back).toMatchObject({ status: 'resigned', joinedOn: '2024-01-02', leftOn: '2025-01-01' });
    expect(back.request).toMatchObject({ fullName: m.fullName, nik: m.nik, skills: m.skills, rt: 1, rw: null, receivesStateAid: true });
  });

  it('quotes commas and quotes in CSV', () => {
    const csv = writeCsv([m]);
    const sheet = readCsv(csv);
    expect(sheet.rows[0]?.cells.nama).toBe('Siti, "Ibu" Aminah');
  });
});
