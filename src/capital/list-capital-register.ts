import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import type { MemberStatus } from '../members/model.js';
import { allMembers } from '../members/store.js';
import { capitalStanding, ZCapitalRegisterRequest, ZERO_BALANCES, type Balances } from './model.js';
import { capitalRules } from './capital-rules.js';
import { allBalances } from './store.js';

export type CapitalRegisterRow = {
  memberId: string;
  memberNo: number | null;
  fullName: string;
  status: MemberStatus;
  balances: Balances;
  total: number;
  pokokOutstanding: number;
  wajibArrears: number;
  wajibArrearsPeriods: number;
  inArrears: boolean;
};

export type CapitalRegister = {
  asOf: string;
  /** Whether the cooperative has a charter (without one, nothing is owed). */
  hasCharter: boolean;
  rows: CapitalRegisterRow[];
  totals: Balances & { total: number; pokokOutstanding: number; wajibArrears: number; inArrears: number };
};

const CURRENT: readonly MemberStatus[] = ['active', 'suspended'];
const LEFT: readonly MemberStatus[] = ['resigned', 'expelled'];

/** Every member's standing, computed the same way for the register and the compliance facts. */
export async function computeRegisterRows(ctx: TenantCtx, opts: { q?: string; statuses: readonly MemberStatus[]; memberOn?: string }): Promise<{ asOf: string; hasCharter: boolean; rows: CapitalRegisterRow[] }> {
  const today = jakartaDate(ctx.clock.now());
  const rules = await capitalRules(ctx);
  const { members, balances } = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const q = opts.q || undefined;
    const members = await allMembers(trx, ctx.coopId, { q, memberNo: q && /^\d{1,9}$/.test(q) ? Number(q) : null }, today);
    return { members, balances: await allBalances(trx, ctx.coopId) };
  });
  const rows = members
    // `memberOn`: whoever was a member on that day (joined by then, not left yet), whatever their status now.
    .filter((m) => (opts.memberOn ? m.status !== 'applicant' && m.status !== 'rejected' && m.joined_on !== null && String(m.joined_on) <= opts.memberOn && (m.left_on === null || String(m.left_on) > opts.memberOn) : opts.statuses.includes(m.status)))
    .map((m) => {
      const b = balances.get(m.id) ?? ZERO_BALANCES;
      const s = rules ? capitalStanding({ status: m.status, joinedOn: m.joined_on, leftOn: m.left_on }, b, rules, today) : null;
      const current = CURRENT.includes(m.status);
      return {
        memberId: m.id,
        memberNo: m.member_no,
        fullName: m.full_name,
        status: m.status,
        balances: b,
        total: b.pokok + b.wajib + b.sukarela,
        pokokOutstanding: current ? (s?.pokok.outstanding ?? 0) : 0,
        wajibArrears: current ? (s?.wajib?.arrears ?? 0) : 0,
        wajibArrearsPeriods: current ? (s?.wajib?.arrearsPeriods ?? 0) : 0,
        inArrears: s?.inArrears ?? false
      };
    });
  return { asOf: today, hasCharter: rules !== null, rows };
}

/**
 * The board's capital register: every member's balances per type, pokok still owed and
 * wajib arrears; filters: name or number, only those in arrears, current or former members.
 */
export async function listCapitalRegister(ctx: TenantCtx, input: unknown = {}): Promise<CapitalRegister> {
  requirePermission(ctx, 'capital.read');
  const p = parseInput(ZCapitalRegisterRequest, input ?? {});
  const status = p.status ?? 'current';
  const statuses: readonly MemberStatus[] = status === 'current' ? CURRENT : status === 'left' ? LEFT : [...CURRENT, ...LEFT, 'applicant'];
  const { asOf, hasCharter, rows: all } = await computeRegisterRows(ctx, { q: p.q, statuses });
  const rows = p.inArrears === 'true' ? all.filter((r) => r.inArrears) : p.inArrears === 'false' ? all.filter((r) => !r.inArrears) : all;
  const totals = { pokok: 0, wajib: 0, sukarela: 0, total: 0, pokokOutstanding: 0, wajibArrears: 0, inArrears: 0 };
  for (const r of rows) {
    totals.pokok += r.balances.pokok;
    totals.wajib += r.balances.wajib;
    totals.sukarela += r.balances.sukarela;
    totals.total += r.total;
    totals.pokokOutstanding += r.pokokOutstanding;
    totals.wajibArrears += r.wajibArrears;
    totals.inArrears += r.inArrears ? 1 : 0;
  }
  return { asOf, hasCharter, rows, totals };
}
