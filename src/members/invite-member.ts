import { z } from 'zod';
import { newSecret, sha256 } from '../accounts/tokens.js';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { kickOutbox } from '../governance/mailer.js';
import { enqueueMail } from '../governance/store.js';
import { publicUrl } from '../governance/support.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { insertInvitation } from './invitation-store.js';
import { coopIdentity, findMember } from './store.js';

export const INVITATION_DAYS = 14;

export const ZInviteRequest = z.object({ email: z.email().transform((v) => v.toLowerCase()).optional().or(z.literal('').transform(() => undefined)) });

export type InvitationSent = { id: string; memberId: string; email: string; expiresAt: string };

/**
 * Invite a member the board entered or imported to link a sign-in account (members.write).
 * The link goes to the given e-mail, else the member's own; a new invitation replaces the
 * member's earlier open ones. The token travels only in the mail (its SHA-256 is stored).
 */
export async function inviteMember(ctx: TenantCtx, memberId: string, input: unknown = {}): Promise<InvitationSent & { link: string }> {
  requirePermission(ctx, 'members.write');
  const data = parseInput(ZInviteRequest, input ?? {});
  const result = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await findMember(trx, ctx.coopId, memberId, { lock: true });
    if (!member) throw new AppError('NOT_FOUND');
    if (member.account_id) throw new AppError('MEMBER_ALREADY_LINKED');
    if (!['applicant', 'active', 'suspended'].includes(member.status)) throw new AppError('MEMBER_TRANSITION_INVALID', { params: { from: member.status, to: 'active' } });
    const email = data.email ?? member.email?.toLowerCase() ?? null;
    if (!email) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'email', code: 'email_required' }] });
    const token = newSecret('li');
    const expiresAt = new Date(ctx.clock.now().getTime() + INVITATION_DAYS * 86_400_000);
    const row = await insertInvitation(trx, ctx.coopId, { member_id: member.id, email, token_hash: sha256(token), expires_at: expiresAt, created_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId });
    const coop = (await coopIdentity(trx, ctx.coopId))!;
    const link = `${publicUrl()}/koperasi/${coop.slug}/undangan/${token}`;
    const until = expiresAt.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' });
    await enqueueMail(trx, [
      {
        coop_id: ctx.coopId,
        kind: 'member_invitation',
        dedupe_key: `invitation:${row.id}`,
        to_address: email,
        to_name: member.full_name,
        subject: t('id', 'invitations.mailSubject', { coop: coop.name }),
        text_body: t('id', 'invitations.mailBody', { name: member.full_name, coop: coop.name, until, link }),
        ics: null
      }
    ]);
    await recordAudit(trx, ctx, { action: 'member.invite', entity: 'member', entityId: member.id, after: { email, expiresAt: expiresAt.toISOString() } });
    return { id: row.id, memberId: member.id, email, expiresAt: expiresAt.toISOString(), link };
  });
  kickOutbox(ctx.db, ctx.coopId);
  return result;
}
