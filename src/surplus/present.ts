/** Display helpers of the SHU pages (pure). */

import { formatRupiah } from '../kernel/money.js';
import type { Locale } from '../kernel/i18n.js';

/** 'Rp1.500.000' (id) / 'Rp1,500,000' (en). */
export const rupiah = (v: number, locale: Locale = 'id'): string => formatRupiah(locale, v);

/** A bigint (decimal string) with thousands dots: '137060000' → '137.060.000'. */
export function groupDigits(v: string | number | bigint): string {
  const s = String(v);
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

/** The member number as the registers print it. */
export const memberNo = (n: number | null): string => (n === null ? '—' : String(n).padStart(4, '0'));

/** The fiscal year to work on by default: the last one that has ended by `today`. */
export function defaultFiscalYear(today: string, startMonth: number): number {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const currentStart = m >= startMonth ? y : y - 1;
  return currentStart - 1;
}
