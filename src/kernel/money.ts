import type { Locale } from './i18n.js';

/**
 * Rupiah for people, from whole-rupiah integers: one printed form per language, everywhere —
 * pages, messages, PDFs, exports, receipts (issue 14 item 6):
 * 'Rp1.500.000' in Indonesian, 'Rp1,500,000' in English; a negative amount '-Rp5.000'.
 * `formatIdr` and `formatRupiahId` are the Indonesian form for documents that are always
 * Indonesian (statements, receipts, the ministry's books).
 */
export function formatRupiah(locale: Locale, amount: number | bigint): string {
  const negative = typeof amount === 'bigint' ? amount < 0n : amount < 0;
  const digits = String(amount).replace(/^-/, '');
  return `${negative ? '-' : ''}Rp${groupDigitsIn(locale, digits)}`;
}

/** A whole number with the language's thousands separator: 1250000 → '1.250.000' (id) / '1,250,000' (en). */
export function formatNumber(locale: Locale, n: number | bigint | string): string {
  const s = String(n);
  const negative = s.startsWith('-');
  return `${negative ? '-' : ''}${groupDigitsIn(locale, negative ? s.slice(1) : s)}`;
}

function groupDigitsIn(locale: Locale, digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'en' ? ',' : '.');
}

export function formatIdr(amount: number): string {
  return formatRupiah('id', amount);
}

export function formatRupiahId(amount: number): string {
  return formatRupiah('id', amount);
}
