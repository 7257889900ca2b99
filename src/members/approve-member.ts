import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { lockMember, transitionMember, view } from './lifecycle.js';
import { approvalByFromRules, ZApproveRequest, type MemberView } from './model.js';
import { currentCharterRules } from '../charters/current-rules.js';
import { candidateEducationCompleted } from '../education/get-education-facts.js';

/**
 * Admit an applicant: the next member number (or the one they kept when rejoining), the
 * join date, the 'anggota' role for a linked account. The applicant's row lock makes two
 * simultaneous approvals give one success and one MEMBER_ALREADY_ACTIVE. Where the charter
 * says the members' meeting admits members, the meeting's decision must be named.
 */
export async function approveMember(ctx: TenantCtx, memberId: string, input: unknown = {}): Promise<MemberView> {
  requirePermission(ctx, 'members.approve');
  const data = parseInput(ZApproveRequest, input ?? {});
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await lockMember(trx, ctx, memberId);
    const rules = await currentCharterRules(trx, ctx.coopId);
    const approvalBy = approvalByFromRules(rules);
    // Charter rule of decision 0120: a candidate completes the candidates' education before approval.
    const education = (rules as { education?: { candidateEducationRequired?: boolean } } | null)?.education;
    if (education?.candidateEducationRequired && member.status === 'applicant' && !(await candidateEducationCompleted(trx, ctx.coopId, member.id))) {
      throw new AppError('EDU_CANDIDATE_NOT_EDUCATED');
    }
    if (approvalBy === 'meeting' && !data.meetingRef && member.status === 'applicant') {
      throw new AppError('MEMBER_APPROVAL_BY_MEETING', { fields: [{ field: 'meetingRef', code: 'meeting_ref_required' }] });
    }
    const reason = [data.meetingRef, data.reason].filter(Boolean).join(' — ') || null;
    return view(await transitionMember(trx, ctx, member, 'approve', reason), ctx);
  });
}
