import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import type { ProjectSummary } from './model.js';

/** Every project with its totals (hours, material costs, tasks done), newest first. One query. */
export async function listProjects(ctx: TenantCtx): Promise<ProjectSummary[]> {
  requirePermission(ctx, 'production.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await trx
      .selectFrom('production_projects as p')
      .select([
        'p.id',
        'p.title',
        'p.status',
        'p.starts_on',
        'p.ends_on',
        sql<number>`(SELECT coalesce(sum(l.minutes), 0)::int FROM production_work_logs l WHERE l.coop_id = p.coop_id AND l.project_id = p.id)`.as('minutes'),
        sql<number>`(SELECT coalesce(sum(c.amount), 0) FROM production_costs c WHERE c.coop_id = p.coop_id AND c.project_id = p.id)`.as('cost'),
        sql<number>`(SELECT count(*)::int FROM production_tasks t WHERE t.coop_id = p.coop_id AND t.project_id = p.id AND t.status = 'done')`.as('done'),
        sql<number>`(SELECT count(*)::int FROM production_tasks t WHERE t.coop_id = p.coop_id AND t.project_id = p.id)`.as('tasks'),
        sql<number>`(SELECT count(*)::int FROM production_project_works w WHERE w.coop_id = p.coop_id AND w.project_id = p.id)`.as('works')
      ])
      .where('p.coop_id', '=', ctx.coopId)
      .orderBy('p.created_at', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, startsOn: r.starts_on, endsOn: r.ends_on, totalMinutes: r.minutes, totalCost: Number(r.cost), tasksDone: r.done, tasksTotal: r.tasks, works: r.works }));
  });
}
