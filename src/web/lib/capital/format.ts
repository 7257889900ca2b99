import { formatNumber, formatRupiah } from '../../../kernel/money.js';
import type { Locale } from '../../../kernel/i18n.js';
/** 1250000 → 'Rp1.250.000' (id) / 'Rp1,250,000' (en): the one rupiah form of each language. */
export const rupiah = (amount: number, locale: Locale = 'id'): string => formatRupiah(locale, amount);

/** A member number as printed: 0007. */
export function memberNo(no: number | null): string {
  return no === null ? '—' : String(no).padStart(4, '0');
}

/** 1250000 → '1.250.000' / '1,250,000' (for tables whose header says Rp). */
export function num(amount: number, locale: Locale = 'id'): string {
  return formatNumber(locale, amount);
}

/** A wajib period key as people read it: '2026-03' → 'Mar 2026', '2026-Q2' → 'TW2 2026' / 'Q2 2026', '2026' → '2026'. */
export function periodLabel(locale: 'id' | 'en', key: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  }
  const quarter = /^(\d{4})-Q(\d)$/.exec(key);
  if (quarter) return `${locale === 'en' ? 'Q' : 'TW'}${quarter[2]} ${quarter[1]}`;
  return key;
}

/** The periods a wajib payment paid: one label, or 'from – to'. */
export function periodRange(locale: 'id' | 'en', p: { from: string; to: string }): string {
  return p.from === p.to ? periodLabel(locale, p.from) : `${periodLabel(locale, p.from)} – ${periodLabel(locale, p.to)}`;
}
