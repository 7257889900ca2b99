import { inBatches } from '../db/batches.js';
import type { Tx } from '../db/tenant.js';

/**
 * Categories of member business (jasa usaha). The charter's usaha basis weights them; a coop
 * may add its own codes. Savings deposits are never business volume (surplus.md pitfalls).
 */
export const VOLUME_CATEGORIES = {
  /** A member-creator's share of a sale of their work through the coop (they supplied it). */
  WORK_SALES: 'WORK_SALES',
  /** What a member bought from the coop as a member. */
  MEMBER_PURCHASES: 'MEMBER_PURCHASES'
} as const;

export type BusinessVolume = {
  memberId: string;
  category: string;
  /** Whole rupiah; negative for a refund or a return. */
  amount: number;
  occurredOn: string; // 'YYYY-MM-DD'
};

/**
 * Record members' business with the coop, inside the caller's tenant transaction (the one
 * that confirms the payment or the refund). Idempotent per (source, sourceRef, member,
 * category): writing the same rows twice counts them once. Zero amounts are skipped.
 */
export async function recordBusinessVolume(trx: Tx, coopId: string, source: string, sourceRef: string, rows: readonly BusinessVolume[]): Promise<void> {
  const values = rows
    .filter((r) => r.amount !== 0)
    .map((r) => {
      if (!Number.isSafeInteger(r.amount)) throw new Error(`business volume must be whole rupiah, got ${r.amount}`);
      return { coop_id: coopId, member_id: r.memberId, category: r.category, amount: r.amount, occurred_on: r.occurredOn, source, source_ref: sourceRef };
    });
  await inBatches(values, (batch) =>
    trx.insertInto('member_business_volume').values(batch).onConflict((oc) => oc.columns(['coop_id', 'source', 'source_ref', 'member_id', 'category']).doNothing()).execute()
  );
}
