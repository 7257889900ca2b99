import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/connection.js';
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
  inExportedSnapshot,
  mergeVolumeParts,
  spareConnections,
  standingRunId,
  volumePart,
  volumeTablePages,
  volumeTotalsForPeriod,
  type VolumeTotal
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

/** Parts the volume scan is split into, read at once (one per core of a small server). */
const VOLUME_PARTS = 2;
/** How long to wait for the pool to spare (or open) a connection for a part before reading sequentially; the computation reads members and capital meanwhile. */
const SPARE_WAIT_MS = 1000;
/** Whether a computation is reading in parallel now: one at a time, so they never wait on each other for connections. */
let parallelReading = false;

/**
 * The business volume of the period (volumeTotalsForPeriod) read in VOLUME_PARTS ranges of the
 * table's pages, each on a spare connection of the pool in a read-only transaction that imports
 * this transaction's snapshot: the same rows this transaction would see, summed by several
 * cores at once. Null when the pool cannot spare the connections at once or another
 * computation is reading in parallel: the caller then reads in its own transaction.
 */
async function volumesInParallel(trx: Tx, db: Database, coopId: string, period: { start: string; end: string }): Promise<VolumeTotal[] | null> {
  if (parallelReading) return null;
  parallelReading = true;
  try {
    const spare = await spareConnections(db, VOLUME_PARTS, SPARE_WAIT_MS);
    if (!spare) return null;
    try {
      const { rows } = await sql<{ snapshot: string }>`SELECT pg_export_snapshot() AS snapshot`.execute(trx);
      const snapshot = rows[0]!.snapshot;
      const pages = await volumeTablePages(trx);
      const step = Math.ceil(pages / VOLUME_PARTS);
      const parts = await Promise.all(
        spare.conns.map((conn, i) =>
          inExportedSnapshot(conn, coopId, snapshot, (helper) => volumePart(helper, coopId, period.start, period.end, { from: i * step, to: i === VOLUME_PARTS - 1 ? null : (i + 1) * step }))
        )
      );
      return mergeVolumeParts(parts);
    } finally {
      spare.release();
    }
  } finally {
    parallelReading = false;
  }
}

/**
 * The computation inside the caller's transaction (the bench calls it directly): read the
 * inputs from the ledger, members, capital movements, business volume, charter and settings;
 * run computeShuDistribution; store a DRAFT run with every member's result (replacing the
 * year's earlier drafts). Returns the new run's id.
 */
export async function computeRunIn(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor'> & { db?: Database }, fiscalYear: number, opts: { correctsRunId?: string } = {}): Promise<string> {
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
  // The business volume is the big read (millions of rows): in parts on other connections at
  // once, in this transaction's snapshot, while this one reads the members and their capital.
  const volumesRead = ctx.db ? volumesInParallel(trx, ctx.db, coopId, period) : null;
  // Awaited below; a failure of a read before it must not leave its rejection unhandled.
  volumesRead?.catch(() => undefined);
  const members = await membersForPeriod(trx, coopId, period.start, period.end);
  const capitalChanges = await capitalChangesForPeriod(trx, coopId, period.start, period.end, settings.capitalAccounts);
  const volumes = (await volumesRead) ?? (await volumeTotalsForPeriod(trx, coopId, period.start, period.end));

  const input: ShuInput = {
    period,
    pool: netShu,
    ledger: { periodClosed: closed, netShu, cadanganBalance },
    components: charter.components.map((c) => ({ key: c.key, bp: c.bp, order: c.order })),
    capitalMethod: settings.capitalMethod,
    members: members.map((m) => ({ id: m.id, memberNo: String(m.memberNo).padStart(10, '0'), joinDate: m.joinDate, exitDate: m.exitDate, eligible: true })),
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
  const totalW = shares.reduce((s, m) => s + BigInt(m.capitalWeight), 0n);
  const totalV = shares.reduce((s, m) => s + BigInt(m.volumeWeight), 0n);
  const stored =
    result.status === 'DISTRIBUTED'
      ? { components: result.components, toCadangan: result.toCadangan, cadangan: result.cadangan, journal: result.journal }
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
      total_capital_weight: totalW.toString(),
      total_volume_weight: totalV.toString(),
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
