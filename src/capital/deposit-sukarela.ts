import type { TenantCtx } from '../kernel/context.js';
import { recordMovement, type MovementResult } from './movement.js';

/** Record a simpanan sukarela deposit of an active (or suspended) member. Posts Dr Kas/Bank, Cr Simpanan Sukarela. */
export async function depositSukarela(ctx: TenantCtx, memberId: string, input: unknown): Promise<MovementResult> {
  return recordMovement(ctx, memberId, 'deposit', input);
}
