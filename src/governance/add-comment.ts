import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { ZCommentRequest } from './model.js';
import { findDecision, insertComment } from './store.js';
import { requireActingMember } from './support.js';

/** A member adds to the discussion of a proposal (while it is discussed or voted on). */
export async function addComment(ctx: TenantCtx, decisionId: string, input: unknown): Promise<DecisionView> {
  requirePermission(ctx, 'coop.read');
  const data = parseInput(ZCommentRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await requireActingMember(trx, ctx);
    const d = await findDecision(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    if (d.status === 'closed' || d.status === 'withdrawn') throw new AppError('DECISION_STATE', { params: { status: d.status } });
    const row = await insertComment(trx, { coop_id: ctx.coopId, decision_id: decisionId, member_id: me.memberId, body: data.body, created_at: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'decision.comment', entity: 'decision', entityId: decisionId, after: { commentId: row.id, memberId: me.memberId } });
    return decisionView(trx, d, me);
  });
}
