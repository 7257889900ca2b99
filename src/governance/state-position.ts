import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { ZPositionRequest } from './model.js';
import { findDecision, upsertPosition } from './store.js';
import { requireActingMember } from './support.js';

/** Musyawarah: a member states (or changes) their position — agree, abstain, disagree, or block with a reason. */
export async function statePosition(ctx: TenantCtx, decisionId: string, input: unknown): Promise<DecisionView> {
  requirePermission(ctx, 'coop.read');
  const data = parseInput(ZPositionRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await requireActingMember(trx, ctx);
    const d = await findDecision(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    if (d.status !== 'discussion') throw new AppError('DECISION_STATE', { params: { status: d.status } });
    await upsertPosition(trx, { coop_id: ctx.coopId, decision_id: decisionId, member_id: me.memberId, stance: data.stance, reason: data.reason, updated_at: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'decision.position', entity: 'decision', entityId: decisionId, after: { memberId: me.memberId, stance: data.stance, reason: data.reason } });
    return decisionView(trx, d, me);
  });
}
