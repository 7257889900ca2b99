import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { findDecision, findParticipation, isEligibleVoter, resultsOf } from './store.js';
import { iso, requireActingMember } from './support.js';

export type VoteReceipt = {
  decisionId: string;
  eligible: boolean;
  voted: boolean;
  receiptCode: string | null;
  votedAt: string | null;
  origin: 'online' | 'in_person' | null;
  /** After close: the member's ballot is among the ballots counted in the frozen result. */
  counted: boolean | null;
  ballotsCounted: number | null;
};

/**
 * "My ballot was counted" (item 17): the member's own participation and, after close,
 * confirmation that it is within the counted total. It says nothing about the choice.
 */
export async function getReceipt(ctx: TenantCtx, decisionId: string): Promise<VoteReceipt> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await requireActingMember(trx, ctx);
    const d = await findDecision(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    const [eligible, part, results] = await Promise.all([isEligibleVoter(trx, ctx.coopId, d.id, me.memberId), findParticipation(trx, ctx.coopId, d.id, me.memberId), resultsOf(trx, ctx.coopId, d.id)]);
    const result = d.status === 'closed' ? results.at(-1) : undefined;
    const counted = result ? (result.inputs as { ballots: number }).ballots : null;
    return {
      decisionId: d.id,
      eligible,
      voted: Boolean(part),
      receiptCode: part?.receipt_code ?? null,
      votedAt: iso(part?.voted_at),
      origin: part?.origin ?? null,
      counted: result ? Boolean(part) && part!.voted_at <= result.closed_at : null,
      ballotsCounted: counted
    };
  });
}
