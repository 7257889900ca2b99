import type { MemberView } from './model.js';

/*
 * Personal data under UU 27/2022 (Pelindungan Data Pribadi), decision 0106: what a
 * list or export shows of a NIK and a birth date, and what an erased record keeps.
 */

/**
 * A NIK as lists and exports show it: the first four digits (province and regency of
 * registration) and the last four (the serial) stay, the kecamatan and the birth date
 * encoded in digits 5–12 are hidden: 3201********0001.
 */
export function maskNik(nik: string | null): string | null {
  if (!nik) return null;
  if (nik.length < 9) return '*'.repeat(nik.length);
  return `${nik.slice(0, 4)}${'*'.repeat(nik.length - 8)}${nik.slice(-4)}`;
}

/** A birth date as lists and exports show it: the year only (1990-**-**); age and youth are shown beside it. */
export function maskBirthDate(date: string | null): string | null {
  if (!date) return null;
  return `${date.slice(0, 4)}-**-**`;
}

/** True when a value is the masked form of the stored one (a form sent back unchanged). */
export function isMaskOf(value: unknown, stored: string | null, mask: (v: string | null) => string | null): boolean {
  return typeof value === 'string' && stored !== null && value.trim() === mask(stored);
}

/** A member record with NIK and birth date masked. */
export function maskMemberView(m: MemberView): MemberView {
  return { ...m, nik: maskNik(m.nik), birthDate: maskBirthDate(m.birthDate) };
}

/** Stored columns for an audit line: the audit log is read by more roles than the register, so NIK and birth date are masked there. */
export function maskColumns<T extends { nik?: string | null; birth_date?: string | null }>(columns: T): T {
  const out = { ...columns };
  if ('nik' in out) out.nik = maskNik(out.nik ?? null);
  if ('birth_date' in out) out.birth_date = maskBirthDate(out.birth_date ?? null);
  return out;
}

/** The name an erased record keeps: the member number the books need, no person's name. */
export function pseudonymOf(memberNo: number | null, memberId: string): string {
  return memberNo === null ? `Pemohon terhapus ${memberId.slice(0, 8)}` : `Mantan anggota ${String(memberNo).padStart(4, '0')}`;
}

/** Statuses from which a person's data may be erased: they have left, or were never admitted. */
export const ERASABLE_STATUSES = ['resigned', 'expelled', 'rejected'] as const;
