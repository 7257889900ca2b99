import { AppError } from '../../../kernel/errors.js';
import { parseRupiah } from '../../../charters/model.js';

/**
 * A capital form's fields as use-case input: the amount typed as people write it
 * ('50.000', 'Rp 50.000') becomes whole rupiah; anything else is a field error.
 */
export function movementInput(values: Record<string, unknown>, opts: { withAmount: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = { method: values.method, date: values.date, note: values.note, idempotencyKey: values.idempotencyKey };
  if (opts.withAmount) {
    const raw = typeof values.amount === 'string' ? values.amount : '';
    const amount = raw === '' ? undefined : parseRupiah(raw);
    if (amount === null) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'amount', code: 'amount_invalid' }] });
    out.amount = amount;
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
