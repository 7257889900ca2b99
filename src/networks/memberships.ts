import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { z } from 'zod';
import { activeMemberIds, auditIn, findNetwork, iso, isActiveMember, requireCoopPermission, withNetworkWrite } from './support.js';
import { nextDecisionNumber } from './store.js';

export type MembershipView = {
  id: string;
  networkId: string;
  coopId: string;
  coopName: string;
  coopSlug: string;
  origin: string;
  status: string;
  coopConsentAt: string | null;
  networkConsentAt: string | null;
  networkDecisionId: string | null;
  joinedAt: string | null;
  leftAt: string | null;
  leftReason: string | null;
};

type MRow = {
  id: string;
  network_id: string;
  member_coop_id: string;
  origin: string;
  status: string;
  coop_consent_at: Date | null;
  network_consent_at: Date | null;
  network_decision_id: string | null;
  joined_at: Date | null;
  left_at: Date | null;
  left_reason: string | null;
  coop_name: string;
  coop_slug: string;
};

const view = (r: MRow): MembershipView => ({
  id: r.id,
  networkId: r.network_id,
  coopId: r.member_coop_id,
  coopName: r.coop_name,
  coopSlug: r.coop_slug,
  origin: r.origin,
  status: r.status,
  coopConsentAt: iso(r.coop_consent_at),
  networkConsentAt: iso(r.network_consent_at),
  networkDecisionId: r.network_decision_id,
  joinedAt: iso(r.joined_at),
  leftAt: iso(r.left_at),
  leftReason: r.left_reason
});

/** Every membership period of a network, current and past (history is kept: one row per period). */
export async function listMemberships(ctx: Ctx, networkId: string): Promise<MembershipView[]> {
  await findNetwork(ctx.db, networkId);
  const rows = await ctx.db
    .selectFrom('network_memberships as m')
    .innerJoin('coops as c', 'c.id', 'm.member_coop_id')
    .select(['m.id', 'm.network_id', 'm.member_coop_id', 'm.origin', 'm.status', 'm.coop_consent_at', 'm.network_consent_at', 'm.network_decision_id', 'm.joined_at', 'm.left_at', 'm.left_reason', 'c.name as coop_name', 'c.slug as coop_slug'])
    .where('m.network_id', '=', networkId)
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => view(r as MRow));
}

async function openMembership(trx: Tx, networkId: string, coopId: string) {
  return trx
    .selectFrom('network_memberships')
    .selectAll()
    .where('network_id', '=', networkId)
    .where('member_coop_id', '=', coopId)
    .where('status', 'in', ['pending', 'active'])
    .forUpdate()
    .executeTakeFirst();
}

/** The admission decision for a pending membership, put to the members (admission is strategic in every mode). */
async function openAdmission(trx: Tx, ctx: Ctx, network: { id: string; quorum_bp: number; threshold_bp: number }, coop: { id: string; name: string }, membershipId: string, origin: 'application' | 'invitation', proposedForCoop: string | null): Promise<string> {
  const number = await nextDecisionNumber(trx, network.id);
  const d = await trx
    .insertInto('network_decisions')
    .values({
      network_id: network.id,
      number,
      kind: 'admission',
      title: origin === 'application' ? `Penerimaan ${coop.name}` : `Undangan untuk ${coop.name}`,
      body: origin === 'application' ? `${coop.name} mengajukan diri menjadi anggota jaringan.` : `Jaringan mengundang ${coop.name} menjadi anggota.`,
      subject: JSON.stringify({ coopId: coop.id, membershipId }),
      proposed_by: ctx.actor?.accountId ?? null,
      proposed_for_coop: proposedForCoop,
      quorum_bp: network.quorum_bp,
      threshold_bp: network.threshold_bp
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return d.id;
}

/**
 * A coop applies to join: its board's consent is recorded now (ketua or sekretaris); the
 * network's consent is an admission decision of its members, opened for discussion at once.
 * The coop becomes a member only when that decision passes.
 */
export async function applyToNetwork(ctx: TenantCtx, networkId: string): Promise<{ membership: MembershipView; decisionId: string }> {
  requireCoopPermission(ctx, 'networks.manage');
  const network = await findNetwork(ctx.db, networkId);
  const out = await withNetworkWrite(ctx.db, { coopId: ctx.coopId }, async (trx) => {
    const existing = await openMembership(trx, network.id, ctx.coopId);
    if (existing) throw new AppError('NETWORK_ALREADY_MEMBER', { params: { status: existing.status } });
    const coop = await trx.selectFrom('coops').select(['id', 'name']).where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
    const m = await trx
      .insertInto('network_memberships')
      .values({ network_id: network.id, member_coop_id: ctx.coopId, origin: 'application', status: 'pending', coop_consent_at: ctx.clock.now(), coop_consent_by: ctx.actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const decisionId = await openAdmission(trx, ctx, network, coop, m.id, 'application', null);
    await auditIn(trx, ctx, { action: 'network.apply', entity: 'network_membership', entityId: m.id, after: { networkId: network.id, decisionId } });
    return { id: m.id, decisionId };
  });
  return { membership: (await listMemberships(ctx, network.id)).find((m) => m.id === out.id)!, decisionId: out.decisionId };
}

const ZInvite = z.object({ coopId: z.uuid(), invitedCoopSlug: z.string().trim().min(1).max(64) });

/**
 * A member coop's delegate proposes to invite another coop: the membership waits for both the
 * network's admission decision and the invited coop's own board, which may decline. Nobody is
 * ever added by the invitation alone.
 */
export async function inviteCoop(ctx: Ctx, networkId: string, input: unknown, asDelegate: (coopId: string) => Promise<void>): Promise<{ membership: MembershipView; decisionId: string }> {
  const data = parseInput(ZInvite, input);
  const network = await findNetwork(ctx.db, networkId);
  if (!(await isActiveMember(ctx.db, network.id, data.coopId))) throw new AppError('NETWORK_NOT_MEMBER');
  await asDelegate(data.coopId);
  const invited = await ctx.db.selectFrom('coops').select(['id', 'name']).where('slug', '=', data.invitedCoopSlug).executeTakeFirst();
  if (!invited) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'invitedCoopSlug', code: 'network_coop_unknown' }] });
  const out = await withNetworkWrite(ctx.db, { coopId: data.coopId }, async (trx) => {
    const existing = await openMembership(trx, network.id, invited.id);
    if (existing) throw new AppError('NETWORK_ALREADY_MEMBER', { params: { status: existing.status } });
    const m = await trx.insertInto('network_memberships').values({ network_id: network.id, member_coop_id: invited.id, origin: 'invitation', status: 'pending' }).returning('id').executeTakeFirstOrThrow();
    const decisionId = await openAdmission(trx, ctx, network, invited, m.id, 'invitation', data.coopId);
    await auditIn(trx, { coopId: data.coopId, actor: ctx.actor! }, { action: 'network.invite', entity: 'network_membership', entityId: m.id, after: { networkId: network.id, invitedCoopId: invited.id, decisionId } });
    return { id: m.id, decisionId };
  });
  return { membership: (await listMemberships(ctx, network.id)).find((m) => m.id === out.id)!, decisionId: out.decisionId };
}

/** Make a membership active once both consents are there (called after either arrives). */
export async function activateIfConsented(trx: Tx, membershipId: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('network_memberships')
    .set({ status: 'active', joined_at: now })
    .where('id', '=', membershipId)
    .where('status', '=', 'pending')
    .where('coop_consent_at', 'is not', null)
    .where('network_consent_at', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The invited coop's board answers an invitation: accept (its consent) or decline (nothing joins). */
export async function answerInvitation(ctx: TenantCtx, networkId: string, accept: boolean): Promise<MembershipView> {
  requireCoopPermission(ctx, 'networks.manage');
  const network = await findNetwork(ctx.db, networkId);
  const id = await withNetworkWrite(ctx.db, { coopId: ctx.coopId }, async (trx) => {
    const m = await openMembership(trx, network.id, ctx.coopId);
    if (!m || m.origin !== 'invitation' || m.status !== 'pending' || m.coop_consent_at) throw new AppError('NETWORK_MEMBERSHIP_NOT_FOUND');
    const now = ctx.clock.now();
    if (!accept) {
      await trx.updateTable('network_memberships').set({ status: 'declined' }).where('id', '=', m.id).execute();
    } else {
      await trx.updateTable('network_memberships').set({ coop_consent_at: now, coop_consent_by: ctx.actor.accountId }).where('id', '=', m.id).execute();
      await activateIfConsented(trx, m.id, now);
    }
    await auditIn(trx, ctx, { action: accept ? 'network.invitation.accept' : 'network.invitation.decline', entity: 'network_membership', entityId: m.id });
    return m.id;
  });
  return (await listMemberships(ctx, network.id)).find((m) => m.id === id)!;
}

const ZLeave = z.object({ reason: z.string().trim().max(1000).optional() });

/**
 * Leaving is free: the board says so and the coop is out; its history stays (the row keeps the
 * dates), its delegates are revoked. The last member cannot leave a network with others pending.
 */
export async function leaveNetwork(ctx: TenantCtx, networkId: string, input: unknown): Promise<MembershipView> {
  requireCoopPermission(ctx, 'networks.manage');
  const data = parseInput(ZLeave, input ?? {});
  const network = await findNetwork(ctx.db, networkId);
  const id = await withNetworkWrite(ctx.db, { coopId: ctx.coopId }, async (trx) => {
    await findNetwork(trx, network.id, { lock: true });
    const m = await openMembership(trx, network.id, ctx.coopId);
    if (!m) throw new AppError('NETWORK_NOT_MEMBER');
    const now = ctx.clock.now();
    if (m.status === 'pending') {
      await trx.updateTable('network_memberships').set({ status: 'declined' }).where('id', '=', m.id).execute();
    } else {
      const others = (await activeMemberIds(trx, network.id)).filter((c) => c !== ctx.coopId);
      if (others.length === 0) throw new AppError('NETWORK_LAST_MEMBER');
      if (network.lead_coop_id === ctx.coopId) {
        // The lead leaves: the network falls back to shared mode until the members choose again.
        await trx.updateTable('networks').set({ mode: 'shared', lead_coop_id: null }).where('id', '=', network.id).execute();
      }
      await trx.updateTable('network_memberships').set({ status: 'left', left_at: now, left_reason: data.reason ?? null }).where('id', '=', m.id).execute();
    }
    await trx.updateTable('network_delegates').set({ revoked_at: now }).where('coop_id', '=', ctx.coopId).where('network_id', '=', network.id).where('revoked_at', 'is', null).execute();
    await auditIn(trx, ctx, { action: 'network.leave', entity: 'network_membership', entityId: m.id, after: { reason: data.reason ?? null } });
    return m.id;
  });
  return (await listMemberships(ctx, network.id)).find((m) => m.id === id)!;
}

/** The networks a coop belongs to or is joining (its own view). */
export async function listCoopNetworks(ctx: TenantCtx): Promise<{ networkId: string; slug: string; name: string; mode: string; status: string; origin: string }[]> {
  requireCoopPermission(ctx, 'networks.read');
  const rows = await ctx.db
    .selectFrom('network_memberships as m')
    .innerJoin('networks as n', 'n.id', 'm.network_id')
    .select(['n.id', 'n.slug', 'n.name', 'n.mode', 'm.status', 'm.origin'])
    .where('m.member_coop_id', '=', ctx.coopId)
    .where(sql<boolean>`m.status IN ('pending', 'active')`)
    .orderBy('n.name')
    .execute();
  return rows.map((r) => ({ networkId: r.id, slug: r.slug, name: r.name, mode: r.mode, status: r.status, origin: r.origin }));
}

/* ------------------------------------------------------------------ delegates */

const ZDelegate = z.object({ accountId: z.uuid() });

/** The board authorises one of its coop's people (an account with a role in the coop) as a delegate to a network it belongs to. */
export async function nameDelegate(ctx: TenantCtx, networkId: string, input: unknown): Promise<{ accountId: string; authorisedAt: string }> {
  requireCoopPermission(ctx, 'networks.manage');
  const data = parseInput(ZDelegate, input);
  const network = await findNetwork(ctx.db, networkId);
  if (!(await isActiveMember(ctx.db, network.id, ctx.coopId))) throw new AppError('NETWORK_NOT_MEMBER');
  const inCoop = await ctx.db.selectFrom('coop_users').select('account_id').where('coop_id', '=', ctx.coopId).where('account_id', '=', data.accountId).executeTakeFirst();
  if (!inCoop) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'accountId', code: 'network_delegate_not_in_coop' }] });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await trx
      .insertInto('network_delegates')
      .values({ coop_id: ctx.coopId, network_id: network.id, account_id: data.accountId, authorised_by: ctx.actor.accountId })
      .onConflict((oc) => oc.columns(['coop_id', 'network_id', 'account_id']).doUpdateSet({ revoked_at: null, authorised_by: ctx.actor.accountId, authorised_at: ctx.clock.now() }))
      .returning(['account_id', 'authorised_at'])
      .executeTakeFirstOrThrow();
    await auditIn(trx, ctx, { action: 'network.delegate.name', entity: 'network_delegate', entityId: data.accountId, after: { networkId: network.id } });
    return { accountId: row.account_id, authorisedAt: iso(row.authorised_at)! };
  });
}

export async function revokeDelegate(ctx: TenantCtx, networkId: string, accountId: string): Promise<void> {
  requireCoopPermission(ctx, 'networks.manage');
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const r = await trx.updateTable('network_delegates').set({ revoked_at: ctx.clock.now() }).where('coop_id', '=', ctx.coopId).where('network_id', '=', networkId).where('account_id', '=', accountId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    await auditIn(trx, ctx, { action: 'network.delegate.revoke', entity: 'network_delegate', entityId: accountId, after: { networkId } });
  });
}

export async function listDelegates(ctx: TenantCtx, networkId: string): Promise<{ accountId: string; name: string; authorisedAt: string }[]> {
  requireCoopPermission(ctx, 'networks.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await trx
      .selectFrom('network_delegates as d')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select(['d.account_id', 'a.name', 'd.authorised_at'])
      .where('d.coop_id', '=', ctx.coopId)
      .where('d.network_id', '=', networkId)
      .where('d.revoked_at', 'is', null)
      .orderBy('a.name')
      .execute();
    return rows.map((r) => ({ accountId: r.account_id, name: r.name, authorisedAt: iso(r.authorised_at)! }));
  });
}

/** Every network with its active member count (public: the networks a coop may ask to join). */
export async function listNetworks(ctx: Ctx): Promise<{ id: string; slug: string; name: string; kind: string; mode: string; members: number }[]> {
  const rows = await ctx.db
    .selectFrom('networks as n')
    .leftJoin('network_memberships as m', (j) => j.onRef('m.network_id', '=', 'n.id').on('m.status', '=', 'active'))
    .select(['n.id', 'n.slug', 'n.name', 'n.kind', 'n.mode', sql<number>`count(m.id)::int`.as('members')])
    .groupBy(['n.id', 'n.slug', 'n.name', 'n.kind', 'n.mode'])
    .orderBy('n.name')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind, mode: r.mode, members: Number(r.members) }));
}
