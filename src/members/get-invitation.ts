import { sha256 } from '../accounts/tokens.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { findCoopBySlug } from './find-coop-by-slug.js';
import { findInvitationByToken, type InvitationRow } from './invitation-store.js';
import { findMember } from './store.js';

export type InvitationView = {
  coop: { id: string; slug: string; name: string };
  memberName: string;
  memberNo: number | null;
  email: string;
  expiresAt: string;
};

/** Why an invitation cannot be used now, if it cannot. */
export function invitationProblem(row: InvitationRow | undefined, now: Date): AppError | null {
  if (!row) return new AppError('INVITATION_INVALID');
  if (row.accepted_at) return new AppError('INVITATION_USED');
  if (row.superseded_at || row.expires_at.getTime() <= now.getTime()) return new AppError('INVITATION_EXPIRED');
  return null;
}

/** What the person who opened an invitation link is invited to (public: the token is the key). */
export async function getInvitation(ctx: Ctx, slug: string, token: string): Promise<InvitationView> {
  const coop = await findCoopBySlug(ctx, slug);
  if (!coop || !/^li_[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('INVITATION_INVALID');
  return withTenant(ctx.db, coop.id, async (trx) => {
    const row = await findInvitationByToken(trx, coop.id, sha256(token));
    const problem = invitationProblem(row, ctx.clock.now());
    if (problem) throw problem;
    const member = (await findMember(trx, coop.id, row!.member_id))!;
    return { coop, memberName: member.full_name, memberNo: member.member_no, email: row!.email, expiresAt: row!.expires_at.toISOString() };
  });
}
