import type { TenantCtx } from '../kernel/context.js';
import { recordMovement, type MovementResult } from './movement.js';

/**
 * Return the capital of a member who left (resigned or expelled): every balance — pokok,
 * wajib, sukarela — is paid back in full in one movement with one receipt and one ledger
 * entry (Dr each simpanan, Cr Kas/Bank). A second refund finds nothing to return.
 */
export async function refundCapital(ctx: TenantCtx, memberId: string, input: unknown): Promise<MovementResult> {
  return recordMovement(ctx, memberId, 'refund', input);
}
