import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZProjectRequest, type ProjectView } from './model.js';
import { checkRefs, loadProject, projectExists, setProjectWorks } from './store.js';

/** Replace a project's fields (and, when given, its linked works). */
export async function updateProject(ctx: TenantCtx, projectId: string, input: unknown): Promise<ProjectView> {
  requirePermission(ctx, 'production.write');
  const data = parseInput(ZProjectRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await projectExists(trx, ctx.coopId, projectId);
    await checkRefs(trx, ctx.coopId, { workIds: data.workIds });
    await trx
      .updateTable('production_projects')
      .set({ title: data.title, description: data.description ?? '', ...(data.status ? { status: data.status } : {}), starts_on: data.startsOn ?? null, ends_on: data.endsOn ?? null, updated_at: new Date() })
      .where('coop_id', '=', ctx.coopId)
      .where('id', '=', projectId)
      .execute();
    if (data.workIds) await setProjectWorks(trx, ctx.coopId, projectId, data.workIds);
    await recordAudit(trx, ctx, { action: 'production.project.update', entity: 'production_project', entityId: projectId, after: data });
    return loadProject(trx, ctx.coopId, projectId);
  });
}
