import type { TenantCtx } from '../kernel/context.js';
import { recordMovement, type MovementResult } from './movement.js';

/**
 * Pay out part of a member's simpanan sukarela. The member's balance row is locked for the
 * whole transaction, so withdrawals at the same moment are checked one after another and the
 * balance never goes below zero (CAPITAL_INSUFFICIENT_BALANCE). Posts Dr Simpanan Sukarela, Cr Kas/Bank.
 */
export async function withdrawSukarela(ctx: TenantCtx, memberId: string, input: unknown): Promise<MovementResult> {
  return recordMovement(ctx, memberId, 'withdrawal', input);
}
