import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { catalogueConstraintError } from './errors.js';
import { FULL_SHARE_BP, workStatusAfter, type WorkAction, type WorkView } from './model.js';
import { creatorsOf, findWork, toWorkView, updateWork, variantsOf } from './store.js';

/** Shared by publishWork and archiveWork: one status change, checked and audited. */
export async function changeWorkStatus(ctx: TenantCtx, workId: string, action: WorkAction): Promise<WorkView> {
  requirePermission(ctx, 'catalogue.write');
  if (!/^[0-9a-f-]{36}$/i.test(workId)) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      const current = await findWork(trx, ctx.coopId, workId, { lock: true });
      if (!current) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
      const to = workStatusAfter(action, current.status);
      if (!to) throw new AppError('CATALOGUE_TRANSITION_INVALID', { params: { from: current.status, action } });
      const creators = await creatorsOf(trx, ctx.coopId, workId);
      if (to === 'published' && creators.reduce((s, c) => s + c.shareBp, 0) !== FULL_SHARE_BP) throw new AppError('CATALOGUE_NO_CREATORS');
      const row = await updateWork(trx, ctx.coopId, workId, { status: to, ...(to === 'published' ? { published_at: current.published_at ?? ctx.clock.now() } : {}) });
      await recordAudit(trx, ctx, { action: `work.${action}`, entity: 'work', entityId: workId, before: { status: current.status }, after: { status: to } });
      return toWorkView(row, creators, await variantsOf(trx, ctx.coopId, workId));
    });
  } catch (err) {
    throw catalogueConstraintError(err);
  }
}
