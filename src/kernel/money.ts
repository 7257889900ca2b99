import type { Locale } from './i18n.js';

/**
 * Rupiah for people, from whole-rupiah integers. Three printed forms are in use and each is
 * pinned by tests, so they live here once:
 * - `formatRupiah(locale, n)`: 'Rp1.500.000' (id) / 'Rp1,500,000' (en) — pages and messages;
 * - `formatIdr(n)`: Intl's id-ID currency form, 'Rp 1.500.000' with a no-break space —
 *   statements, exports, invoices;
 * - `formatRupiahId(n)`: 'Rp 1.250.000' with a plain space — receipts (kuitansi).
 */
export function formatRupiah(locale: Locale, amount: number): string {
  return `Rp${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID').format(amount)}`;
}

const IDR = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', minimumFractionDigits: 0, maximumFractionDigits: 0 });

export function formatIdr(amount: number): string {
  return IDR.format(amount);
}

export function formatRupiahId(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}Rp ${String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}
