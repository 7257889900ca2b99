/** Page helpers of the education pages. */

/** A date and a time typed in the coop's zone (WIB, +07:00) → an instant; '' when either is missing. */
export function wibInstant(date: unknown, time: unknown): string {
  if (typeof date !== 'string' || typeof time !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return '';
  return `${date}T${time}:00+07:00`;
}

/** '08:00' of an instant in WIB. */
export function wibTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Jakarta' }).format(new Date(iso));
}

/** Lines of a textarea → a list without blanks. */
export function lines(v: unknown): string[] {
  return typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : [];
}

/** '75' or '75,5' percent → basis points; undefined when blank, NaN-free. */
export function percentBp(v: unknown): number | undefined | string {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(v.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0') : v;
}

/** A whole number typed in a form ('1.000.000' allowed); the raw text when it is not one (the use case reports it). */
export function wholeNumber(v: unknown): number | undefined | string {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const s = v.replace(/[.\s]/g, '');
  return /^-?\d{1,13}$/.test(s) ? Number(s) : v;
}
