import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { workColumns } from './columns.js';
import { catalogueConstraintError } from './errors.js';
import { ZWorkRequest, type WorkView } from './model.js';
import { resolveCreators } from './resolve-creators.js';
import { creatorsOf, findWork, replaceCreators, syncVariants, toWorkView, updateWork as updateWorkRow, variantsOf } from './store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Replace a work's fields (the whole request, as on creation). The product line cannot
 * change, and the slug stays so published links keep working. Creators change only when given.
 */
export async function updateWork(ctx: TenantCtx, workId: string, input: unknown): Promise<WorkView> {
  requirePermission(ctx, 'catalogue.write');
  if (!UUID.test(workId)) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  const data = parseInput(ZWorkRequest, input);
  const creators = data.creators?.length ? await resolveCreators(ctx, data.creators) : null;
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      const current = await findWork(trx, ctx.coopId, workId, { lock: true });
      if (!current) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
      if (current.product_line !== data.productLine) throw new AppError('CATALOGUE_LINE_MISMATCH', { fields: [{ field: 'productLine', code: 'line_fixed' }] });
      const before = toWorkView(current, await creatorsOf(trx, ctx.coopId, workId), await variantsOf(trx, ctx.coopId, workId));
      const row = await updateWorkRow(trx, ctx.coopId, workId, workColumns(data, current.slug));
      if (data.productLine === 'busana') await syncVariants(trx, ctx.coopId, workId, data.variants);
      if (creators) await replaceCreators(trx, ctx.coopId, workId, creators);
      const after = toWorkView(row, await creatorsOf(trx, ctx.coopId, workId), await variantsOf(trx, ctx.coopId, workId));
      await recordAudit(trx, ctx, { action: 'work.update', entity: 'work', entityId: workId, before, after });
      return after;
    });
  } catch (err) {
    throw catalogueConstraintError(err);
  }
}
