import { formatRupiah } from '../../../kernel/money.js';
import type { Locale } from '../../../kernel/i18n.js';

/** Whole rupiah for display ('Rp1.500.000' / 'Rp1,500,000'); empty for no value. */
export function rupiah(v: number | null | undefined, locale: Locale = 'id'): string {
  return v === null || v === undefined ? '' : formatRupiah(locale, v);
}
