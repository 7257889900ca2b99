import type { TenantCtx } from '../kernel/context.js';
import { recordMovement, type MovementResult } from './movement.js';

/**
 * Record a simpanan wajib payment of an active (or suspended) member. It pays the oldest
 * unpaid periods first, then the current one, then up to 12 periods in advance; the receipt
 * names the periods paid. Posts Dr Kas/Bank, Cr Simpanan Wajib.
 */
export async function recordWajibPayment(ctx: TenantCtx, memberId: string, input: unknown): Promise<MovementResult> {
  return recordMovement(ctx, memberId, 'wajib', input);
}
