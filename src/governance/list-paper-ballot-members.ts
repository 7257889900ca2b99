import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { attendanceList, findDecision, participationList } from './store.js';

export type PaperBallotMember = { memberId: string; memberNo: number | null; fullName: string };

/**
 * The members an officer may still enter a paper ballot for (issue 14): in the vote's frozen
 * electorate, checked in at its meeting in person and still there, and not yet voted — online
 * or on paper. Empty for a decision outside a meeting or not being voted on.
 */
export async function listPaperBallotMembers(ctx: TenantCtx, decisionId: string): Promise<PaperBallotMember[]> {
  requirePermission(ctx, 'decisions.manage');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const d = await findDecision(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    if (!d.meeting_id || d.status !== 'voting') return [];
    const [attendance, voters] = await Promise.all([attendanceList(trx, ctx.coopId, d.meeting_id), participationList(trx, ctx.coopId, d.id)]);
    const mayStillVote = new Set(voters.filter((v) => v.origin === null).map((v) => v.member_id));
    return attendance
      .filter((a) => a.checked_in_at && !a.left_at && a.participation === 'in_person' && mayStillVote.has(a.member_id))
      .map((a) => ({ memberId: a.member_id, memberNo: a.member_no, fullName: a.full_name }));
  });
}
