import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../kernel/xlsx.js';
import { isValidPlainDate } from '../kernel/clock.js';
import type { FieldIssue } from '../kernel/errors.js';
import { formatMemberNo, type MemberRequest, type MemberStatus, type MemberView } from './model.js';

/**
 * The member register as a spreadsheet (CSV or XLSX) with Indonesian column headers.
 * Export writes these columns; import reads them, so an export re-imports as it is.
 */
export const COLUMNS = [
  'nomor_anggota',
  'nama',
  'jenis_kelamin',
  'tanggal_lahir',
  'nik',
  'hp',
  'email',
  'alamat',
  'kode_desa',
  'rt',
  'rw',
  'kode_rumah_tangga',
  'pekerjaan',
  'keahlian',
  'kelompok',
  'mampu',
  'terima_bansos',
  'status',
  'tanggal_masuk',
  'tanggal_keluar'
] as const;
export type Column = (typeof COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly Column[] = ['nama', 'jenis_kelamin'];
/** Member numbers are the cooperative's to give: an imported file's numbers are not used. */
export const IGNORED_COLUMNS: readonly Column[] = ['nomor_anggota'];

/** Which column a request field comes from (for per-row error reports). */
export const COLUMN_OF_FIELD: Record<string, Column> = {
  fullName: 'nama',
  gender: 'jenis_kelamin',
  birthDate: 'tanggal_lahir',
  nik: 'nik',
  phone: 'hp',
  email: 'email',
  street: 'alamat',
  villageCode: 'kode_desa',
  rt: 'rt',
  rw: 'rw',
  householdCode: 'kode_rumah_tangga',
  occupation: 'pekerjaan',
  skills: 'keahlian',
  civilSocietyGroup: 'kelompok',
  isWellOff: 'mampu',
  receivesStateAid: 'terima_bansos'
};

export const STATUS_WORDS: Record<MemberStatus, string> = {
  active: 'aktif',
  applicant: 'calon',
  suspended: 'diberhentikan_sementara',
  resigned: 'keluar',
  expelled: 'diberhentikan',
  rejected: 'ditolak'
};

export type SheetRow = { row: number; cells: Partial<Record<Column, string>> };
export type Sheet = { columns: (Column | null)[]; headers: string[]; rows: SheetRow[] };

/** 'Jenis Kelamin (P/L)' → 'jenis_kelamin'. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/\(.*?\)/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s\-/.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function toSheet(headers: string[], records: { row: number; values: string[] }[]): Sheet {
  const columns = headers.map((h) => {
    const n = normalizeHeader(h);
    return (COLUMNS as readonly string[]).includes(n) ? (n as Column) : null;
  });
  const rows: SheetRow[] = [];
  for (const r of records) {
    if (r.values.every((v) => v.trim() === '')) continue;
    const cells: Partial<Record<Column, string>> = {};
    columns.forEach((c, i) => {
      const v = (r.values[i] ?? '').trim();
      if (c && v !== '') cells[c] = v;
    });
    rows.push({ row: r.row, cells });
  }
  return { columns, headers, rows };
}

/** Read a CSV file (comma or semicolon separated, UTF-8, with a header row). */
export function readCsv(content: string | Uint8Array): Sheet {
  const text = (typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content)).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  const [headers = [], ...data] = records;
  return toSheet(
    headers,
    data.map((values, i) => ({ row: i + 2, values }))
  );
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isSafeInteger(value) || !Number.isInteger(value) ? String(value) : `${value}#unsafe`;
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((p) => p.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return String(value);
}

/** Read the first worksheet of an XLSX file; row 1 holds the headers. */
export async function readXlsx(content: Uint8Array): Promise<Sheet> {
  const wb = new (await loadExcel()).Workbook();
  await wb.xlsx.load(Buffer.from(content) as never);
  const ws = wb.worksheets[0];
  if (!ws) return { columns: [], headers: [], rows: [] };
  const headerRow = ws.getRow(1);
  const width = Math.max(headerRow.cellCount, ws.columnCount);
  const headers = Array.from({ length: width }, (_, i) => cellText(headerRow.getCell(i + 1).value));
  const records: { row: number; values: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    records.push({ row: n, values: Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value)) });
  });
  return toSheet(headers, records);
}

const GENDERS: Record<string, 'F' | 'M'> = { p: 'F', f: 'F', perempuan: 'F', wanita: 'F', female: 'F', l: 'M', m: 'M', 'laki-laki': 'M', laki: 'M', pria: 'M', male: 'M' };
const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'benar']);
const NO = new Set(['tidak', 't', 'no', 'n', 'false', '0', 'bukan']);

/** '17/08/1990' or '17-08-1990' or '1990-08-17' → '1990-08-17'; anything else is returned unchanged (and fails later). */
export function normalizeDate(value: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim());
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return value.trim();
}

export type ParsedRow = { request: MemberRequest; status: MemberStatus | null; joinedOn: string | null; leftOn: string | null; issues: FieldIssue[] };

/**
 * One spreadsheet row as a member request plus its status and dates. Issues here are
 * about the cell formats; the request is then checked by the member rules.
 * Issue fields are column names.
 */
export function parseSheetRow(cells: Partial<Record<Column, string>>, today: string): ParsedRow {
  const issues: FieldIssue[] = [];
  const text = (c: Column) => cells[c]?.trim() || null;
  const number = (c: Column): number | null => {
    const v = text(c);
    if (v === null) return null;
    if (!/^\d{1,3}$/.test(v)) {
      issues.push({ field: c, code: 'number_invalid' });
      return null;
    }
    return Number(v);
  };
  const yesNo = (c: Column): boolean => {
    const v = text(c)?.toLowerCase();
    if (v === undefined || v === null) return false;
    if (YES.has(v)) return true;
    if (!NO.has(v)) issues.push({ field: c, code: 'yes_no_invalid' });
    return false;
  };
  const date = (c: Column): string | null => {
    const v = text(c);
    if (v === null) return null;
    const d = normalizeDate(v);
    if (!isValidPlainDate(d)) issues.push({ field: c, code: 'date_invalid' });
    else if (d > today) issues.push({ field: c, code: 'date_in_future' });
    return d;
  };

  const genderText = text('jenis_kelamin');
  const gender = genderText ? GENDERS[genderText.toLowerCase()] : undefined;
  if (genderText && !gender) issues.push({ field: 'jenis_kelamin', code: 'gender_invalid' });

  let nik = text('nik');
  if (nik?.endsWith('#unsafe')) {
    issues.push({ field: 'nik', code: 'nik_as_number' });
    nik = null;
  }
  let phone = text('hp');
  // Spreadsheets drop the leading zero of a phone number typed as a number.
  if (phone && /^8\d{7,12}$/.test(phone)) phone = `0${phone}`;

  let status: MemberStatus | null = null;
  const statusText = text('status')?.toLowerCase().replace(/\s+/g, '_');
  if (statusText) {
    const found = (Object.entries(STATUS_WORDS) as [MemberStatus, string][]).find(([code, word]) => statusText === word || statusText === code);
    if (found) status = found[0];
    else issues.push({ field: 'status', code: 'status_invalid' });
  }

  const birthText = text('tanggal_lahir');
  const request: MemberRequest = {
    fullName: text('nama') ?? '',
    gender: gender as 'F' | 'M',
    birthDate: birthText ? normalizeDate(birthText) : null,
    nik,
    phone,
    email: text('email'),
    street: text('alamat'),
    villageCode: text('kode_desa'),
    rt: number('rt'),
    rw: number('rw'),
    householdCode: text('kode_rumah_tangga'),
    occupation: text('pekerjaan'),
    skills: (text('keahlian') ?? '')
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean),
    civilSocietyGroup: text('kelompok'),
    isWellOff: yesNo('mampu'),
    receivesStateAid: yesNo('terima_bansos')
  };
  return { request, status, joinedOn: date('tanggal_masuk'), leftOn: date('tanggal_keluar'), issues };
}

/** One member as a spreadsheet row (all text). */
export function memberToCells(m: MemberView): Record<Column, string> {
  return {
    nomor_anggota: m.memberNo === null ? '' : formatMemberNo(m.memberNo),
    nama: m.fullName,
    jenis_kelamin: m.gender === 'F' ? 'P' : 'L',
    tanggal_lahir: m.birthDate ?? '',
    nik: m.nik ?? '',
    hp: m.phone ? `0${m.phone.slice(2)}` : '',
    email: m.email ?? '',
    alamat: m.street ?? '',
    kode_desa: m.villageCode ?? '',
    rt: m.rt === null ? '' : String(m.rt),
    rw: m.rw === null ? '' : String(m.rw),
    kode_rumah_tangga: m.householdCode ?? '',
    pekerjaan: m.occupation ?? '',
    keahlian: m.skills.join('; '),
    kelompok: m.civilSocietyGroup ?? '',
    mampu: m.isWellOff ? 'ya' : 'tidak',
    terima_bansos: m.receivesStateAid ? 'ya' : 'tidak',
    status: STATUS_WORDS[m.status],
    tanggal_masuk: m.joinedOn ?? '',
    tanggal_keluar: m.leftOn ?? ''
  };
}

export function writeCsv(members: MemberView[]): string {
  return stringify(
    members.map((m) => memberToCells(m)),
    { header: true, columns: [...COLUMNS], bom: true }
  );
}

export async function writeXlsx(members: MemberView[], sheetName = 'Anggota'): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Lumbung';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = COLUMNS.map((c) => ({ header: c, key: c, width: c === 'nama' || c === 'alamat' ? 28 : c === 'nik' ? 20 : 14, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  for (const m of members) ws.addRow(memberToCells(m));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
