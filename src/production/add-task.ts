import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZTaskRequest, ZTaskUpdate, type ProjectView } from './model.js';
import { checkRefs, loadProject, projectExists } from './store.js';

export async function addTask(ctx: TenantCtx, projectId: string, input: unknown): Promise<ProjectView> {
  requirePermission(ctx, 'production.write');
  const data = parseInput(ZTaskRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await projectExists(trx, ctx.coopId, projectId);
    await checkRefs(trx, ctx.coopId, { memberIds: [data.assigneeMemberId] });
    const row = await trx
      .insertInto('production_tasks')
      .values({ coop_id: ctx.coopId, project_id: projectId, title: data.title, status: data.status ?? 'todo', assignee_member_id: data.assigneeMemberId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'production.task.add', entity: 'production_task', entityId: row.id, after: data });
    return loadProject(trx, ctx.coopId, projectId);
  });
}

export async function updateTask(ctx: TenantCtx, projectId: string, taskId: string, input: unknown): Promise<ProjectView> {
  requirePermission(ctx, 'production.write');
  const data = parseInput(ZTaskUpdate, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await projectExists(trx, ctx.coopId, projectId);
    await checkRefs(trx, ctx.coopId, { memberIds: [data.assigneeMemberId] });
    const set = { ...(data.status ? { status: data.status } : {}), ...(data.title ? { title: data.title } : {}), ...(data.assigneeMemberId !== undefined ? { assignee_member_id: data.assigneeMemberId } : {}) };
    if (Object.keys(set).length === 0) return loadProject(trx, ctx.coopId, projectId);
    const row = await trx.updateTable('production_tasks').set(set).where('coop_id', '=', ctx.coopId).where('project_id', '=', projectId).where('id', '=', taskId).returning('id').executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await recordAudit(trx, ctx, { action: 'production.task.update', entity: 'production_task', entityId: taskId, after: data });
    return loadProject(trx, ctx.coopId, projectId);
  });
}
