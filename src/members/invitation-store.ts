import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';

export type InvitationRow = {
  id: string;
  member_id: string;
  email: string;
  expires_at: Date;
  created_at: Date;
  accepted_at: Date | null;
  accepted_account_id: string | null;
  superseded_at: Date | null;
};

const COLUMNS = ['id', 'member_id', 'email', 'expires_at', 'created_at', 'accepted_at', 'accepted_account_id', 'superseded_at'] as const;

export async function insertInvitation(trx: Tx, coopId: string, row: { member_id: string; email: string; token_hash: string; expires_at: Date; created_by: string | null }): Promise<InvitationRow> {
  // A newer invitation replaces the member's open ones: only the latest link works.
  await trx
    .updateTable('member_invitations')
    .set({ superseded_at: sql`now()` as never })
    .where('coop_id', '=', coopId)
    .where('member_id', '=', row.member_id)
    .where('accepted_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute();
  return (await trx
    .insertInto('member_invitations')
    .values({ coop_id: coopId, ...row })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()) as InvitationRow;
}

export async function findInvitationByToken(trx: Tx, coopId: string, tokenHash: string, opts: { lock?: boolean } = {}): Promise<InvitationRow | undefined> {
  let q = trx.selectFrom('member_invitations').select(COLUMNS).where('coop_id', '=', coopId).where('token_hash', '=', tokenHash);
  if (opts.lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as InvitationRow | undefined;
}

export async function latestInvitation(trx: Tx, coopId: string, memberId: string): Promise<InvitationRow | undefined> {
  return (await trx
    .selectFrom('member_invitations')
    .select(COLUMNS)
    .where('coop_id', '=', coopId)
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()) as InvitationRow | undefined;
}

export async function markInvitationAccepted(trx: Tx, coopId: string, id: string, accountId: string): Promise<void> {
  await trx.updateTable('member_invitations').set({ accepted_at: sql`now()` as never, accepted_account_id: accountId }).where('coop_id', '=', coopId).where('id', '=', id).execute();
}
