import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import type { MemberStatus } from '../members/model.js';
import { findMember } from '../members/store.js';
import { capitalStanding, computeRefund, type Balances, type PokokStatus, type Refund, type WajibSchedule } from './model.js';
import { capitalRules } from './capital-rules.js';
import { toMovementView, type MovementView } from './view.js';
import { findBalances, memberMovements } from './store.js';

export type MemberCapital = {
  member: { id: string; memberNo: number | null; fullName: string; status: MemberStatus; joinedOn: string | null; leftOn: string | null };
  /** The business day (Asia/Jakarta) the figures are for. */
  asOf: string;
  balances: Balances;
  total: number;
  /** Null when the cooperative has no charter yet. */
  pokok: PokokStatus | null;
  wajib: WajibSchedule | null;
  inArrears: boolean;
  /** What a member who left gets back (null when nothing, or while still a member). */
  refundable: Refund | null;
  /** The statement: every movement, oldest first, with the balances after it. */
  movements: MovementView[];
};

/** One member's capital: balances per type, pokok still owed, wajib periods and arrears, and the statement. The board and pengawas read every member; a member reads their own. */
export async function getMemberCapital(ctx: TenantCtx, memberId: string): Promise<MemberCapital> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const today = jakartaDate(ctx.clock.now());
  const rules = await capitalRules(ctx);
  const data = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await findMember(trx, ctx.coopId, memberId);
    const own = member !== undefined && member.account_id !== null && member.account_id === ctx.actor.accountId;
    if (!own && !can(ctx, 'capital.read')) throw new AppError('FORBIDDEN');
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    return { member, balances: await findBalances(trx, ctx.coopId, memberId), movements: await memberMovements(trx, ctx.coopId, memberId) };
  });
  const m = data.member;
  const member = { id: m.id, memberNo: m.member_no, fullName: m.full_name, status: m.status, joinedOn: m.joined_on, leftOn: m.left_on };
  const standing = rules ? capitalStanding(member, data.balances, rules, today) : null;
  const left = m.status === 'resigned' || m.status === 'expelled';
  return {
    member,
    asOf: today,
    balances: data.balances,
    total: data.balances.pokok + data.balances.wajib + data.balances.sukarela,
    pokok: standing?.pokok ?? null,
    wajib: standing?.wajib ?? null,
    inArrears: standing?.inArrears ?? false,
    refundable: left ? computeRefund(data.balances) : null,
    movements: data.movements.map(toMovementView)
  };
}
