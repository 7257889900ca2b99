import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { activateIfConsented } from './memberships.js';
import { countNetworkVote, decidedBy, mayPropose, networkConsensus, rawWeight, ZBallotRequest, ZOpenVoteRequest, ZPositionRequest, ZProposeRequest, type CoopBallot, type Proposer } from './model.js';
import { findDecision, nextDecisionNumber, type DecisionRow } from './store.js';
import { activeMemberIds, auditIn, findNetwork, iso, isActiveMember, isDelegate, isSteward, withNetworkWrite, type NetworkRow } from './support.js';

/**
 * Network decisions on the governance engine's rules (src/governance/model.ts: the consensus
 * rule of musyawarah, decideOutcome for quorum and majority). The voters are member coops; each
 * coop's ballot is cast by one of its delegates into the coop's own row (one per coop: the
 * primary key), so a coop never votes twice, and a delegate of one coop can never vote for another.
 */

export type DecisionView = {
  id: string;
  networkId: string;
  number: number;
  kind: string;
  title: string;
  body: string;
  subject: unknown;
  status: string;
  decidedBy: string;
  quorumBp: number;
  thresholdBp: number;
  electorate: string[] | null;
  outcome: string | null;
  result: unknown;
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  ballots: { coopId: string; choice: string; weight: number; castAt: string }[];
  positions: { coopId: string; stance: string; reason: string | null }[];
};

function requireActor(ctx: Ctx) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

/** The actor speaks for `coopId` only as its current delegate to this network; else 403, nothing written. */
export async function requireDelegate(db: Database, networkId: string, coopId: string, accountId: string): Promise<void> {
  if (!(await isDelegate(db, coopId, networkId, accountId))) throw new AppError('NETWORK_NOT_DELEGATE');
}

/** Who the actor is for a network action: the delegate of a member coop (named in the request) or a steward. */
async function proposerOf(ctx: Ctx, network: NetworkRow, coopId: string | undefined): Promise<Proposer> {
  const actor = requireActor(ctx);
  if (coopId) {
    if (!(await isActiveMember(ctx.db, network.id, coopId))) throw new AppError('NETWORK_NOT_MEMBER');
    await requireDelegate(ctx.db, network.id, coopId, actor.accountId);
    return { kind: 'delegate', coopId, isLead: network.lead_coop_id === coopId };
  }
  if (await isSteward(ctx.db, network.id, actor.accountId)) return { kind: 'steward' };
  throw new AppError('NETWORK_NOT_DELEGATE');
}

async function ballotsOf(trx: Tx, decisionId: string): Promise<CoopBallot[]> {
  const rows = await trx.selectFrom('network_ballots').select(['coop_id', 'choice', 'weight']).where('decision_id', '=', decisionId).orderBy('coop_id').execute();
  return rows.map((r) => ({ coopId: r.coop_id, choice: r.choice, weight: r.weight }));
}

export async function getDecision(ctx: Ctx, networkId: string, decisionId: string): Promise<DecisionView> {
  const network = await findNetwork(ctx.db, networkId);
  return withNetworkWrite(ctx.db, { networkId: network.id }, async (trx) => {
    const d = await findDecision(trx, decisionId);
    if (!d || d.network_id !== network.id) throw new AppError('NETWORK_DECISION_NOT_FOUND');
    return toView(trx, network, d);
  });
}

async function toView(trx: Tx, network: NetworkRow, d: DecisionRow): Promise<DecisionView> {
  const ballots = await trx.selectFrom('network_ballots').select(['coop_id', 'choice', 'weight', 'cast_at']).where('decision_id', '=', d.id).orderBy('cast_at').execute();
  const positions = await trx.selectFrom('network_positions').select(['coop_id', 'stance', 'reason']).where('decision_id', '=', d.id).orderBy('coop_id').execute();
  return {
    id: d.id,
    networkId: d.network_id,
    number: d.number,
    kind: d.kind,
    title: d.title,
    body: d.body,
    subject: d.subject,
    status: d.status,
    decidedBy: decidedBy(network.mode, d.kind),
    quorumBp: d.quorum_bp,
    thresholdBp: d.threshold_bp,
    electorate: d.electorate ? d.electorate.map((e) => e.coopId) : null,
    outcome: d.outcome,
    result: d.result,
    openedAt: iso(d.opened_at),
    closesAt: iso(d.closes_at),
    closedAt: iso(d.closed_at),
    ballots: ballots.map((b) => ({ coopId: b.coop_id, choice: b.choice, weight: b.weight, castAt: iso(b.cast_at)! })),
    positions: positions.map((p) => ({ coopId: p.coop_id, stance: p.stance, reason: p.reason }))
  };
}

export async function listDecisions(ctx: Ctx, networkId: string): Promise<Omit<DecisionView, 'ballots' | 'positions'>[]> {
  const network = await findNetwork(ctx.db, networkId);
  const rows = (await ctx.db.selectFrom('network_decisions').selectAll().where('network_id', '=', network.id).orderBy('number', 'desc').limit(200).execute()) as DecisionRow[];
  return rows.map((d) => ({
    id: d.id, networkId: d.network_id, number: d.number, kind: d.kind, title: d.title, body: d.body, subject: d.subject, status: d.status, decidedBy: decidedBy(network.mode, d.kind),
    quorumBp: d.quorum_bp, thresholdBp: d.threshold_bp, electorate: d.electorate ? d.electorate.map((e) => e.coopId) : null, outcome: d.outcome, result: d.result,
    openedAt: iso(d.opened_at), closesAt: iso(d.closes_at), closedAt: iso(d.closed_at)
  }));
}

/**
 * Propose a decision. The mode says who may (model.mayPropose). Strategic matters open for
 * musyawarah among the member coops; an operational matter in lead or NAO mode is taken by the
 * lead coop's delegate or the administrative team and stored closed, with that rule.
 */
export async function proposeDecision(ctx: Ctx, networkId: string, input: unknown): Promise<DecisionView> {
  const data = parseInput(ZProposeRequest, input);
  const network = await findNetwork(ctx.db, networkId);
  const who = await proposerOf(ctx, network, data.coopId);
  if (!mayPropose(network.mode, data.kind, who)) throw new AppError('NETWORK_MAY_NOT_PROPOSE', { params: { mode: network.mode } });
  for (const c of [data.leadCoopId].filter((x): x is string => Boolean(x))) {
    if (!(await isActiveMember(ctx.db, network.id, c))) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'leadCoopId', code: 'network_lead_not_member' }] });
  }
  const by = decidedBy(network.mode, data.kind);
  const now = ctx.clock.now();
  const subject = data.kind === 'mode_change' ? { mode: data.mode, leadCoopId: data.leadCoopId ?? null } : data.kind === 'lead_change' ? { leadCoopId: data.leadCoopId } : data.kind === 'budget' ? { amount: data.amount } : {};
  const id = await withNetworkWrite(ctx.db, { coopId: who.kind === 'delegate' ? who.coopId : null, networkId: network.id }, async (trx) => {
    const number = await nextDecisionNumber(trx, network.id);
    const taken = by !== 'members';
    const d = await trx
      .insertInto('network_decisions')
      .values({
        network_id: network.id,
        number,
        kind: data.kind,
        title: data.title,
        body: data.body ?? '',
        subject: JSON.stringify(subject),
        proposed_by: ctx.actor!.accountId,
        proposed_for_coop: who.kind === 'delegate' ? who.coopId : null,
        quorum_bp: network.quorum_bp,
        threshold_bp: network.threshold_bp,
        ...(taken
          ? { status: 'closed' as const, outcome: 'passed' as const, closed_at: now, result: JSON.stringify({ rule: { decidedBy: by, mode: network.mode }, inputs: { takenBy: ctx.actor!.accountId, coopId: who.kind === 'delegate' ? who.coopId : null } }) }
          : {})
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (who.kind === 'delegate') await auditIn(trx, { coopId: who.coopId, actor: ctx.actor! }, { action: 'network.decision.propose', entity: 'network_decision', entityId: d.id, after: { networkId: network.id, kind: data.kind, title: data.title } });
    return d.id;
  });
  return getDecision(ctx, network.id, id);
}

/** Musyawarah: a delegate states their coop's position (one current position per coop). */
export async function statePosition(ctx: Ctx, networkId: string, decisionId: string, input: unknown): Promise<DecisionView> {
  const actor = requireActor(ctx);
  const data = parseInput(ZPositionRequest, input);
  const network = await findNetwork(ctx.db, networkId);
  const d = await withNetworkWrite(ctx.db, {}, (trx) => findDecision(trx, decisionId));
  if (!d || d.network_id !== network.id) throw new AppError('NETWORK_DECISION_NOT_FOUND');
  if (d.status !== 'discussion') throw new AppError('NETWORK_DECISION_STATE', { params: { status: d.status } });
  if (!(await isActiveMember(ctx.db, network.id, data.coopId))) throw new AppError('NETWORK_NOT_MEMBER');
  await requireDelegate(ctx.db, network.id, data.coopId, actor.accountId);
  await withTenant(ctx.db, data.coopId, async (trx) => {
    await trx
      .insertInto('network_positions')
      .values({ coop_id: data.coopId, decision_id: d.id, network_id: network.id, stance: data.stance, reason: data.reason ?? null, stated_by: actor.accountId })
      .onConflict((oc) => oc.columns(['coop_id', 'decision_id']).doUpdateSet({ stance: data.stance, reason: data.reason ?? null, stated_by: actor.accountId, updated_at: ctx.clock.now() }))
      .execute();
    await auditIn(trx, { coopId: data.coopId, actor }, { action: 'network.decision.position', entity: 'network_decision', entityId: d.id, after: { stance: data.stance } });
  });
  return getDecision(ctx, network.id, d.id);
}

async function requireParticipant(ctx: Ctx, network: NetworkRow, coopId: string | undefined): Promise<string | null> {
  const actor = requireActor(ctx);
  if (coopId) {
    if (!(await isActiveMember(ctx.db, network.id, coopId))) throw new AppError('NETWORK_NOT_MEMBER');
    await requireDelegate(ctx.db, network.id, coopId, actor.accountId);
    return coopId;
  }
  if (await isSteward(ctx.db, network.id, actor.accountId)) return null;
  throw new AppError('NETWORK_NOT_DELEGATE');
}

/** Apply a passed decision's effect on the network, in the closing transaction. */
async function applyEffect(trx: Tx, network: NetworkRow, d: DecisionRow, passed: boolean, now: Date): Promise<unknown> {
  const s = d.subject as { coopId?: string; membershipId?: string; mode?: 'shared' | 'lead' | 'nao'; leadCoopId?: string | null };
  if (d.kind === 'admission' && s.membershipId) {
    if (!passed) {
      await trx.updateTable('network_memberships').set({ status: 'refused' }).where('id', '=', s.membershipId).where('status', '=', 'pending').execute();
      return { membership: 'refused' };
    }
    await trx.updateTable('network_memberships').set({ network_consent_at: now, network_decision_id: d.id }).where('id', '=', s.membershipId).where('status', '=', 'pending').execute();
    return { membership: (await activateIfConsented(trx, s.membershipId, now)) ? 'active' : 'awaiting_coop_consent' };
  }
  if (!passed) return null;
  if (d.kind === 'mode_change' && s.mode) {
    if (s.mode === 'lead' && !(s.leadCoopId && (await activeMemberIds(trx, network.id)).includes(s.leadCoopId))) return { mode: 'unchanged_lead_not_member' };
    await trx.updateTable('networks').set({ mode: s.mode, lead_coop_id: s.mode === 'lead' ? s.leadCoopId! : null }).where('id', '=', network.id).execute();
    return { mode: s.mode, leadCoopId: s.mode === 'lead' ? s.leadCoopId : null };
  }
  if (d.kind === 'lead_change' && s.leadCoopId) {
    if (!(await activeMemberIds(trx, network.id)).includes(s.leadCoopId)) return { lead: 'unchanged_not_member' };
    await trx.updateTable('networks').set({ mode: 'lead', lead_coop_id: s.leadCoopId }).where('id', '=', network.id).execute();
    return { leadCoopId: s.leadCoopId };
  }
  return null;
}

/** Mufakat reached among the coops that stated a position (at least a quorum of members): the decision closes as consensus. */
export async function declareConsensus(ctx: Ctx, networkId: string, decisionId: string, input: unknown): Promise<DecisionView> {
  const network = await findNetwork(ctx.db, networkId);
  const coopId = await requireParticipant(ctx, network, (input as { coopId?: string } | null)?.coopId);
  const now = ctx.clock.now();
  await withNetworkWrite(ctx.db, { coopId, networkId: network.id }, async (trx) => {
    const d = await findDecision(trx, decisionId, { lock: true });
    if (!d || d.network_id !== network.id) throw new AppError('NETWORK_DECISION_NOT_FOUND');
    if (d.status !== 'discussion') throw new AppError('NETWORK_DECISION_STATE', { params: { status: d.status } });
    const members = await activeMemberIds(trx, network.id);
    const positions = (await trx.selectFrom('network_positions').select(['coop_id', 'stance']).where('decision_id', '=', d.id).execute()).filter((p) => members.includes(p.coop_id));
    const c = networkConsensus(positions.map((p) => p.stance));
    const needed = Math.floor((d.quorum_bp * members.length + 9999) / 10_000);
    if (!c.reached || positions.length < needed) throw new AppError('NETWORK_NO_CONSENSUS', { params: { agree: c.counts.agree, disagree: c.counts.disagree, block: c.counts.block, needed } });
    const effect = await applyEffect(trx, network, d, true, now);
    const result = { rule: { basis: 'musyawarah', quorumBp: d.quorum_bp, members: members.length, needed }, inputs: { positions: c.counts }, tally: null, effect };
    await trx.updateTable('network_decisions').set({ status: 'closed', outcome: 'consensus', closed_at: now, electorate: JSON.stringify(members.map((m) => ({ coopId: m }))), result: JSON.stringify(result) }).where('id', '=', d.id).execute();
    if (coopId) await auditIn(trx, { coopId, actor: ctx.actor! }, { action: 'network.decision.consensus', entity: 'network_decision', entityId: d.id, after: result });
  });
  return getDecision(ctx, network.id, decisionId);
}

/** No mufakat: open the vote. The electorate — the member coops at this moment — is frozen. */
export async function openVote(ctx: Ctx, networkId: string, decisionId: string, input: unknown): Promise<DecisionView> {
  const data = parseInput(ZOpenVoteRequest.extend({ coopId: ZBallotRequest.shape.coopId.optional() }), input);
  const network = await findNetwork(ctx.db, networkId);
  const coopId = await requireParticipant(ctx, network, data.coopId);
  const now = ctx.clock.now();
  const closesAt = new Date(data.closesAt);
  if (closesAt <= now) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'closesAt', code: 'network_closes_in_past' }] });
  await withNetworkWrite(ctx.db, { coopId, networkId: network.id }, async (trx) => {
    const d = await findDecision(trx, decisionId, { lock: true });
    if (!d || d.network_id !== network.id) throw new AppError('NETWORK_DECISION_NOT_FOUND');
    if (d.status !== 'discussion') throw new AppError('NETWORK_DECISION_STATE', { params: { status: d.status } });
    const members = await activeMemberIds(trx, network.id);
    await trx.updateTable('network_decisions').set({ status: 'voting', opened_at: now, closes_at: closesAt, electorate: JSON.stringify(members.map((m) => ({ coopId: m }))) }).where('id', '=', d.id).execute();
    if (coopId) await auditIn(trx, { coopId, actor: ctx.actor! }, { action: 'network.decision.open_vote', entity: 'network_decision', entityId: d.id, after: { electorate: members.length, closesAt: closesAt.toISOString() } });
  });
  return getDecision(ctx, network.id, decisionId);
}

/**
 * A delegate casts their coop's ballot. Refused (403) when the actor is not a current delegate
 * of that coop, or the coop is not in the frozen electorate; 409 when the coop has voted —
 * whichever of its delegates did, however many try at once (the row's primary key decides).
 */
export async function castNetworkBallot(ctx: Ctx, networkId: string, decisionId: string, input: unknown): Promise<{ coopId: string; choice: string; weight: number }> {
  const actor = requireActor(ctx);
  const data = parseInput(ZBallotRequest, input);
  const network = await findNetwork(ctx.db, networkId);
  const d = await withNetworkWrite(ctx.db, {}, (trx) => findDecision(trx, decisionId));
  if (!d || d.network_id !== network.id) throw new AppError('NETWORK_DECISION_NOT_FOUND');
  if (d.status !== 'voting' || (d.closes_at && d.closes_at <= ctx.clock.now())) throw new AppError('NETWORK_DECISION_STATE', { params: { status: d.status } });
  if (!(d.electorate ?? []).some((e) => e.coopId === data.coopId)) throw new AppError('NETWORK_NOT_ELIGIBLE');
  await requireDelegate(ctx.db, network.id, data.coopId, actor.accountId);
  return withTenant(ctx.db, data.coopId, async (trx) => {
    let weight = 1;
    if (network.weighting === 'members') {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM members WHERE coop_id = ${data.coopId} AND status = 'active'`.execute(trx);
      weight = rawWeight('members', Number(rows[0]!.n));
    }
    const row = await trx
      .insertInto('network_ballots')
      .values({ coop_id: data.coopId, decision_id: d.id, network_id: network.id, choice: data.choice, weight, cast_by: actor.accountId })
      .onConflict((oc) => oc.columns(['coop_id', 'decision_id']).doNothing())
      .returning(['choice', 'weight'])
      .executeTakeFirst();
    if (!row) throw new AppError('NETWORK_ALREADY_VOTED');
    await auditIn(trx, { coopId: data.coopId, actor }, { action: 'network.decision.ballot', entity: 'network_decision', entityId: d.id, after: { choice: data.choice, weight } });
    return { coopId: data.coopId, choice: row.choice, weight: row.weight };
  });
}

/**
 * Close a vote once its time is over or every coop of the electorate has voted; idempotent (a
 * closed decision answers as it is). The count, its rule and inputs are stored; the effect of a
 * passed decision (admission, mode, lead) is applied in the same transaction.
 */
export async function closeNetworkDecision(ctx: Ctx, networkId: string, decisionId: string, input: unknown = {}): Promise<DecisionView> {
  const network = await findNetwork(ctx.db, networkId);
  const coopId = ctx.actor && ctx.actor.via === 'system' ? null : await requireParticipant(ctx, network, (input as { coopId?: string } | null)?.coopId);
  const now = ctx.clock.now();
  await withNetworkWrite(ctx.db, { coopId, networkId: network.id }, async (trx) => {
    const d = await findDecision(trx, decisionId, { lock: true });
    if (!d || d.network_id !== network.id) throw new AppError('NETWORK_DECISION_NOT_FOUND');
    if (d.status === 'closed') return;
    if (d.status !== 'voting') throw new AppError('NETWORK_DECISION_STATE', { params: { status: d.status } });
    const electorate = d.electorate ?? [];
    const ballots = await ballotsOf(trx, d.id);
    const everyone = electorate.every((e) => ballots.some((b) => b.coopId === e.coopId));
    if (!everyone && d.closes_at && d.closes_at > now) throw new AppError('NETWORK_DECISION_STATE', { params: { status: 'voting' } });
    const count = countNetworkVote({ quorumBp: d.quorum_bp, thresholdBp: d.threshold_bp, weighting: network.weighting, capBp: network.weight_cap_bp }, electorate, ballots);
    const effect = await applyEffect(trx, (await findNetwork(trx, network.id, { lock: true })), d, count.outcome === 'passed', now);
    const result = { rule: count.rule, inputs: count.inputs, tally: count.tally, quorumRequired: count.quorumRequired, yesNeeded: count.yesNeeded, effect };
    await trx.updateTable('network_decisions').set({ status: 'closed', outcome: count.outcome, closed_at: now, result: JSON.stringify(result) }).where('id', '=', d.id).execute();
    if (coopId) await auditIn(trx, { coopId, actor: ctx.actor! }, { action: 'network.decision.close', entity: 'network_decision', entityId: d.id, after: { outcome: count.outcome, tally: count.tally } });
  });
  return getDecision(ctx, network.id, decisionId);
}
