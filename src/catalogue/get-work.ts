import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import type { WorkView } from './model.js';
import { creatorsOf, findWork, toWorkView, variantsOf } from './store.js';

/** One work as the board sees it: all fields, creators with shares, variants. */
export async function getWork(ctx: TenantCtx, workId: string): Promise<WorkView> {
  requirePermission(ctx, 'catalogue.read');
  if (!/^[0-9a-f-]{36}$/i.test(workId)) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findWork(trx, ctx.coopId, workId);
    if (!row) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
    return toWorkView(row, await creatorsOf(trx, ctx.coopId, workId), await variantsOf(trx, ctx.coopId, workId));
  });
}
