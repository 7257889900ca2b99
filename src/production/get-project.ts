import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import type { ProjectView } from './model.js';
import { loadProject } from './store.js';

/** One project with its tasks, work logs, costs, works and totals per member and for the project. */
export async function getProject(ctx: TenantCtx, projectId: string): Promise<ProjectView> {
  requirePermission(ctx, 'production.read');
  return withTenant(ctx.db, ctx.coopId, (trx) => loadProject(trx, ctx.coopId, projectId));
}
