import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { isPeriodClosed, netShuForPeriod } from '../ledger/get-period-status.js';
import { fiscalYearOf } from '../ledger/model.js';
import { takeCounter } from '../members/store.js';
import { getRunIn, type ShuRunInputs, type ShuRunView } from './get-run.js';
import { computeShuDistribution, type ShuInput } from './model.js';
import { ZComputeRequest } from './requests.js';
import {
  accountBalance,
  capitalChangesForPeriod,
  coopFiscal,
  deleteDrafts,
  findSettings,
  insertRunMembers,
  knownAccountRefs,
  membersForPeriod,
  standingRunId,
  volumeTotalsForYear
} from './store.js';

/** Components whose money stays with the members or in cadangan; every other key is a fund (dana) with a ledger account. */
export const MEMBER_POOLS = new Set(['CADANGAN', 'JASA_MODAL', 'JASA_USAHA']);

/** The financial year that starts in `fiscalYear` (the coop's start month). */
export function fiscalPeriod(fiscalYear: number, startMonth: number): { start: string; end: string } {
  const p = fiscalYearOf(`${fiscalYear}-${String(startMonth).padStart(2, '0')}-01`, startMonth);
  return { start: p.from, end: p.to };
}

async function charterComponents(trx: Tx, coopId: string): Promise<{ version: number; components: ShuRunInputs['components'] } | null> {
  const row = await trx.selectFrom('charters').select(['version', 'rules']).where('coop_id', '=', coopId).orderBy('version', 'desc').executeTakeFirst();
  const comps = (row?.rules as { surplus?: { components?: { key: string; bp: number; label?: string }[] } } | undefined)?.surplus?.components;
  if (!row || !comps?.length) return null;
  return { version: row.version, components: comps.map((c, i) => ({ key: c.key, bp: c.bp, order: i + 1, ...(c.label ? { label: c.label } : {}) })) };
}

/**
 * The computation inside the caller's transaction (the bench calls it directly): read the
 * inputs from the ledger, members, capital movements, business volume, charter and settings;
 * run computeShuDistribution; store a DRAFT run with every member's result (replacing the
 * year's earlier drafts). Returns the new run's id.
 */
export async function computeRunIn(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor'>, fiscalYear: number, opts: { correctsRunId?: string } = {}): Promise<string> {
  const coopId = ctx.coopId;
  const coop = await coopFiscal(trx, coopId);
  const period = fiscalPeriod(fiscalYear, coop.fiscalYearStartMonth);
  const closed = await isPeriodClosed(trx, coopId, period.end);
  if (!closed) throw new AppError('SHU_PERIOD_NOT_CLOSED', { params: { end: period.end } });
  if (await standingRunId(trx, coopId, fiscalYear)) throw new AppError('SHU_ALREADY_STANDING', { params: { year: fiscalYear } });
  const charter = await charterComponents(trx, coopId);
  if (!charter) throw new AppError('SHU_NO_CHARTER');
  const funds = charter.components.filter((c) => !MEMBER_POOLS.has(c.key) && c.bp > 0).map((c) => c.key);
  const known = await knownAccountRefs(trx, coopId, funds);
  const missing = funds.filter((k) => !known.has(k));
  if (missing.length) throw new AppError('SHU_COMPONENT_NO_ACCOUNT', { params: { keys: missing.join(', ') } });

  const settings = await findSettings(trx, coopId);
  const netShu = await netShuForPeriod(trx, coopId, period.start, period.end);
  const cadanganBalance = await accountBalance(trx, coopId, 'CADANGAN', period.end);
  const members = await membersForPeriod(trx, coopId, period.start, period.end);
  // Totals over each member's days of membership already: undated, so they count in full.
  const volumes = await volumeTotalsForYear(trx, coopId, fiscalYear);
  const capitalChanges = await capitalChangesForPeriod(trx, coopId, period.start, period.end, settings.capitalAccounts);

  const input: ShuInput = {
    period,
    pool: netShu,
    ledger: { periodClosed: closed, netShu, cadanganBalance },
    components: charter.components.map((c) => ({ key: c.key, bp: c.bp, order: c.order })),
    capitalMethod: settings.capitalMethod,
    members,
    capitalChanges,
    volumes,
    usahaCategories: settings.usahaCategories,
    policy: { leaver: settings.leaver, minActiveDays: settings.minActiveDays, emptyPool: settings.emptyPool, payoutRoundTo: settings.payoutRoundTo, withholdingBp: settings.withholdingBp }
  };
  const result = computeShuDistribution(input);
  if (!result.ok) throw new AppError('SHU_INPUT_INVALID', { params: { codes: result.errors.map((e) => e.code).join(', ') }, details: result.errors });

  const volumeByCategory: Record<string, number> = {};
  for (const v of volumes) volumeByCategory[v.category] = (volumeByCategory[v.category] ?? 0) + v.amount;
  const inputs: ShuRunInputs = {
    period,
    netShu,
    cadanganBalance,
    components: charter.components,
    charterVersion: charter.version,
    settings: { ...settings },
    counts: { members: members.length, capitalChanges: capitalChanges.length, volumeRows: volumes.length },
    volumeByCategory
  };

  await deleteDrafts(trx, coopId, fiscalYear);
  const number = await takeCounter(trx, coopId, 'shu_run');
  const shares = result.status === 'DISTRIBUTED' ? result.members : [];
  // The journal's lines per member (Cr Utang SHU Anggota = each one's payable) are not stored
  // here: they are the member rows' payables, put back in their place when the run is read
  // (runView) — a run of 100,000 members would otherwise carry them twice.
  const firstMemberLine = result.status === 'DISTRIBUTED' ? result.journal.findIndex((l) => l.memberId) : -1;
  const stored =
    result.status === 'DISTRIBUTED'
      ? {
          components: result.components,
          toCadangan: result.toCadangan,
          cadangan: result.cadangan,
          journal: result.journal.filter((l) => !l.memberId),
          memberLinesAt: firstMemberLine === -1 ? result.journal.length : firstMemberLine
        }
      : { coverage: result.coverage, components: [], toCadangan: [], cadangan: 0, journal: [] };
  const run = await trx
    .insertInto('shu_runs')
    .values({
      coop_id: coopId,
      number,
      fiscal_year: fiscalYear,
      period_start: period.start,
      period_end: period.end,
      status: 'draft',
      outcome: result.status,
      pool: result.pool,
      total_capital_weight: result.status === 'DISTRIBUTED' ? result.totalWeights.capital : '0',
      total_volume_weight: result.status === 'DISTRIBUTED' ? result.totalWeights.volume : '0',
      inputs: JSON.stringify(inputs),
      result: JSON.stringify(stored),
      corrects_run_id: opts.correctsRunId ?? null,
      created_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertRunMembers(
    trx,
    coopId,
    run.id,
    shares.map((s) => ({
      member_id: s.memberId,
      capital_weight: s.capitalWeight,
      volume_weight: s.volumeWeight,
      jasa_modal: s.jasaModal,
      jasa_usaha: s.jasaUsaha,
      payable: s.payable,
      withholding: s.withholding,
      flags: s.flags
    }))
  );
  await recordAudit(trx, ctx, { action: 'shu.run.compute', entity: 'shu_run', entityId: run.id, after: { number, fiscalYear, outcome: result.status, pool: result.pool, members: shares.length } });
  return run.id;
}

/** Compute the SHU distribution of a closed fiscal year as a DRAFT run (shu.manage). */
export async function computeShuRun(ctx: TenantCtx, input: unknown): Promise<ShuRunView> {
  requirePermission(ctx, 'shu.manage');
  const { fiscalYear } = parseInput(ZComputeRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const id = await computeRunIn(trx, ctx, fiscalYear);
    return (await getRunIn(trx, ctx.coopId, id))!;
  });
}
