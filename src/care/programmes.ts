import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZProgrammeRequest } from './model.js';
import { ensureFunds, findFund } from './store.js';

export type ProgrammeView = {
  id: string;
  title: string;
  purpose: string;
  story: string;
  villageCode: string | null;
  rt: number | null;
  rw: number | null;
  fundId: string;
  fundName: string;
  status: string;
  startsOn: string | null;
  endsOn: string | null;
  lines: { description: string; amount: number }[];
  budget: number;
  /** Rupiah paid out for the programme (disbursements net of reversals): live. */
  actual: number;
  /** Rupiah given to the programme (donations and grants marked for it). */
  received: number;
};

/** Programmes with budget vs actual, in two statements whatever their number. */
export async function programmeViews(trx: Tx, coopId: string, ids?: string[]): Promise<ProgrammeView[]> {
  let q = trx
    .selectFrom('care_programmes as p')
    .innerJoin('care_funds as f', (j) => j.onRef('f.coop_id', '=', 'p.coop_id').onRef('f.id', '=', 'p.fund_id'))
    .select(['p.id', 'p.title', 'p.purpose', 'p.story', 'p.village_code', 'p.rt', 'p.rw', 'p.fund_id', 'f.name as fund_name', 'p.status', 'p.starts_on', 'p.ends_on'])
    .select((eb) => [
      sql<{ description: string; amount: number }[]>`coalesce((SELECT json_agg(json_build_object('description', l.description, 'amount', l.amount) ORDER BY l.position) FROM care_budget_lines l WHERE l.coop_id = p.coop_id AND l.programme_id = p.id), '[]')`.as('lines'),
      sql<string>`coalesce((SELECT -sum(m.amount) FROM care_movements m WHERE m.coop_id = p.coop_id AND m.programme_id = p.id AND m.kind IN ('disbursement', 'reversal')), 0)`.as('actual'),
      sql<string>`coalesce((SELECT sum(m.amount) FROM care_movements m WHERE m.coop_id = p.coop_id AND m.programme_id = p.id AND m.kind IN ('donation', 'grant')), 0)`.as('received')
    ])
    .where('p.coop_id', '=', coopId);
  if (ids) q = q.where('p.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.orderBy('p.created_at', 'desc').execute();
  return rows.map((r) => {
    const lines = (r.lines as { description: string; amount: number | string }[]).map((l) => ({ description: l.description, amount: Number(l.amount) }));
    return {
      id: r.id,
      title: r.title,
      purpose: r.purpose,
      story: r.story,
      villageCode: r.village_code,
      rt: r.rt,
      rw: r.rw,
      fundId: r.fund_id,
      fundName: r.fund_name,
      status: r.status,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      lines,
      budget: lines.reduce((s, l) => s + l.amount, 0),
      actual: Number(r.actual),
      received: Number(r.received)
    };
  });
}

export async function listProgrammes(ctx: TenantCtx): Promise<ProgrammeView[]> {
  requirePermission(ctx, 'care.read');
  return withTenant(ctx.db, ctx.coopId, (trx) => programmeViews(trx, ctx.coopId));
}

/** Start a community programme: purpose, region, budget lines, the fund it draws on. */
export async function createProgramme(ctx: TenantCtx, input: unknown): Promise<ProgrammeView> {
  requirePermission(ctx, 'care.manage');
  const data = parseInput(ZProgrammeRequest, input);
  if (data.startsOn && data.endsOn && data.endsOn < data.startsOn) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'endsOn', code: 'ends_before_start' }] });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await ensureFunds(trx, ctx.coopId);
    if (!(await findFund(trx, ctx.coopId, data.fundId))) throw new AppError('CARE_FUND_NOT_FOUND', { fields: [{ field: 'fundId', code: 'care_fund_unknown' }] });
    const row = await trx
      .insertInto('care_programmes')
      .values({
        coop_id: ctx.coopId,
        title: data.title,
        purpose: data.purpose ?? '',
        story: data.story ?? '',
        village_code: data.villageCode ?? null,
        rt: data.rt ?? null,
        rw: data.rw ?? null,
        fund_id: data.fundId,
        status: data.status ?? 'active',
        starts_on: data.startsOn ?? null,
        ends_on: data.endsOn ?? null,
        created_by: ctx.actor.accountId,
        created_at: new Date()
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('care_budget_lines').values(data.lines.map((l, i) => ({ coop_id: ctx.coopId, programme_id: row.id, position: i + 1, description: l.description, amount: l.amount }))).execute();
    const [view] = await programmeViews(trx, ctx.coopId, [row.id]);
    await recordAudit(trx, ctx, { action: 'care.programme.create', entity: 'care_programme', entityId: row.id, after: { title: view!.title, budget: view!.budget, fund: view!.fundName } });
    return view!;
  });
}
