import type { TenantCtx } from '../kernel/context.js';
import { recordMovement, type MovementResult } from './movement.js';

/**
 * Record a simpanan pokok payment (the whole amount or an instalment) of a member or an
 * applicant: never more than what remains of the charter's amount. Posts Dr Kas/Bank, Cr Simpanan Pokok.
 */
export async function recordPokokPayment(ctx: TenantCtx, memberId: string, input: unknown): Promise<MovementResult> {
  return recordMovement(ctx, memberId, 'pokok', input);
}
