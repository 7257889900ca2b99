import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZWorkLogRequest, type ProjectView } from './model.js';
import { checkRefs, loadProject, projectExists } from './store.js';

/** Record time a member worked on a project (whole minutes; pages accept hours like "1,5"). */
export async function logWork(ctx: TenantCtx, projectId: string, input: unknown): Promise<ProjectView> {
  requirePermission(ctx, 'production.write');
  const data = parseInput(ZWorkLogRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await projectExists(trx, ctx.coopId, projectId);
    await checkRefs(trx, ctx.coopId, { memberIds: [data.memberId], taskId: data.taskId, projectId });
    const row = await trx
      .insertInto('production_work_logs')
      .values({ coop_id: ctx.coopId, project_id: projectId, task_id: data.taskId ?? null, member_id: data.memberId, worked_on: data.workedOn, minutes: data.minutes, note: data.note ?? '', created_by: ctx.actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'production.worklog.add', entity: 'production_work_log', entityId: row.id, after: data });
    return loadProject(trx, ctx.coopId, projectId);
  });
}
