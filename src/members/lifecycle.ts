import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { revokeTokensOfLeaver } from '../coops/revoke-api-token.js';
import { AppError } from '../kernel/errors.js';
import { statusAfter, targetOf, toMemberView, type MemberAction, type MemberRow, type MemberView } from './model.js';
import { findErasureRequest } from './privacy-store.js';
import { ensurePeriods, recordPeriod } from './periods.js';
import { findMember, grantRole, insertStatusHistory, MEMBER_NO_COUNTER, revokeRole, takeCounter, updateMember } from './store.js';

type Actor = Pick<TenantCtx, 'coopId' | 'actor' | 'clock'>;

/** Load a member for a change, holding its row lock until the transaction ends. */
export async function lockMember(trx: Tx, ctx: Pick<TenantCtx, 'coopId'>, memberId: string): Promise<MemberRow> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const row = await findMember(trx, ctx.coopId, memberId, { lock: true });
  if (!row) throw new AppError('MEMBER_NOT_FOUND');
  return row;
}

/**
 * Move a locked member through one step of the status machine: the row, its status
 * history line, the member's 'anggota' role and the audit line, in the caller's transaction.
 * Approving assigns the next member number from the cooperative's counter unless the
 * member already has one (a rejoining member keeps their number). Each step also opens,
 * admits or ends the member's membership period (periods.ts): rejoining starts a new period
 * and clears the current dates, so the gap between two periods is in neither.
 */
export async function transitionMember(trx: Tx, ctx: Actor, member: MemberRow, action: MemberAction, reason: string | null): Promise<MemberRow> {
  const to = statusAfter(action, member.status);
  if (!to) {
    if (action === 'approve' && member.status === 'active') throw new AppError('MEMBER_ALREADY_ACTIVE');
    throw new AppError('MEMBER_TRANSITION_INVALID', { params: { from: member.status, to: targetOf(action) } });
  }
  // An erased record is a pseudonym kept for the books, not a person who can come back (decision 0106).
  if (action === 'rejoin' && (await findErasureRequest(trx, ctx.coopId, member.id))?.status === 'done') throw new AppError('MEMBER_ERASED');
  const today = jakartaDate(ctx.clock.now());
  const set: Parameters<typeof updateMember>[3] = { status: to };
  if (action === 'approve') {
    set.member_no = member.member_no ?? (await takeCounter(trx, ctx.coopId, MEMBER_NO_COUNTER));
    set.joined_on = today;
    set.left_on = null;
  } else if (action === 'resign' || action === 'expel' || action === 'reject') {
    set.left_on = action === 'reject' ? null : today;
  } else if (action === 'rejoin') {
    set.joined_on = null;
    set.left_on = null;
  }
  // The periods so far are recorded before the row's dates change (the volume totals' recount
  // reads the ended periods when the row is updated).
  const periods = await ensurePeriods(trx, ctx.coopId, member);
  const after = await updateMember(trx, ctx.coopId, member.id, set);
  await recordPeriod(trx, ctx.coopId, ctx.clock.now(), periods, member, after, action);
  await insertStatusHistory(trx, ctx.coopId, [
    { member_id: member.id, from_status: member.status, to_status: to, reason, actor_account_id: ctx.actor.via === 'system' ? null : ctx.actor.accountId }
  ]);
  if (member.account_id) {
    if (to === 'active') await grantRole(trx, ctx.coopId, member.account_id, 'anggota');
    if (to === 'resigned' || to === 'expelled') {
      await revokeRole(trx, ctx.coopId, member.account_id, 'anggota');
      // A leaver's integrations stop for good, whatever board role the account may keep (decision 0102).
      await revokeTokensOfLeaver(trx, ctx, member.account_id, 'membership_ended');
    }
  }
  await recordAudit(trx, ctx, {
    action: `member.${action}`,
    entity: 'member',
    entityId: member.id,
    before: { status: member.status, memberNo: member.member_no },
    after: { status: after.status, memberNo: after.member_no, ...(reason ? { reason } : {}) }
  });
  return after;
}

export function view(row: MemberRow, ctx: Pick<TenantCtx, 'clock'>): MemberView {
  return toMemberView(row, jakartaDate(ctx.clock.now()));
}
