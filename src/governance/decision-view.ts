import type { Tx } from '../db/tenant.js';
import { consensusReached, countPositions, participationVisibleFrom, quorumRequired, turnoutRequired, type MajorityBase, type PositionCounts, type QuorumRule, type Tally } from './model.js';
import {
  commentsOf,
  countParticipations,
  currentOpenVote,
  findMeeting,
  findParticipation,
  isEligibleVoter,
  openVoteHistory,
  openVotesOf,
  optionsOf,
  positionsOf,
  reopeningsOf,
  resultsOf,
  type DecisionRow
} from './store.js';
import { iso } from './support.js';
import type { DecisionKind, DecisionMethod, DecisionStatus, OfficeRole, Outcome, Stance } from './tables.js';

export type ResultView = {
  version: number;
  outcome: Outcome;
  /** majorityBase and minTurnoutBp are absent on results closed before issue 14 (counted against the votes cast). */
  rule: { version: string; method: DecisionMethod; quorum: QuorumRule; thresholdBp: number; majorityBase?: MajorityBase; minTurnoutBp?: number | null; basis: 'ballots' | 'attendance'; seats: number; secret: boolean };
  inputs: {
    eligible: number;
    electorate: number;
    ballots: number;
    quorumRequired: number;
    turnout: number;
    ballotsRequired?: number;
    turnoutMet?: boolean;
    majorityOf?: number | null;
    yesNeeded?: number | null;
    attendanceAtOpen: number | null;
    attendanceAtClose: number | null;
    charterVersion: number | null;
  };
  tally: Tally;
  winners: string[];
  closedAt: string;
  /** Set when a reopening superseded this result. */
  supersededBy: { reason: string; at: string } | null;
};

export type DecisionView = {
  id: string;
  number: number;
  kind: DecisionKind;
  title: string;
  body: string;
  method: DecisionMethod;
  seats: number;
  secret: boolean;
  allowRevote: boolean;
  thresholdBp: number;
  /** What the majority is counted against and the ballots the charter's minimum turnout asks for (issue 14). */
  majorityBase: MajorityBase;
  minTurnoutBp: number | null;
  ballotsRequired: number;
  quorum: QuorumRule;
  status: DecisionStatus;
  outcome: Outcome | null;
  meeting: { id: string; number: number; title: string; status: string } | null;
  agendaItemId: string | null;
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  electorateSize: number | null;
  /** How many have voted (never how). */
  ballotsCast: number;
  quorumRequired: number;
  /** Who has voted may be listed only from max(3, quorum) ballots on (secret ballots). */
  participationVisible: boolean;
  attendanceAtOpen: number | null;
  options: { id: string; label: string; memberId: string | null }[];
  electionRole: OfficeRole | null;
  term: { startsOn: string; endsOn: string } | null;
  subjectMemberId: string | null;
  charterBaseVersion: number | null;
  effect: unknown;
  positions: { counts: PositionCounts; consensus: boolean; list: { memberId: string; fullName: string; stance: Stance; reason: string | null; updatedAt: string }[] };
  comments: { id: string; memberId: string; fullName: string; body: string; createdAt: string }[];
  /** The result in force (after close), and earlier superseded ones. */
  result: ResultView | null;
  earlierResults: ResultView[];
  /** Open ballots after close: who chose what. */
  openVotes: { memberId: string; fullName: string; choices: string[] }[] | null;
  me: {
    memberId: string;
    eligible: boolean;
    voted: boolean;
    origin: 'online' | 'in_person' | null;
    receiptCode: string | null;
    stance: Stance | null;
    /** Open ballots only: the member's own current choice and its history. */
    choices: string[] | null;
    history: { choices: string[]; castAt: string; supersededAt: string | null }[];
  } | null;
};

export function resultViews(rows: Awaited<ReturnType<typeof resultsOf>>, reopenings: Awaited<ReturnType<typeof reopeningsOf>>): ResultView[] {
  return rows.map((r) => {
    const reopening = reopenings.find((x) => x.supersedes_version === r.version);
    const inputs = r.inputs as ResultView['inputs'] & { winners?: string[] };
    return {
      version: r.version,
      outcome: r.outcome,
      rule: r.rule as ResultView['rule'],
      inputs,
      tally: r.tally as Tally,
      winners: inputs.winners ?? [],
      closedAt: iso(r.closed_at)!,
      supersededBy: reopening ? { reason: reopening.reason, at: iso(reopening.reopened_at)! } : null
    };
  });
}

/** The quorum a decision needs and over what: the electorate's ballots, or the meeting's attendance. */
export function decisionQuorum(d: DecisionRow): { basis: 'ballots' | 'attendance'; eligible: number; required: number } {
  const quorum = d.quorum as QuorumRule;
  const atMeeting = d.meeting_id !== null && d.meeting_eligible !== null;
  const eligible = atMeeting ? d.meeting_eligible! : (d.electorate_size ?? 0);
  return { basis: atMeeting ? 'attendance' : 'ballots', eligible, required: quorumRequired(quorum, eligible) };
}

export async function decisionView(trx: Tx, d: DecisionRow, me: { memberId: string } | null): Promise<DecisionView> {
  const c = d.coop_id;
  const [options, positions, comments, ballotsCast, results, reopenings, meeting] = await Promise.all([
    optionsOf(trx, c, d.id),
    positionsOf(trx, c, d.id),
    commentsOf(trx, c, d.id),
    countParticipations(trx, c, d.id),
    resultsOf(trx, c, d.id),
    reopeningsOf(trx, c, d.id),
    d.meeting_id ? findMeeting(trx, c, d.meeting_id) : Promise.resolve(undefined)
  ]);
  const q = decisionQuorum(d);
  const counts = countPositions(positions.map((p) => p.stance));
  const all = resultViews(results, reopenings);
  const closed = d.status === 'closed';
  let mine: DecisionView['me'] = null;
  if (me) {
    const [eligible, part] = await Promise.all([isEligibleVoter(trx, c, d.id, me.memberId), findParticipation(trx, c, d.id, me.memberId)]);
    const current = !d.secret ? await currentOpenVote(trx, c, d.id, me.memberId) : undefined;
    const history = !d.secret ? await openVoteHistory(trx, c, d.id, me.memberId) : [];
    mine = {
      memberId: me.memberId,
      eligible,
      voted: Boolean(part),
      origin: part?.origin ?? null,
      receiptCode: part?.receipt_code ?? null,
      stance: positions.find((p) => p.member_id === me.memberId)?.stance ?? null,
      choices: current ? (current.choices as string[]) : null,
      history: history.map((h) => ({ choices: h.choices as string[], castAt: iso(h.cast_at)!, supersededAt: iso(h.superseded_at) }))
    };
  }
  return {
    id: d.id,
    number: d.number,
    kind: d.kind,
    title: d.title,
    body: d.body,
    method: d.method,
    seats: d.max_choices,
    secret: d.secret,
    allowRevote: d.allow_revote,
    thresholdBp: d.threshold_bp,
    majorityBase: d.majority_base,
    minTurnoutBp: d.min_turnout_bp,
    ballotsRequired: turnoutRequired(d.min_turnout_bp, d.electorate_size ?? 0),
    quorum: d.quorum as QuorumRule,
    status: d.status,
    outcome: d.outcome,
    meeting: meeting ? { id: meeting.id, number: meeting.number, title: meeting.title, status: meeting.status } : null,
    agendaItemId: d.agenda_item_id,
    openedAt: iso(d.opened_at),
    closesAt: iso(d.closes_at),
    closedAt: iso(d.closed_at),
    electorateSize: d.electorate_size,
    ballotsCast,
    quorumRequired: q.required,
    participationVisible: !d.secret || ballotsCast >= participationVisibleFrom(q.required),
    attendanceAtOpen: d.attendance_at_open,
    options: options.map((o) => ({ id: o.id, label: o.label, memberId: o.member_id })),
    electionRole: d.election_role,
    term: d.term_starts_on && d.term_ends_on ? { startsOn: String(d.term_starts_on), endsOn: String(d.term_ends_on) } : null,
    subjectMemberId: d.subject_member_id,
    charterBaseVersion: d.charter_base_version,
    effect: d.effect ?? null,
    positions: {
      counts,
      consensus: consensusReached(counts),
      list: positions.map((p) => ({ memberId: p.member_id, fullName: p.full_name, stance: p.stance, reason: p.reason, updatedAt: iso(p.updated_at)! }))
    },
    comments: comments.map((x) => ({ id: x.id, memberId: x.member_id, fullName: x.full_name, body: x.body, createdAt: iso(x.created_at)! })),
    result: closed ? (all.at(-1) ?? null) : null,
    earlierResults: all.filter((r) => r.supersededBy),
    openVotes: closed && !d.secret ? (await openVotesOf(trx, c, d.id)).map((v) => ({ memberId: v.member_id, fullName: v.full_name, choices: v.choices as string[] })) : null,
    me: mine
  };
}
