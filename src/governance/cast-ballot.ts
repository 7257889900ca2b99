import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZBallotRequest, type BallotRequest } from './model.js';
import { recordBallot, type BallotReceipt } from './record-ballot.js';
import { findDecision, lockDecisionForBallot } from './store.js';
import { requireActingMember } from './support.js';

/**
 * A member casts their own ballot (online). The ballot is always the signed-in member's:
 * the request names no member, and no endpoint votes for someone else (item 6).
 * The decision's advisory lock is held shared, so a concurrent close waits for the ballot to commit.
 */
export async function castBallot(ctx: TenantCtx, decisionId: string, input: BallotRequest | Record<string, unknown>): Promise<BallotReceipt> {
  requirePermission(ctx, 'coop.read');
  const data = parseInput(ZBallotRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockDecisionForBallot(trx, decisionId);
    const d = await findDecision(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    const me = await requireActingMember(trx, ctx);
    return recordBallot(trx, ctx, d, me.memberId, data, { origin: 'online', enteredBy: null });
  });
}
