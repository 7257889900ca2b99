import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { workColumns } from './columns.js';
import { catalogueConstraintError } from './errors.js';
import { freeSlug, slugify, ZWorkRequest, type WorkView } from './model.js';
import { resolveCreators } from './resolve-creators.js';
import { creatorsOf, insertWork, replaceCreators, slugsLike, syncVariants, toWorkView, variantsOf } from './store.js';

/** Add a work to the catalogue as a draft, with its line's attributes and (optionally) its creators. */
export async function createWork(ctx: TenantCtx, input: unknown): Promise<WorkView> {
  requirePermission(ctx, 'catalogue.write');
  const data = parseInput(ZWorkRequest, input);
  const creators = data.creators?.length ? await resolveCreators(ctx, data.creators) : [];
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      const wanted = slugify(data.title);
      const slug = freeSlug(wanted, await slugsLike(trx, ctx.coopId, wanted));
      const row = await insertWork(trx, ctx.coopId, { ...workColumns(data, slug), product_line: data.productLine, created_by: ctx.actor.accountId });
      if (data.productLine === 'busana') await syncVariants(trx, ctx.coopId, row.id, data.variants);
      await replaceCreators(trx, ctx.coopId, row.id, creators);
      const work = toWorkView(row, await creatorsOf(trx, ctx.coopId, row.id), await variantsOf(trx, ctx.coopId, row.id));
      await recordAudit(trx, ctx, { action: 'work.create', entity: 'work', entityId: row.id, after: work });
      return work;
    });
  } catch (err) {
    throw catalogueConstraintError(err);
  }
}
