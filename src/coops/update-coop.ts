import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { REGION_DATASET, validateRegionChain } from '../regions/model.js';
import { COLUMN_OF, diffFields, REGION_FIELDS, ZUpdateCoopRequest, type Coop, type CoopField, type UpdateCoopRequest } from './model.js';
import { findCoopById, findCoopBySlug, recountCoopVolumeTotals, toCoop, updateCoopRow, type CoopRow } from './store.js';

const AUDITED = Object.keys(COLUMN_OF) as CoopField[];

/** Change a cooperative's data. Only the fields given change; null clears an optional field. */
export async function updateCoop(ctx: TenantCtx, input: UpdateCoopRequest): Promise<Coop> {
  requirePermission(ctx, 'coop.write');
  const data = parseInput(ZUpdateCoopRequest, input);
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      const current = await findCoopById(trx, ctx.coopId, { forUpdate: true });
      if (!current) throw new AppError('NOT_FOUND');
      const before = toCoop(current);

      // The region chain is checked as it will be stored: the patch over what is there.
      const merged = { ...before, ...definedOnly(data) };
      const regionIssues = await validateRegionChain(merged);
      if (regionIssues.length) throw new AppError('REGION_INVALID', { fields: regionIssues });
      if (data.slug !== undefined && data.slug !== before.slug && (await findCoopBySlug(trx, data.slug))) throw slugTaken();

      const set: Partial<Record<string, unknown>> = {};
      for (const field of AUDITED) {
        const value = data[field];
        if (value !== undefined) set[COLUMN_OF[field]] = value;
      }
      if (REGION_FIELDS.some((f) => data[f] !== undefined)) set.region_dataset = merged.provinceCode ? REGION_DATASET : null;
      const diff = diffFields(before, { ...before, ...definedOnly(data) } as Coop, AUDITED);
      if (!diff) return before;
      const row = await updateCoopRow(trx, ctx.coopId, set as Partial<CoopRow>, ctx.clock.now());
      // The members' volume totals are grouped by fiscal year: a new start month regroups them
      // (decision 0110: the write path does it, coops being a reference table on Citus).
      if (row.fiscal_year_start_month !== current.fiscal_year_start_month) await recountCoopVolumeTotals(trx, ctx.coopId);
      const after = toCoop(row);
      await recordAudit(trx, ctx, { action: 'coop.update', entity: 'coop', entityId: ctx.coopId, before: diff.before, after: diff.after });
      return after;
    });
  } catch (err) {
    if ((err as { constraint?: string }).constraint === 'coops_slug_key') throw slugTaken();
    throw err;
  }
}

function definedOnly<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function slugTaken(): AppError {
  return new AppError('COOP_SLUG_TAKEN', { fields: [{ field: 'slug', code: 'slug_taken' }] });
}
