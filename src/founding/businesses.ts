import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { regionByCode } from '../regions/model.js';
import { lockOpenGroup, requireCoordinator, type GroupCtx } from './access.js';
import { proposeIntegrationLinks, ZBusinessRequest, ZPotentialRequest, ZUnitRequest, type IntegrationLink } from './model.js';
import type { PotentialKind } from './tables.js';

export type BusinessView = { id: string; founderId: string; founderName: string; productLine: string; name: string; buys: string[]; sells: string[]; monthlyTurnover: number };
export type PotentialView = { id: string; regionCode: string; regionName: string | null; kind: PotentialKind; description: string };
export type UnitView = { id: string; name: string; description: string; founderIds: string[]; needs: string[] };
export type BusinessMap = { businesses: BusinessView[]; potentials: PotentialView[]; units: UnitView[]; links: IntegrationLink[] };

/** Step 4 as one read: the founders' businesses, the region's potentials, the proposed integration links and the draft units. */
export async function getBusinessMap(ctx: GroupCtx): Promise<BusinessMap> {
  const { businesses, potentials, units } = await withTenant(ctx.db, ctx.coopId, async (trx) => ({
    businesses: await trx
      .selectFrom('founding_businesses as b')
      .innerJoin('founding_founders as f', (j) => j.onRef('f.coop_id', '=', 'b.coop_id').onRef('f.id', '=', 'b.founder_id'))
      .select(['b.id', 'b.founder_id', 'f.full_name', 'b.product_line', 'b.name', 'b.buys', 'b.sells', 'b.monthly_turnover'])
      .where('b.coop_id', '=', ctx.coopId)
      .orderBy('f.full_name')
      .orderBy('b.name')
      .execute(),
    potentials: await trx.selectFrom('founding_potentials').selectAll().where('coop_id', '=', ctx.coopId).orderBy('kind').orderBy('description').execute(),
    units: await trx.selectFrom('founding_units').selectAll().where('coop_id', '=', ctx.coopId).orderBy('name').execute()
  }));
  const views: BusinessView[] = businesses.map((b) => ({ id: b.id, founderId: b.founder_id, founderName: b.full_name, productLine: b.product_line, name: b.name, buys: b.buys, sells: b.sells, monthlyTurnover: Number(b.monthly_turnover) }));
  return {
    businesses: views,
    potentials: await Promise.all(potentials.map(async (p) => ({ id: p.id, regionCode: p.region_code, regionName: (await regionByCode(p.region_code))?.name ?? null, kind: p.kind, description: p.description }))),
    units: units.map((u) => ({ id: u.id, name: u.name, description: u.description, founderIds: u.founder_ids, needs: u.needs })),
    links: proposeIntegrationLinks(views)
  };
}

/** A founder records their own current business. */
export async function addOwnBusiness(ctx: GroupCtx, input: unknown): Promise<{ id: string }> {
  const d = parseInput(ZBusinessRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockOpenGroup(trx, ctx.coopId);
    const row = await trx
      .insertInto('founding_businesses')
      .values({ coop_id: ctx.coopId, founder_id: ctx.founderId, product_line: d.productLine, name: d.name, buys: d.buys, sells: d.sells, monthly_turnover: d.monthlyTurnover })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'founding.business_add', entity: 'founding_business', entityId: row.id, after: d });
    return row;
  });
}

/** A founder removes their own business; a coordinator any. */
export async function removeBusiness(ctx: GroupCtx, id: string): Promise<void> {
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockOpenGroup(trx, ctx.coopId);
    const b = await trx.selectFrom('founding_businesses').select(['founder_id', 'name']).where('coop_id', '=', ctx.coopId).where('id', '=', id).executeTakeFirst();
    if (!b) throw new AppError('NOT_FOUND');
    if (b.founder_id !== ctx.founderId) requireCoordinator(ctx);
    await trx.deleteFrom('founding_businesses').where('coop_id', '=', ctx.coopId).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'founding.business_remove', entity: 'founding_business', entityId: id, before: b });
  });
}

export async function addPotential(ctx: GroupCtx, input: unknown): Promise<{ id: string }> {
  requireCoordinator(ctx);
  const d = parseInput(ZPotentialRequest, input);
  if (!(await regionByCode(d.regionCode))) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'founding_region_code' }] });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockOpenGroup(trx, ctx.coopId);
    const row = await trx.insertInto('founding_potentials').values({ coop_id: ctx.coopId, region_code: d.regionCode, kind: d.kind, description: d.description, created_by: ctx.actor.accountId }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'founding.potential_add', entity: 'founding_potential', entityId: row.id, after: d });
    return row;
  });
}

/** A coordinator drafts a business unit naming the founders and needs it serves (the founders must be the group's). */
export async function addUnit(ctx: GroupCtx, input: unknown): Promise<{ id: string }> {
  requireCoordinator(ctx);
  const d = parseInput(ZUnitRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockOpenGroup(trx, ctx.coopId);
    const known = new Set(
      d.founderIds.length ? (await trx.selectFrom('founding_founders').select('id').where('coop_id', '=', ctx.coopId).where('id', 'in', d.founderIds).execute()).map((r) => r.id) : []
    );
    const unknown = d.founderIds.map((id, i) => ({ id, i })).filter((x) => !known.has(x.id));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', { fields: unknown.map((u) => ({ field: `founderIds.${u.i}`, code: 'founding_founder_unknown' })) });
    const row = await trx
      .insertInto('founding_units')
      .values({ coop_id: ctx.coopId, name: d.name, description: d.description, founder_ids: [...new Set(d.founderIds)], needs: d.needs })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'founding.unit_add', entity: 'founding_unit', entityId: row.id, after: d });
    return row;
  });
}
