import { t as translate, type Locale } from '../../kernel/i18n.js';

/** A translator bound to the page's locale: `const t = tr(data.locale)`. */
export function tr(locale: Locale) {
  return (key: string, params?: Record<string, unknown>) => translate(locale, key, params);
}

export function formatDate(locale: Locale, value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00+07:00` : value) : value;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Jakarta' }).format(d);
}
