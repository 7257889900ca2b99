import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { MEMBER_PAYABLE_ACCOUNT } from './model.js';
import { findRun, listRunsOf, runMembers, standingRunId, type RunRow } from './store.js';
import type { ShuRunStatus } from './tables.js';

export type ShuMemberView = {
  memberId: string;
  memberNo: number | null;
  fullName: string;
  joinDate: string | null;
  exitDate: string | null;
  /** Rupiah-days (capital) and weighted volume (rupiah × weight bp), decimal strings of bigints. */
  capitalWeight: string;
  volumeWeight: string;
  jasaModal: number;
  jasaUsaha: number;
  total: number;
  payable: number;
  withholding: number;
  netPayout: number;
  flags: string[];
  payment: { method: 'cash' | 'bank' | 'sukarela'; amount: number; paidOn: string; entryId: string } | null;
};

export type ShuRunInputs = {
  period: { start: string; end: string };
  netShu: number;
  cadanganBalance: number;
  components: { key: string; bp: number; order: number; label?: string }[];
  charterVersion: number | null;
  settings: {
    capitalAccounts: string[];
    capitalMethod: string;
    leaver: string;
    minActiveDays: number;
    emptyPool: string;
    payoutRoundTo: number;
    withholdingBp: number;
    usahaCategories: { code: string; weightBp: number }[];
  };
  counts: { members: number; capitalChanges: number; volumeRows: number };
  volumeByCategory: Record<string, number>;
};

export type ShuRunView = {
  id: string;
  number: number;
  fiscalYear: number;
  periodStart: string;
  periodEnd: string;
  status: ShuRunStatus;
  outcome: 'DISTRIBUTED' | 'NO_DISTRIBUTION';
  pool: number;
  inputs: ShuRunInputs;
  components: { key: string; amount: number }[];
  toCadangan: { reason: string; amount: number }[];
  cadangan: number;
  coverage: { fromCadangan: number; carriedForward: number } | null;
  journal: { account: string; debit?: number; credit?: number; memberId?: string }[];
  totalCapitalWeight: string;
  totalVolumeWeight: string;
  correctsRunId: string | null;
  decision: { id: string; ref: string | null } | null;
  approvedAt: string | null;
  postedEntryId: string | null;
  postedAt: string | null;
  reversalEntryId: string | null;
  paidAt: string | null;
  createdAt: string;
  members: ShuMemberView[];
  totals: { jasaModal: number; jasaUsaha: number; total: number; payable: number; withholding: number; netPayout: number; paid: number; paidCount: number; unpaidCount: number };
};

type Result = {
  components?: { key: string; amount: number }[];
  toCadangan?: { reason: string; amount: number }[];
  cadangan?: number;
  coverage?: { fromCadangan: number; carriedForward: number };
  journal?: ShuRunView['journal'];
  /** Where the member lines go in `journal` (runs stored since decision 0097); older runs store them inside it. */
  memberLinesAt?: number;
};

/** The posting journal: the stored lines with each member's line (Cr Utang SHU Anggota, the payable) in its place. */
function journalOf(result: Result, members: readonly ShuMemberView[]): ShuRunView['journal'] {
  const stored = result.journal ?? [];
  if (result.memberLinesAt === undefined) return stored;
  const memberLines = members.filter((m) => m.payable > 0).map((m) => ({ account: MEMBER_PAYABLE_ACCOUNT, credit: m.payable, memberId: m.memberId }));
  return [...stored.slice(0, result.memberLinesAt), ...memberLines, ...stored.slice(result.memberLinesAt)];
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** The run and its member rows (all of them, or one member's). */
export async function runView(trx: Tx, run: RunRow, opts: { memberId?: string } = {}): Promise<ShuRunView> {
  const rows = await runMembers(trx, run.coop_id, run.id, opts.memberId);
  const result = run.result as Result;
  const members: ShuMemberView[] = rows.map((r) => ({
    memberId: r.member_id,
    memberNo: r.member_no,
    fullName: r.full_name,
    joinDate: r.join_day,
    exitDate: r.exit_day,
    capitalWeight: String(r.capital_weight),
    volumeWeight: String(r.volume_weight),
    jasaModal: Number(r.jasa_modal),
    jasaUsaha: Number(r.jasa_usaha),
    total: Number(r.total),
    payable: Number(r.payable),
    withholding: Number(r.withholding),
    netPayout: Number(r.net_payout),
    flags: r.flags,
    payment: r.paid_method ? { method: r.paid_method, amount: Number(r.paid_amount), paidOn: r.paid_day!, entryId: r.paid_entry_id! } : null
  }));
  const sum = (f: (m: ShuMemberView) => number) => members.reduce((s, m) => s + f(m), 0);
  return {
    id: run.id,
    number: run.number,
    fiscalYear: run.fiscal_year,
    periodStart: run.start_day,
    periodEnd: run.end_day,
    status: run.status,
    outcome: run.outcome,
    pool: Number(run.pool),
    inputs: run.inputs as ShuRunInputs,
    components: result.components ?? [],
    toCadangan: result.toCadangan ?? [],
    cadangan: result.cadangan ?? 0,
    coverage: result.coverage ?? null,
    journal: journalOf(result, members),
    totalCapitalWeight: String(run.total_capital_weight),
    totalVolumeWeight: String(run.total_volume_weight),
    correctsRunId: run.corrects_run_id,
    decision: run.decision_id ? { id: run.decision_id, ref: run.decision_ref } : null,
    approvedAt: iso(run.approved_at),
    postedEntryId: run.posted_entry_id,
    postedAt: iso(run.posted_at),
    reversalEntryId: run.reversal_entry_id,
    paidAt: iso(run.paid_at),
    createdAt: new Date(run.created_at).toISOString(),
    members,
    totals: {
      jasaModal: sum((m) => m.jasaModal),
      jasaUsaha: sum((m) => m.jasaUsaha),
      total: sum((m) => m.total),
      payable: sum((m) => m.payable),
      withholding: sum((m) => m.withholding),
      netPayout: sum((m) => m.netPayout),
      paid: sum((m) => (m.payment ? m.payable : 0)),
      paidCount: members.filter((m) => m.payment).length,
      unpaidCount: members.filter((m) => !m.payment && m.payable > 0).length
    }
  };
}

/** For other capabilities (the RAT report, C2): any run by id with members and payments, inside the caller's transaction. */
export async function getRunIn(trx: Tx, coopId: string, runId: string): Promise<ShuRunView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) return null;
  const run = await findRun(trx, coopId, runId);
  return run ? runView(trx, run) : null;
}

/** For other capabilities (the RAT report, C2): the fiscal year's standing run (approved, posted or paid), or null. */
export async function getLatestApprovedRun(trx: Tx, coopId: string, fiscalYear: number): Promise<ShuRunView | null> {
  const id = await standingRunId(trx, coopId, fiscalYear);
  return id ? getRunIn(trx, coopId, id) : null;
}

/** A run for the board and the supervisors (shu.read). */
export async function getRun(ctx: TenantCtx, runId: string): Promise<ShuRunView> {
  requirePermission(ctx, 'shu.read');
  const view = await withTenant(ctx.db, ctx.coopId, (trx) => getRunIn(trx, ctx.coopId, runId));
  if (!view) throw new AppError('SHU_RUN_NOT_FOUND');
  return view;
}

export type ShuRunSummary = { id: string; number: number; fiscalYear: number; status: ShuRunStatus; outcome: string; pool: number; createdAt: string; decisionRef: string | null };

/** Every run, newest first (shu.read). */
export async function listRuns(ctx: TenantCtx, fiscalYear?: number): Promise<ShuRunSummary[]> {
  requirePermission(ctx, 'shu.read');
  const rows = await withTenant(ctx.db, ctx.coopId, (trx) => listRunsOf(trx, ctx.coopId, fiscalYear));
  return rows.map((r) => ({ id: r.id, number: r.number, fiscalYear: r.fiscal_year, status: r.status, outcome: r.outcome, pool: Number(r.pool), createdAt: new Date(r.created_at).toISOString(), decisionRef: r.decision_ref }));
}
