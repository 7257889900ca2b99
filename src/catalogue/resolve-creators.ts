import type { TenantCtx } from '../kernel/context.js';
import { AppError, isAppError, type FieldIssue } from '../kernel/errors.js';
import { getMember } from '../members/get-member.js';
import type { CreatorInput, CreatorView } from './model.js';

/**
 * Check each creator is an ACTIVE member of this cooperative (through the members
 * capability) and fill in the credit name from the member's name when none is given.
 */
export async function resolveCreators(ctx: TenantCtx, creators: readonly CreatorInput[]): Promise<CreatorView[]> {
  const issues: FieldIssue[] = [];
  const out: CreatorView[] = [];
  for (const [i, c] of creators.entries()) {
    try {
      const m = await getMember(ctx, c.memberId);
      if (m.status !== 'active') issues.push({ field: `creators.${i}.memberId`, code: 'creator_not_active', params: { name: m.fullName } });
      out.push({ memberId: c.memberId, creditName: c.creditName || m.fullName, shareBp: c.shareBp });
    } catch (err) {
      if (isAppError(err) && err.code === 'MEMBER_NOT_FOUND') issues.push({ field: `creators.${i}.memberId`, code: 'creator_not_member' });
      else throw err;
    }
  }
  if (issues.length) throw new AppError('CATALOGUE_CREATOR_NOT_ACTIVE', { fields: issues });
  return out;
}
