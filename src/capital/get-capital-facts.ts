import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { computeRegisterRows } from './list-capital-register.js';

/** What the charter's capital rule is measured against: counts over active members only. */
export type CapitalFacts = {
  active: number;
  /** Active members whose simpanan pokok is paid in full. */
  pokokPaidInFull: number;
  /** Active members with wajib periods unpaid after their end. */
  wajibInArrears: number;
  /** Σ of those arrears, in rupiah. */
  wajibArrears: number;
};

/**
 * The capital figures for the charter's compliance view: aggregates only, so every role
 * that may read the compliance view (members included) may read them. Null without a charter.
 */
export async function getCapitalFacts(ctx: TenantCtx, opts: { memberOn?: string } = {}): Promise<CapitalFacts | null> {
  requirePermission(ctx, 'coop.read');
  // `memberOn` (a past day, with the clock at its end): the members of that day, their wajib due by then.
  const { hasCharter, rows } = await computeRegisterRows(ctx, { statuses: ['active'], ...opts });
  if (!hasCharter) return null;
  return {
    active: rows.length,
    pokokPaidInFull: rows.filter((r) => r.pokokOutstanding === 0).length,
    wajibInArrears: rows.filter((r) => r.wajibArrears > 0).length,
    wajibArrears: rows.reduce((s, r) => s + r.wajibArrears, 0)
  };
}
