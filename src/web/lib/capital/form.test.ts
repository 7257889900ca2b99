import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../kernel/errors.js';
import { movementInput } from './form.js';

describe('the capital form', () => {
  it('reads amounts as people type them', () => {
    expect(movementInput({ amount: '1.250.000', method: 'cash' }, { withAmount: true })).toEqual({ amount: 1_250_000, method: 'cash' });
    expect(movementInput({ amount: 'Rp 50.000', method: 'bank', idempotencyKey: 'k-12345678' }, { withAmount: true })).toEqual({ amount: 50_000, method: 'bank', idempotencyKey: 'k-12345678' });
  });
  it('calls a fraction or words an invalid amount', () => {
    for (const amount of ['10.000,50', 'lima ribu', '-5']) {
      try {
        movementInput({ amount, method: 'cash' }, { withAmount: true });
        expect.unreachable();
      } catch (e) {
        expect(isAppError(e) && e.fields[0]).toEqual({ field: 'amount', code: 'amount_invalid' });
      }
    }
  });
  it('leaves a missing amount for the use case to report as required', () => {
    expect(movementInput({ method: 'cash' }, { withAmount: true })).toEqual({ method: 'cash' });
  });
});
