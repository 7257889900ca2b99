import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZProjectRequest, type ProjectView } from './model.js';
import { checkRefs, loadProject, setProjectWorks } from './store.js';

/** Start a collective production project, optionally linked to the works it produces. */
export async function createProject(ctx: TenantCtx, input: unknown): Promise<ProjectView> {
  requirePermission(ctx, 'production.write');
  const data = parseInput(ZProjectRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await checkRefs(trx, ctx.coopId, { workIds: data.workIds });
    const row = await trx
      .insertInto('production_projects')
      .values({ coop_id: ctx.coopId, title: data.title, description: data.description ?? '', status: data.status ?? 'active', starts_on: data.startsOn ?? null, ends_on: data.endsOn ?? null, created_by: ctx.actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setProjectWorks(trx, ctx.coopId, row.id, data.workIds ?? []);
    const view = await loadProject(trx, ctx.coopId, row.id);
    await recordAudit(trx, ctx, { action: 'production.project.create', entity: 'production_project', entityId: row.id, after: { title: view.title, works: data.workIds ?? [] } });
    return view;
  });
}
