import type { FieldIssue } from '../../../kernel/errors.js';

/** How many line rows the entry form shows (more with the "add lines" button, no JS needed). */
export const DEFAULT_ROWS = 4;
export const MAX_ROWS = 40;

/**
 * A rupiah amount as typed: digits, optionally with dots as thousands separators
 * ("1.500.000"), an optional "Rp". Anything else (cents, commas) is not whole rupiah.
 */
export function parseRupiah(raw: string | undefined): number | undefined | 'invalid' {
  const s = (raw ?? '').replace(/\s|^Rp\.?/gi, '');
  if (s === '') return undefined;
  if (/^\d+$/.test(s) || /^\d{1,3}(\.\d{3})+$/.test(s)) {
    const n = Number(s.replace(/\./g, ''));
    return Number.isSafeInteger(n) ? n : 'invalid';
  }
  return 'invalid';
}

export type EntryFormRow = { account: string; debit: string; credit: string; memberId: string; memo: string };

export function rowsFrom(values: Record<string, unknown>, count: number): EntryFormRow[] {
  return Array.from({ length: count }, (_, i) => ({
    account: String(values[`lines.${i}.account`] ?? ''),
    debit: String(values[`lines.${i}.debit`] ?? ''),
    credit: String(values[`lines.${i}.credit`] ?? ''),
    memberId: String(values[`lines.${i}.memberId`] ?? ''),
    memo: String(values[`lines.${i}.memo`] ?? '')
  }));
}

/**
 * The form's rows as a journal entry request: empty rows dropped; `rowOf[i]` is the form
 * row of request line i, so errors can be shown beside the row the person typed in.
 */
export function entryFromForm(values: Record<string, unknown>, count: number): { request: Record<string, unknown>; rowOf: number[]; issues: FieldIssue[] } {
  const rows = rowsFrom(values, count);
  const lines: Record<string, unknown>[] = [];
  const rowOf: number[] = [];
  const issues: FieldIssue[] = [];
  rows.forEach((r, i) => {
    if (!r.account && !r.debit && !r.credit) return;
    const debit = parseRupiah(r.debit);
    const credit = parseRupiah(r.credit);
    if (debit === 'invalid') issues.push({ field: `lines.${i}.debit`, code: 'amount_not_whole' });
    if (credit === 'invalid') issues.push({ field: `lines.${i}.credit`, code: 'amount_not_whole' });
    rowOf.push(i);
    lines.push({
      account: r.account,
      ...(typeof debit === 'number' ? { debit } : {}),
      ...(typeof credit === 'number' ? { credit } : {}),
      ...(r.memberId ? { memberId: r.memberId } : {}),
      ...(r.memo ? { memo: r.memo } : {})
    });
  });
  const request = {
    idempotencyKey: values.idempotencyKey,
    date: values.date,
    description: values.description,
    ...(values.sourceRef ? { sourceRef: values.sourceRef } : {}),
    lines
  };
  return { request, rowOf, issues };
}

/** Map `lines.N.x` issues of the request back to the form's rows. */
export function toFormFields(fields: FieldIssue[], rowOf: number[]): FieldIssue[] {
  return fields.map((f) => {
    const m = /^lines\.(\d+)\.(.+)$/.exec(f.field);
    return m ? { ...f, field: `lines.${rowOf[Number(m[1])] ?? m[1]}.${m[2]}` } : f;
  });
}
