import { AppError } from '../../../kernel/errors.js';
import { parseRupiah } from '../../../charters/model.js';

/**
 * An amount typed on a marketplace form ('150.000', 'Rp 150.000', '150000') as whole rupiah;
 * anything else (cents, letters) is a field error on `field`, nothing is sent on.
 */
export function rupiahInput(raw: unknown, field = 'amount'): number {
  const amount = typeof raw === 'string' && raw.trim() !== '' ? parseRupiah(raw) : null;
  if (amount === null || amount === undefined) throw new AppError('VALIDATION_FAILED', { fields: [{ field, code: 'amount_invalid' }] });
  return amount;
}
