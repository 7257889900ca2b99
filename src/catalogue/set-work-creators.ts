import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { catalogueConstraintError } from './errors.js';
import { ZSetCreatorsRequest, type CreatorView } from './model.js';
import { resolveCreators } from './resolve-creators.js';
import { creatorsOf, findWork, replaceCreators } from './store.js';

/** Set a work's member-creators and their agreed shares (basis points summing to 10,000). */
export async function setWorkCreators(ctx: TenantCtx, workId: string, input: unknown): Promise<CreatorView[]> {
  requirePermission(ctx, 'catalogue.write');
  if (!/^[0-9a-f-]{36}$/i.test(workId)) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  const data = parseInput(ZSetCreatorsRequest, input);
  const creators = await resolveCreators(ctx, data.creators);
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      const work = await findWork(trx, ctx.coopId, workId, { lock: true });
      if (!work) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
      const before = await creatorsOf(trx, ctx.coopId, workId);
      await replaceCreators(trx, ctx.coopId, workId, creators);
      const after = await creatorsOf(trx, ctx.coopId, workId);
      await recordAudit(trx, ctx, { action: 'work.creators', entity: 'work', entityId: workId, before, after });
      return after;
    });
  } catch (err) {
    throw catalogueConstraintError(err);
  }
}
