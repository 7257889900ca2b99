import { sha256 } from '../accounts/tokens.js';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { Actor, Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { findCoopBySlug } from './find-coop-by-slug.js';
import { invitationProblem } from './get-invitation.js';
import { findInvitationByToken, markInvitationAccepted } from './invitation-store.js';
import { findMember, findMemberByAccount, grantRole, updateMember } from './store.js';

/**
 * Link the signed-in account to the member an invitation names. One use: the invitation row
 * is locked, so two tabs pressing at once link once and the other hears INVITATION_USED.
 * An active (or suspended) member's account gets the 'anggota' role.
 */
export async function acceptInvitation(ctx: Ctx & { actor: Actor | null }, slug: string, token: string): Promise<{ coop: { id: string; slug: string; name: string }; memberId: string }> {
  const actor = ctx.actor;
  if (!actor || actor.via !== 'session') throw new AppError('UNAUTHENTICATED');
  const coop = await findCoopBySlug(ctx, slug);
  if (!coop || !/^li_[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('INVITATION_INVALID');
  return withTenant(ctx.db, coop.id, async (trx) => {
    const invitation = await findInvitationByToken(trx, coop.id, sha256(token), { lock: true });
    const problem = invitationProblem(invitation, ctx.clock.now());
    if (problem) throw problem;
    const member = (await findMember(trx, coop.id, invitation!.member_id, { lock: true }))!;
    if (member.account_id) throw new AppError('MEMBER_ALREADY_LINKED');
    const other = await findMemberByAccount(trx, coop.id, actor.accountId);
    if (other) throw new AppError('ACCOUNT_ALREADY_MEMBER');
    await updateMember(trx, coop.id, member.id, { account_id: actor.accountId });
    if (member.status === 'active' || member.status === 'suspended') await grantRole(trx, coop.id, actor.accountId, 'anggota');
    await markInvitationAccepted(trx, coop.id, invitation!.id, actor.accountId);
    await recordAudit(trx, { coopId: coop.id, actor }, { action: 'member.link_account', entity: 'member', entityId: member.id, after: { accountId: actor.accountId, invitationId: invitation!.id } });
    return { coop, memberId: member.id };
  });
}
