import { recordAudit } from '../audit/record-audit.js';
import type { Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { validateBallot } from './model.js';
import {
  currentOpenVote,
  deleteBallot,
  findParticipation,
  findVoteToken,
  insertBallot,
  insertOpenVote,
  insertParticipation,
  lockVoter,
  optionsOf,
  supersedeOpenVote,
  useVoteToken,
  type DecisionRow
} from './store.js';
import { hashToken, iso, receiptCode } from './support.js';

export type BallotReceipt = {
  decisionId: string;
  /** A code the member keeps to confirm later that their ballot was counted (it is not linked to the ballot). */
  receiptCode: string;
  votedAt: string;
  origin: 'online' | 'in_person';
  /** False when the request repeated an earlier one (same idempotency key) and nothing new was written. */
  created: boolean;
  /** True when an open ballot's earlier choice was replaced. */
  changed: boolean;
};

/**
 * Record one member's ballot inside the caller's transaction (items 1, 2, 6, 7, 11, 12):
 * the member's electorate row is locked so their concurrent requests queue; a repeated
 * idempotency key returns the first answer; the voting window is checked here, in the same
 * transaction as the insert; the ballot is validated before the member is marked as voted;
 * the unique key (decision, member) on participations is the last wall. A secret ballot's
 * row has no member and no time; an open ballot's choice is also kept with the member, and
 * may be changed when the decision allows it (the latest counts, history kept).
 */
export async function recordBallot(
  trx: Tx,
  ctx: TenantCtx,
  d: DecisionRow,
  memberId: string,
  input: { choice?: string; options?: string[]; idempotencyKey?: string; voteToken?: string },
  how: { origin: 'online' | 'in_person'; enteredBy: string | null }
): Promise<BallotReceipt> {
  if (!(await lockVoter(trx, ctx.coopId, d.id, memberId))) throw new AppError('DECISION_NOT_ELIGIBLE');
  const existing = await findParticipation(trx, ctx.coopId, d.id, memberId);
  const receipt = (p: NonNullable<typeof existing>, created: boolean, changed = false): BallotReceipt => ({
    decisionId: d.id,
    receiptCode: p.receipt_code,
    votedAt: iso(p.voted_at)!,
    origin: p.origin,
    created,
    changed
  });
  const key = input.idempotencyKey;
  if (existing && key && how.origin === existing.origin) {
    if (existing.idempotency_key === key) return receipt(existing, false);
    if (!d.secret && (await currentOpenVote(trx, ctx.coopId, d.id, memberId))?.idempotency_key === key) return receipt(existing, false, true);
  }
  const now = ctx.clock.now();
  const opened = d.opened_at ? new Date(d.opened_at) : null;
  const closes = d.closes_at ? new Date(d.closes_at) : null;
  if (d.status !== 'voting' || !opened || !closes || now < opened || now >= closes) throw new AppError('DECISION_VOTING_CLOSED');
  const options = d.method === 'choose' ? await optionsOf(trx, ctx.coopId, d.id) : [];
  const checked = validateBallot({ method: d.method, maxChoices: d.max_choices, optionIds: options.map((o) => o.id) }, input);
  if (!checked.ok) throw new AppError('DECISION_BALLOT_INVALID', { fields: [{ field: checked.field, code: checked.code, params: { max: d.max_choices } }] });
  if (existing && (!d.allow_revote || existing.origin === 'in_person' || how.origin === 'in_person')) throw new AppError('DECISION_ALREADY_VOTED');
  if (input.voteToken) {
    const hash = hashToken(input.voteToken);
    const token = await findVoteToken(trx, ctx.coopId, hash, { lock: true });
    if (!token || token.used_at || token.decision_id !== d.id || token.member_id !== memberId) throw new AppError('DECISION_TOKEN_INVALID');
    await useVoteToken(trx, ctx.coopId, hash, now);
  }

  if (existing) {
    // An open ballot changed: the earlier choice leaves the count and stays in the history.
    const current = await currentOpenVote(trx, ctx.coopId, d.id, memberId);
    if (current) {
      await supersedeOpenVote(trx, ctx.coopId, current.id, now);
      if (current.ballot_id) await deleteBallot(trx, ctx.coopId, current.ballot_id);
    }
    const ballot = await insertBallot(trx, ctx.coopId, d.id, checked.choices);
    await insertOpenVote(trx, { coop_id: ctx.coopId, decision_id: d.id, member_id: memberId, choices: checked.choices, ballot_id: ballot.id, idempotency_key: key ?? null, cast_at: now });
    await recordAudit(trx, ctx, { action: 'decision.ballot_change', entity: 'decision', entityId: d.id, before: { memberId, choices: current?.choices ?? null }, after: { memberId, choices: checked.choices } });
    return receipt(existing, true, true);
  }

  const participation = await insertParticipation(trx, {
    coop_id: ctx.coopId,
    decision_id: d.id,
    member_id: memberId,
    origin: how.origin,
    entered_by: how.enteredBy,
    voted_at: now,
    receipt_code: receiptCode(),
    idempotency_key: key ?? null
  });
  const ballot = await insertBallot(trx, ctx.coopId, d.id, checked.choices);
  if (!d.secret) {
    await insertOpenVote(trx, { coop_id: ctx.coopId, decision_id: d.id, member_id: memberId, choices: checked.choices, ballot_id: ballot.id, idempotency_key: key ?? null, cast_at: now });
  }
  // The audit line says who voted and how the ballot came in; a secret ballot's choice is never written next to a name.
  await recordAudit(trx, ctx, {
    action: how.origin === 'in_person' ? 'decision.paper_ballot' : 'decision.ballot',
    entity: 'decision',
    entityId: d.id,
    after: { memberId, origin: how.origin, enteredBy: how.enteredBy, ...(d.secret ? {} : { choices: checked.choices }) }
  });
  return receipt(participation, true);
}
