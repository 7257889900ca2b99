import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZCostRequest, type ProjectView } from './model.js';
import { checkRefs, loadProject, projectExists } from './store.js';

/** Record a material cost of a project in whole rupiah (optionally paid out of a member's pocket). */
export async function addCost(ctx: TenantCtx, projectId: string, input: unknown): Promise<ProjectView> {
  requirePermission(ctx, 'production.write');
  const data = parseInput(ZCostRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await projectExists(trx, ctx.coopId, projectId);
    await checkRefs(trx, ctx.coopId, { memberIds: [data.paidByMemberId] });
    const row = await trx
      .insertInto('production_costs')
      .values({ coop_id: ctx.coopId, project_id: projectId, description: data.description, amount: data.amount, incurred_on: data.incurredOn, paid_by_member_id: data.paidByMemberId ?? null, created_by: ctx.actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'production.cost.add', entity: 'production_cost', entityId: row.id, after: data });
    return loadProject(trx, ctx.coopId, projectId);
  });
}
