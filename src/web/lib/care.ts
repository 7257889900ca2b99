/** Page helpers of the board's care pages. */
import { formatRupiah } from '../../kernel/money.js';
import type { Locale } from '../../kernel/i18n.js';

/** A whole rupiah typed in a form ('1.500.000' allowed); the raw text when it is not one (the use case names the field). */
export function rupiahInput(v: unknown): number | string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const s = v.replace(/[.\s]/g, '');
  return /^-?\d{1,13}$/.test(s) ? Number(s) : v;
}

/**
 * Budget lines typed one per line as "description; amount" → the use case's lines. A line
 * without a separator or with a malformed amount keeps its text as the amount, so the use
 * case refuses it and nothing is saved.
 */
export function budgetLines(v: unknown): { description: string; amount: number | string }[] {
  if (typeof v !== 'string') return [];
  return v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.lastIndexOf(';');
      if (i < 0) return { description: l, amount: '' };
      const amount = rupiahInput(l.slice(i + 1).trim());
      return { description: l.slice(0, i).trim(), amount: amount ?? '' };
    });
}

/** An eligibility check's evidence params, ready for its message: rupiah grouped, yes/no in words. */
export function evidenceParams(locale: Locale, t: (k: string, p?: Record<string, unknown>) => string, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const k of ['received', 'asked', 'cap']) if (typeof params[k] === 'number') out[k] = formatRupiah(locale, params[k] as number);
  if (typeof params.isMember === 'boolean') out.member = t(params.isMember ? 'care.evidence.isMember' : 'care.evidence.notMember');
  if (typeof params.wellOff === 'boolean') out.wellOff = t(params.wellOff ? 'care.board.wellOff' : 'care.board.notWellOff');
  if (typeof params.ruleFrom === 'string') out.ruleFrom = t(`care.evidence.from.${params.ruleFrom}`);
  return out;
}
