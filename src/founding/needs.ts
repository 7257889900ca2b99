import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { parseInput } from '../kernel/validation.js';
import { lockOpenGroup, type GroupCtx } from './access.js';
import { aggregateNeeds, ZSurveyRequest, type Need, type NeedsMap } from './model.js';

/** A founder's own survey answers (nobody answers for another: the answers are the founder's). */
export async function getOwnSurvey(ctx: GroupCtx): Promise<Need[]> {
  return withTenant(ctx.db, ctx.coopId, async (trx) =>
    (await trx.selectFrom('founding_needs').selectAll().where('coop_id', '=', ctx.coopId).where('founder_id', '=', ctx.founderId).orderBy('category').orderBy('item').execute()).map((r) => ({
      category: r.category,
      item: r.item,
      frequency: r.frequency,
      monthlySpend: Number(r.monthly_spend)
    }))
  );
}

/** Saves the signed-in founder's survey as a whole (replacing their earlier answers), audited. */
export async function saveOwnSurvey(ctx: GroupCtx, input: unknown): Promise<{ needs: number }> {
  const data = parseInput(ZSurveyRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockOpenGroup(trx, ctx.coopId);
    const before = await trx.deleteFrom('founding_needs').where('coop_id', '=', ctx.coopId).where('founder_id', '=', ctx.founderId).returning(['item']).execute();
    if (data.needs.length)
      await trx
        .insertInto('founding_needs')
        .values(data.needs.map((n) => ({ coop_id: ctx.coopId, founder_id: ctx.founderId, category: n.category, item: n.item, frequency: n.frequency, monthly_spend: n.monthlySpend })))
        .execute();
    await recordAudit(trx, ctx, { action: 'founding.survey', entity: 'founding_founder', entityId: ctx.founderId, before: { needs: before.length }, after: { needs: data.needs } });
    return { needs: data.needs.length };
  });
}

/** The aggregated needs map of the whole group (households and monthly spending per category and item). */
export async function getNeedsMap(ctx: GroupCtx): Promise<NeedsMap & { founders: number }> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await trx
      .selectFrom('founding_needs as n')
      .innerJoin('founding_founders as f', (j) => j.onRef('f.coop_id', '=', 'n.coop_id').onRef('f.id', '=', 'n.founder_id'))
      .select(['n.founder_id', 'f.household_code', 'n.category', 'n.item', 'n.frequency', 'n.monthly_spend'])
      .where('n.coop_id', '=', ctx.coopId)
      .execute();
    const founders = Number((await trx.selectFrom('founding_founders').select((e) => e.fn.countAll<string>().as('n')).where('coop_id', '=', ctx.coopId).executeTakeFirstOrThrow()).n);
    const map = aggregateNeeds(rows.map((r) => ({ founderId: r.founder_id, householdCode: r.household_code, category: r.category, item: r.item, frequency: r.frequency, monthlySpend: Number(r.monthly_spend) })));
    return { ...map, founders };
  });
}
