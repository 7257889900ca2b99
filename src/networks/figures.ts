import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { provinceOf, rollupDelta, SHAREABLE_FIGURES, sharedValues, ZRollupOptInRequest, ZSharingRequest, type CoopFigures, type ShareableFigure } from './model.js';
import { auditIn, findNetwork, requireCoopPermission, withNetworkRead } from './support.js';

/**
 * Each coop's figures, kept as one row of its own (coop_figures), recomputed from its own rows
 * only; the change is added to the region roll-ups (instance, province, regency) when the coop
 * opted in, and copied — only the chosen figures — to what it shares with each network.
 * Nothing here scans other coops' rows; the dashboards read the roll-up rows.
 */

const YOUTH_MIN = 16;
const YOUTH_MAX = 30;

async function compute(trx: Tx, coopId: string, year: number, today: string): Promise<CoopFigures> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const { rows: m } = await sql<{ members: number; women: number; youth: number }>`
    SELECT count(*)::int AS members,
           count(*) FILTER (WHERE gender = 'F')::int AS women,
           count(*) FILTER (WHERE birth_date IS NOT NULL AND birth_date > (${today}::date - make_interval(years => ${YOUTH_MAX + 1})) AND birth_date <= (${today}::date - make_interval(years => ${YOUTH_MIN})))::int AS youth
      FROM members WHERE coop_id = ${coopId} AND status = 'active'`.execute(trx);
  const { rows: l } = await sql<{ capital: number; income: number; expense: number; turnover: number }>`
    SELECT coalesce(sum(jl.credit - jl.debit) FILTER (WHERE a.system_key IN ('SIMPANAN_POKOK', 'SIMPANAN_WAJIB', 'SIMPANAN_SUKARELA')), 0)::bigint AS capital,
           coalesce(sum(jl.credit - jl.debit) FILTER (WHERE a.account_group = 'pendapatan' AND jl.entry_date BETWEEN ${from}::date AND ${to}::date), 0)::bigint AS income,
           coalesce(sum(jl.debit - jl.credit) FILTER (WHERE a.account_group = 'beban' AND jl.entry_date BETWEEN ${from}::date AND ${to}::date), 0)::bigint AS expense,
           coalesce(sum(jl.credit - jl.debit) FILTER (WHERE a.subgroup IN ('pendapatan_anggota', 'pendapatan_non_anggota') AND jl.entry_date BETWEEN ${from}::date AND ${to}::date), 0)::bigint AS turnover
      FROM journal_lines jl JOIN ledger_accounts a ON a.coop_id = jl.coop_id AND a.id = jl.account_id
     WHERE jl.coop_id = ${coopId}`.execute(trx);
  const { rows: t } = await sql<{ trade: number }>`
    SELECT coalesce(sum(total), 0)::bigint AS trade FROM network_trade_sides
     WHERE coop_id = ${coopId} AND side = 'seller' AND status IN ('ordered', 'paid') AND created_at >= ${from}::date AND created_at < (${to}::date + 1)`.execute(trx);
  const { rows: r } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM meetings WHERE coop_id = ${coopId} AND kind = 'rat' AND status = 'closed' AND starts_at >= ${from}::date AND starts_at < (${to}::date + 1)`.execute(trx);
  return {
    members: m[0]!.members,
    women: m[0]!.women,
    youth: m[0]!.youth,
    capital: Number(l[0]!.capital),
    turnover: Number(l[0]!.turnover),
    shu: Number(l[0]!.income) - Number(l[0]!.expense),
    trade: Number(t[0]!.trade),
    rat_on_time: r[0]!.n > 0 ? 1 : 0
  };
}

type FigRow = CoopFigures & { optIn: boolean; year: number; province: string | null; regency: string | null };

async function applyRollup(trx: Tx, year: number, province: string | null, regency: string | null, d: CoopFigures & { coops: number }): Promise<void> {
  const targets: [string, string][] = [['instance', '']];
  if (province) targets.push(['province', province]);
  if (regency) targets.push(['regency', regency]);
  for (const [level, code] of targets) {
    await sql`
      INSERT INTO region_rollups (level, region_code, year, coops, members, women, youth, capital, turnover, shu, trade, rat_on_time)
      VALUES (${level}, ${code}, ${year}, ${d.coops}, ${d.members}, ${d.women}, ${d.youth}, ${d.capital}, ${d.turnover}, ${d.shu}, ${d.trade}, ${d.rat_on_time})
      ON CONFLICT (level, region_code, year) DO UPDATE SET
        coops = region_rollups.coops + EXCLUDED.coops, members = region_rollups.members + EXCLUDED.members,
        women = region_rollups.women + EXCLUDED.women, youth = region_rollups.youth + EXCLUDED.youth,
        capital = region_rollups.capital + EXCLUDED.capital, turnover = region_rollups.turnover + EXCLUDED.turnover,
        shu = region_rollups.shu + EXCLUDED.shu, trade = region_rollups.trade + EXCLUDED.trade,
        rat_on_time = region_rollups.rat_on_time + EXCLUDED.rat_on_time, updated_at = now()`.execute(trx);
  }
}

/**
 * Recompute one coop's figures in its own transaction and apply the difference: to the roll-ups
 * (with the coop's region at the time: a coop that moved is taken out of the old region and
 * counted in the new one) and to what it shares with networks.
 */
export async function refreshCoopFigures(trx: Tx, coopId: string, now: Date, optIn?: boolean): Promise<FigRow> {
  const today = jakartaDate(now);
  const year = Number(today.slice(0, 4));
  const coop = await trx.selectFrom('coops').select(['regency_code', 'province_code']).where('id', '=', coopId).executeTakeFirstOrThrow();
  const prev = await trx.selectFrom('coop_figures').selectAll().where('coop_id', '=', coopId).forUpdate().executeTakeFirst();
  const figures = await compute(trx, coopId, year, today);
  const province = coop.province_code ?? provinceOf(coop.regency_code);
  const after: FigRow = { ...figures, optIn: optIn ?? prev?.rollup_opt_in ?? false, year, province, regency: coop.regency_code };
  const before: FigRow | null = prev
    ? { members: prev.members, women: prev.women, youth: prev.youth, capital: Number(prev.capital), turnover: Number(prev.turnover), shu: Number(prev.shu), trade: Number(prev.trade), rat_on_time: prev.rat_on_time ? 1 : 0, optIn: prev.rollup_opt_in, year: prev.year, province: prev.province_code, regency: prev.regency_code }
    : null;
  if (before && before.year !== year) {
    // A new year: last year's roll-up keeps its final figures; this year's starts from this coop's row.
    const inn = rollupDelta(null, after);
    if (inn) await applyRollup(trx, year, province, after.regency, inn);
  } else if (before && (before.province !== province || before.regency !== after.regency)) {
    // The coop moved: its contribution leaves the old region and joins the new one.
    const out = rollupDelta(before, { ...before, optIn: false });
    if (out) await applyRollup(trx, before.year, before.province, before.regency, out);
    const inn = rollupDelta(null, after);
    if (inn) await applyRollup(trx, year, province, after.regency, inn);
  } else {
    const d = rollupDelta(before, after);
    if (d) await applyRollup(trx, year, province, after.regency, d);
  }
  const values = {
    year, province_code: province, regency_code: after.regency, rollup_opt_in: after.optIn, members: figures.members, women: figures.women, youth: figures.youth,
    capital: figures.capital, turnover: figures.turnover, shu: figures.shu, trade: figures.trade, rat_on_time: figures.rat_on_time === 1, computed_at: now
  };
  await trx.insertInto('coop_figures').values({ coop_id: coopId, ...values }).onConflict((oc) => oc.column('coop_id').doUpdateSet(values)).execute();
  const shares = await trx.selectFrom('network_sharing').select(['network_id', 'figures']).where('coop_id', '=', coopId).execute();
  for (const s of shares) {
    await trx.updateTable('network_sharing').set({ shared_values: JSON.stringify(sharedValues(figures, s.figures as ShareableFigure[])) }).where('coop_id', '=', coopId).where('network_id', '=', s.network_id).execute();
  }
  return after;
}

/** Refresh several coops, each in its own tenant transaction (after a trade: both sides). */
export async function refreshFiguresIn(db: Database, coopIds: readonly string[], now: Date): Promise<void> {
  for (const id of coopIds) await withTenant(db, id, (trx) => refreshCoopFigures(trx, id, now));
}

/** The board opts the coop into (or out of) the public regional roll-ups. */
export async function setRollupOptIn(ctx: TenantCtx, input: unknown): Promise<{ optIn: boolean; figures: CoopFigures }> {
  requireCoopPermission(ctx, 'networks.manage');
  const data = parseInput(ZRollupOptInRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const f = await refreshCoopFigures(trx, ctx.coopId, ctx.clock.now(), data.optIn);
    await auditIn(trx, ctx, { action: 'network.rollup.opt_in', entity: 'coop_figures', entityId: ctx.coopId, after: { optIn: data.optIn } });
    return { optIn: f.optIn, figures: pick(f) };
  });
}

const pick = (f: FigRow): CoopFigures => Object.fromEntries(SHAREABLE_FIGURES.map((k) => [k, f[k]])) as CoopFigures;

/** The coop's own figures and its sharing choices. */
export async function getOwnFigures(ctx: TenantCtx): Promise<{ optIn: boolean; figures: CoopFigures; sharing: { networkId: string; figures: string[] }[] }> {
  requireCoopPermission(ctx, 'networks.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const f = await refreshCoopFigures(trx, ctx.coopId, ctx.clock.now());
    const sharing = await trx.selectFrom('network_sharing').select(['network_id', 'figures']).where('coop_id', '=', ctx.coopId).execute();
    return { optIn: f.optIn, figures: pick(f), sharing: sharing.map((s) => ({ networkId: s.network_id, figures: s.figures })) };
  });
}

/** The board chooses which figures the network may see (none by default); only those are copied. */
export async function setSharing(ctx: TenantCtx, networkId: string, input: unknown): Promise<{ networkId: string; figures: string[]; values: Partial<CoopFigures> }> {
  requireCoopPermission(ctx, 'networks.manage');
  const data = parseInput(ZSharingRequest, input);
  const network = await findNetwork(ctx.db, networkId);
  const member = await ctx.db.selectFrom('network_memberships').select('id').where('network_id', '=', network.id).where('member_coop_id', '=', ctx.coopId).where('status', 'in', ['active', 'pending']).executeTakeFirst();
  if (!member) throw new AppError('NETWORK_NOT_MEMBER');
  const figures = [...new Set(data.figures)];
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await trx
      .insertInto('network_sharing')
      .values({ coop_id: ctx.coopId, network_id: network.id, figures, updated_by: ctx.actor.accountId })
      .onConflict((oc) => oc.columns(['coop_id', 'network_id']).doUpdateSet({ figures, updated_by: ctx.actor.accountId, updated_at: ctx.clock.now() }))
      .execute();
    const f = await refreshCoopFigures(trx, ctx.coopId, ctx.clock.now());
    await auditIn(trx, ctx, { action: 'network.sharing', entity: 'network_sharing', entityId: network.id, after: { figures } });
    return { networkId: network.id, figures, values: sharedValues(pick(f), figures) };
  });
}

export type SharedFigures = { coopId: string; coopName: string; figures: Partial<CoopFigures> };

/**
 * What the network sees of its members: per coop, only the figures that coop chose, read in a
 * network-scoped transaction (row-level security shows the network these rows and nothing else
 * of any coop), for current members only.
 */
export async function networkSharedFigures(ctx: Ctx, networkId: string): Promise<{ perCoop: SharedFigures[]; totals: Partial<Record<ShareableFigure, { value: number; coops: number }>> }> {
  const network = await findNetwork(ctx.db, networkId);
  const rows = await withNetworkRead(ctx.db, network.id, async (trx) =>
    trx
      .selectFrom('network_sharing as s')
      .innerJoin('network_memberships as m', (j) => j.onRef('m.member_coop_id', '=', 's.coop_id').onRef('m.network_id', '=', 's.network_id'))
      .innerJoin('coops as c', 'c.id', 's.coop_id')
      .select(['s.coop_id', 'c.name', 's.shared_values'])
      .where('s.network_id', '=', network.id)
      .where('m.status', '=', 'active')
      .orderBy('c.name')
      .execute()
  );
  const totals: Partial<Record<ShareableFigure, { value: number; coops: number }>> = {};
  const perCoop = rows.map((r) => {
    const figures = r.shared_values as Partial<CoopFigures>;
    for (const k of SHAREABLE_FIGURES) {
      const v = figures[k];
      if (typeof v === 'number') totals[k] = { value: (totals[k]?.value ?? 0) + v, coops: (totals[k]?.coops ?? 0) + 1 };
    }
    return { coopId: r.coop_id, coopName: r.name, figures };
  });
  return { perCoop, totals };
}
