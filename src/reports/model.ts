import { z } from 'zod';
import { ageOn } from '../kernel/clock.js';
import { addDays, fiscalYearOf, previousPeriod, type Period } from '../ledger/model.js';
import { YOUTH_MAX_AGE, YOUTH_MIN_AGE } from '../members/get-member-statistics.js';

/**
 * Pure rules of the year-end reports: which fiscal year a number names, who counts as a
 * member or a youth on a day, the Ministry CSV's columns, and the administration books.
 * Everything here is computed from data other capabilities keep: nothing is entered twice.
 */

/** A fiscal year is named by the calendar year it starts in (start month from the coop's settings). */
export const ZFiscalYear = z.coerce.number().int().min(2000).max(2100);

export function fiscalYearPeriod(year: number, startMonth: number): Period {
  return fiscalYearOf(`${year}-${String(startMonth).padStart(2, '0')}-01`, startMonth);
}

export function fiscalYearNumberOf(day: string, startMonth: number): number {
  return Number(fiscalYearOf(day, startMonth).from.slice(0, 4));
}

export { addDays, previousPeriod, type Period };

/** Youth per UU 40/2009 tentang Kepemudaan: 16 to 30 years old on the day. */
export function isYouthOn(birthDate: string | null, day: string): boolean {
  if (!birthDate) return false;
  const age = ageOn(birthDate, day);
  return age >= YOUTH_MIN_AGE && age <= YOUTH_MAX_AGE;
}

export type MemberDates = { gender: 'F' | 'M'; status: string; birth_date: string | null; joined_on: string | null; left_on: string | null };

/**
 * A member counts on a day when they had joined by then and had not yet left. A record that
 * holds membership without a join date (imported or seeded that way) counts from the start.
 */
export function isMemberOn(m: Pick<MemberDates, 'joined_on' | 'left_on' | 'status'>, day: string): boolean {
  const joined = m.joined_on !== null ? m.joined_on <= day : m.status === 'active' || m.status === 'suspended';
  return joined && (m.left_on === null || m.left_on > day);
}

export type MembershipFigures = {
  /** Members on the last day of the period. */
  total: number;
  men: number;
  women: number;
  withBirthDate: number;
  youth: number;
  joined: number;
  left: number;
  /** Members on the day before the period began. */
  opening: number;
};

export function membershipFigures(members: readonly MemberDates[], period: Period): MembershipFigures {
  const end = period.to;
  const dayBefore = addDays(period.from, -1);
  const f: MembershipFigures = { total: 0, men: 0, women: 0, withBirthDate: 0, youth: 0, joined: 0, left: 0, opening: 0 };
  for (const m of members) {
    if (isMemberOn(m, dayBefore)) f.opening++;
    if (m.joined_on && m.joined_on >= period.from && m.joined_on <= period.to) f.joined++;
    if (m.left_on && m.left_on >= period.from && m.left_on <= period.to) f.left++;
    if (!isMemberOn(m, end)) continue;
    f.total++;
    if (m.gender === 'M') f.men++;
    else f.women++;
    if (m.birth_date) {
      f.withBirthDate++;
      if (isYouthOn(m.birth_date, end)) f.youth++;
    }
  }
  return f;
}

/**
 * The Ministry export: one row per fiscal year, these columns in this order (documented in
 * docs/panduan and docs/decisions/0095). Amounts are whole rupiah without separators.
 */
export const MINISTRY_COLUMNS = [
  'tahun_buku',
  'periode_awal',
  'periode_akhir',
  'nama_koperasi',
  'nomor_badan_hukum',
  'nik_koperasi',
  'jumlah_anggota',
  'anggota_laki_laki',
  'anggota_perempuan',
  'simpanan_pokok',
  'simpanan_wajib',
  'simpanan_sukarela',
  'total_aset',
  'volume_usaha',
  'shu_tahun_berjalan'
] as const;
export type MinistryRow = Record<(typeof MINISTRY_COLUMNS)[number], string | number>;

function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it with an apostrophe.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, string | number | null>[]): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** The administration books generated from the data, in the order a koperasi keeps them. */
export const BOOK_KEYS = [
  'daftar-anggota',
  'daftar-pengurus',
  'daftar-pengawas',
  'daftar-karyawan',
  'simpanan-anggota',
  'keputusan-rapat-anggota',
  'keputusan-pengurus',
  'notulen-rapat',
  'kas',
  'inventaris'
] as const;
export type BookKey = (typeof BOOK_KEYS)[number];
/** Books a koperasi usually keeps that have no data here: listed as not generated, never faked. */
export const BOOKS_NOT_GENERATED = ['tamu', 'saran-anjuran', 'agenda-surat'] as const;

export function isBookKey(key: string): key is BookKey {
  return (BOOK_KEYS as readonly string[]).includes(key);
}

/** Books whose size grows with the year's activity; the page shows them 50 rows at a time. */
export const BOOK_PAGE_SIZE = 50;

export type BookColumn = { key: string; label: string; kind: 'text' | 'money' | 'date' | 'number' };
export type BookCell = string | number | null;
export type Book = {
  key: BookKey;
  title: string;
  /** What the book is generated from, and its limits (shown under the title). */
  note: string;
  /** The fiscal year for books kept per year (kas, simpanan), else null. */
  year: number | null;
  columns: BookColumn[];
  rows: Record<string, BookCell>[];
  /** Totals row for money columns (null when the book has none). */
  totals: Record<string, BookCell> | null;
};

export type MeetingKindGroup = 'members' | 'board' | 'supervisors';
/** Members' meetings (rapat anggota) decide for the koperasi; board meetings decide for the pengurus. */
export function meetingGroup(kind: string): MeetingKindGroup {
  if (kind === 'board') return 'board';
  if (kind === 'supervisors') return 'supervisors';
  return 'members';
}
