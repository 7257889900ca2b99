import { z } from 'zod';
import type { CharterRules } from '../charters/model.js';
import type { DecisionKind, DecisionMethod, MeetingKind, OfficeRole, Outcome, Stance } from './tables.js';

export type { DecisionKind, DecisionMethod, MeetingKind, OfficeRole, Outcome, Stance };

/**
 * Governance rules, pure: quorum, tally, outcome, ballot validation, consensus, the
 * iCalendar text of a meeting notice. Integer arithmetic only (basis points).
 */

export const MEETING_KINDS = ['regular', 'rat', 'extraordinary', 'founding', 'board', 'supervisors'] as const satisfies readonly MeetingKind[];
export const DECISION_KINDS = ['general', 'charter_change', 'dissolution', 'election', 'admission'] as const satisfies readonly DecisionKind[];
export const OFFICE_ROLES = ['ketua', 'sekretaris', 'bendahara', 'pengawas'] as const satisfies readonly OfficeRole[];
export const STANCES = ['agree', 'abstain', 'disagree', 'block'] as const satisfies readonly Stance[];
export const YES_NO = ['yes', 'no', 'abstain'] as const;
export type YesNo = (typeof YES_NO)[number];

/** Meetings of all members (the quorum counts members); board and supervisors' meetings are the officers'. */
export function isMembersMeeting(kind: MeetingKind): boolean {
  return kind !== 'board' && kind !== 'supervisors';
}

/** The version of the counting rules below; stored with every result. */
export const RULE_VERSION = 'lumbung-governance-2';

export type QuorumRule = CharterRules['quorum'];

/**
 * How many must take part for a quorum: ceil(bp × eligible / 10000), or "more than half"
 * as floor(eligible / 2) + 1. 20 at 50 % → 10; 20 at > ½ → 11; 21 at > ½ → 11.
 */
export function quorumRequired(rule: QuorumRule, eligible: number): number {
  if (eligible <= 0) return 1;
  if (rule.kind === 'more_than_half') return Math.floor(eligible / 2) + 1;
  return Math.floor((rule.bp * eligible + 9999) / 10_000);
}

/** Who has voted is shown only once this many ballots exist, so few voters cannot be singled out (item 10). */
export function participationVisibleFrom(quorumNeeded: number): number {
  return Math.max(3, quorumNeeded);
}

/** The majority a proposal of this kind needs, from the charter (item 5); an override may only be stricter. */
export function thresholdFor(kind: DecisionKind, rules: CharterRules, override?: number): number {
  const base = kind === 'charter_change' ? rules.majority.charterChangeBp : kind === 'dissolution' ? rules.majority.dissolutionBp : rules.majority.simpleBp;
  return override !== undefined && override > base ? override : base;
}

/** Pass iff yes > threshold × (yes + no): `yes × 10000 > bp × (yes + no)`. A tie fails; abstentions are not in the sum. */
export function passesThreshold(yes: number, no: number, thresholdBp: number): boolean {
  return yes * 10_000 > thresholdBp * (yes + no);
}

/* ------------------------------------------------------------------ ballots */

export type BallotShape = { method: DecisionMethod; maxChoices: number; optionIds: readonly string[] };

export type BallotIssue = 'choice_required' | 'choice_invalid' | 'choice_duplicate' | 'choice_too_many';

/**
 * Check a ballot before anything is written (item 11): one pure validator with stable codes.
 * yes/no ballots carry one of yes, no, abstain; choice ballots carry up to maxChoices
 * distinct option ids (none at all is a blank ballot that counts toward the quorum only).
 */
export function validateBallot(shape: BallotShape, input: { choice?: string | null; options?: readonly string[] | null }): { ok: true; choices: string[] } | { ok: false; field: string; code: BallotIssue } {
  if (shape.method === 'yes_no') {
    if (input.choice === undefined || input.choice === null || input.choice === '') return { ok: false, field: 'choice', code: 'choice_required' };
    if (!(YES_NO as readonly string[]).includes(input.choice)) return { ok: false, field: 'choice', code: 'choice_invalid' };
    return { ok: true, choices: [input.choice] };
  }
  const options = input.options ?? [];
  if (new Set(options).size !== options.length) return { ok: false, field: 'options', code: 'choice_duplicate' };
  if (options.some((o) => !shape.optionIds.includes(o))) return { ok: false, field: 'options', code: 'choice_invalid' };
  if (options.length > shape.maxChoices) return { ok: false, field: 'options', code: 'choice_too_many' };
  return { ok: true, choices: [...options] };
}

/* ------------------------------------------------------------------ tally and outcome */

export type Tally =
  | { method: 'yes_no'; ballots: number; yes: number; no: number; abstain: number }
  | { method: 'choose'; ballots: number; blank: number; options: { id: string; label: string; votes: number }[] };

/** Count ballots: each ballot weighs exactly 1 (item 13); nothing about the voter enters. */
export function tally(method: DecisionMethod, options: readonly { id: string; label: string }[], ballots: readonly (readonly string[])[]): Tally {
  if (method === 'yes_no') {
    const t = { method, ballots: ballots.length, yes: 0, no: 0, abstain: 0 };
    for (const b of ballots) {
      const c = b[0];
      if (c === 'yes') t.yes += 1;
      else if (c === 'no') t.no += 1;
      else t.abstain += 1;
    }
    return t;
  }
  const votes = new Map(options.map((o) => [o.id, 0]));
  let blank = 0;
  for (const b of ballots) {
    if (b.length === 0) blank += 1;
    for (const id of b) if (votes.has(id)) votes.set(id, votes.get(id)! + 1);
  }
  return { method, ballots: ballots.length, blank, options: options.map((o) => ({ id: o.id, label: o.label, votes: votes.get(o.id)! })) };
}

export type MajorityBase = CharterRules['majority']['base'];

/**
 * The number the yes votes are compared against (issue 14): the yes and no votes cast; the
 * members present (at a meeting the frozen electorate — the active members present when
 * the vote opened; elsewhere everyone who took part, abstentions and blanks included); or
 * the whole electorate the quorum is measured on.
 */
export function majorityOf(base: MajorityBase, t: { yes: number; no: number; ballots: number }, counts: { present: number; eligible: number }): number {
  if (base === 'present') return counts.present;
  if (base === 'electorate') return counts.eligible;
  return t.yes + t.no;
}

/** The fewest yes votes that pass: the smallest yes with yes × 10000 > bp × of (1 when of is 0). */
export function yesNeeded(thresholdBp: number, of: number): number {
  return Math.floor((thresholdBp * of) / 10_000) + 1;
}

/** The fewest ballots a vote needs under the charter's minimum turnout (0 when it sets none). */
export function turnoutRequired(minTurnoutBp: number | null | undefined, electorate: number): number {
  if (!minTurnoutBp) return 0;
  return Math.floor((minTurnoutBp * electorate + 9999) / 10_000);
}

export type OutcomeInputs = {
  method: DecisionMethod;
  quorum: QuorumRule;
  thresholdBp: number;
  /** What the majority is counted against; absent: the votes cast. */
  majorityBase?: MajorityBase;
  /** The least share of the frozen electorate that must cast a ballot; absent or null: none. */
  minTurnoutBp?: number | null;
  /** The frozen electorate (who may vote); absent: `eligible`. */
  electorate?: number;
  seats: number;
  /** The frozen electorate (or, at a meeting, the members eligible at its start). */
  eligible: number;
  /** 'ballots': the ballots make the quorum; 'attendance': the members present at the meeting do. */
  basis: 'ballots' | 'attendance';
  /** Members present when the vote closed (meeting decisions). */
  attendance?: number;
};

export type OutcomeResult = {
  outcome: Outcome;
  quorumRequired: number;
  turnout: number;
  quorumMet: boolean;
  /** Ballots the charter's minimum turnout asks for, and whether they were cast. */
  ballotsRequired: number;
  turnoutMet: boolean;
  /** yes/no: the count the yes votes were compared against and the yes votes that would pass. */
  majorityOf: number | null;
  yesNeeded: number | null;
  winners: string[];
};

/**
 * The outcome of a closed vote (item 5): no quorum is NO_QUORUM, never "rejected";
 * yes/no passes iff quorum and yes × 10000 > threshold × (yes + no); an election elects
 * the `seats` options with most votes unless the last seat is tied.
 */
export function decideOutcome(inputs: OutcomeInputs, t: Tally): OutcomeResult {
  const required = quorumRequired(inputs.quorum, inputs.eligible);
  const turnout = inputs.basis === 'attendance' ? (inputs.attendance ?? 0) : t.ballots;
  const quorumMet = inputs.eligible > 0 && turnout >= required;
  const electorate = inputs.electorate ?? inputs.eligible;
  const ballotsRequired = turnoutRequired(inputs.minTurnoutBp, electorate);
  const turnoutMet = t.ballots >= ballotsRequired;
  const present = inputs.basis === 'attendance' ? electorate : t.ballots;
  const of = t.method === 'yes_no' ? majorityOf(inputs.majorityBase ?? 'votes_cast', t, { present, eligible: inputs.eligible }) : null;
  const needed = of === null ? null : yesNeeded(inputs.thresholdBp, of);
  const base = { quorumRequired: required, turnout, quorumMet, ballotsRequired, turnoutMet, majorityOf: of, yesNeeded: needed, winners: [] as string[] };
  if (!quorumMet || !turnoutMet) return { ...base, outcome: 'no_quorum' };
  if (t.method === 'yes_no') return { ...base, outcome: t.yes >= needed! ? 'passed' : 'rejected' };
  const ranked = [...t.options].filter((o) => o.votes > 0).sort((a, b) => b.votes - a.votes);
  if (ranked.length === 0) return { ...base, outcome: 'rejected' };
  const seats = Math.min(inputs.seats, ranked.length);
  const last = ranked[seats - 1]!;
  const next = ranked[seats];
  if (next && next.votes === last.votes) return { ...base, outcome: 'tie' };
  return { ...base, outcome: 'elected', winners: ranked.slice(0, seats).map((o) => o.id) };
}

/* ------------------------------------------------------------------ musyawarah */

export type PositionCounts = Record<Stance, number>;

export function countPositions(stances: readonly Stance[]): PositionCounts {
  const c: PositionCounts = { agree: 0, abstain: 0, disagree: 0, block: 0 };
  for (const s of stances) c[s] += 1;
  return c;
}

/** Mufakat: some agree, none disagree, none block. Otherwise the chair may open a vote. */
export function consensusReached(c: PositionCounts): boolean {
  return c.agree > 0 && c.disagree === 0 && c.block === 0;
}

/* ------------------------------------------------------------------ time zones */

export type Zone = { tz: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura'; label: 'WIB' | 'WITA' | 'WIT' };

const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
/** Indonesia's three time zones by province code (BPS/Kemendagri): WIB west, WITA centre, WIT east. */
export function zoneOfProvince(provinceCode: string | null | undefined): Zone {
  const p = (provinceCode ?? '').slice(0, 2);
  if (p.startsWith('8') || p.startsWith('9')) return { tz: 'Asia/Jayapura', label: 'WIT' };
  if (WITA.has(p)) return { tz: 'Asia/Makassar', label: 'WITA' };
  return { tz: 'Asia/Jakarta', label: 'WIB' };
}

/** '12 Mar 2026 09.00 WIB': a UTC instant as local wall time with the zone's name. */
export function formatLocalTime(at: Date, zone: Zone, locale: 'id' | 'en' = 'id'): string {
  const text = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: zone.tz,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  }).format(at);
  return `${text} ${zone.label}`;
}

/* ------------------------------------------------------------------ iCalendar */

function icsEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const icsTime = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/**
 * A VCALENDAR with one VEVENT for a meeting notice. Times are UTC (…Z); the cooperative's
 * zone is named in X-WR-TIMEZONE and in the description, so calendars show local time.
 */
export function meetingIcs(m: {
  uid: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  location: string | null;
  description: string;
  url?: string;
  zone: Zone;
  stamp: Date;
  sequence?: number;
}): string {
  const end = m.endsAt ?? new Date(m.startsAt.getTime() + 2 * 3600_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lumbung//Rapat Koperasi//ID',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-TIMEZONE:${m.zone.tz}`,
    'BEGIN:VEVENT',
    `UID:${m.uid}`,
    `SEQUENCE:${m.sequence ?? 0}`,
    `DTSTAMP:${icsTime(m.stamp)}`,
    `DTSTART:${icsTime(m.startsAt)}`,
    `DTEND:${icsTime(end)}`,
    `SUMMARY:${icsEscape(m.title)}`,
    `DESCRIPTION:${icsEscape(m.description)}`,
    ...(m.location ? [`LOCATION:${icsEscape(m.location)}`] : []),
    ...(m.url ? [`URL:${m.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR'
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/* ------------------------------------------------------------------ requests */

const ZText = (min: number, max: number) => z.string().trim().min(min).max(max);
const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const ZInstant = z.iso.datetime({ offset: true });
const ZPlainDate = z.iso.date();

export const ZScheduleMeetingRequest = z.object({
  kind: z.enum(MEETING_KINDS),
  title: ZText(3, 200),
  startsAt: ZInstant,
  endsAt: ZInstant.nullish(),
  location: ZOptionalText(300),
  onlineUrl: z.url().max(500).nullish().or(z.literal('')).transform((v) => (v ? v : null)),
  agenda: z.array(ZText(2, 200)).max(30).optional()
});
export type ScheduleMeetingRequest = z.input<typeof ZScheduleMeetingRequest>;

export const ZAgendaItemRequest = z.object({ title: ZText(2, 200), description: ZOptionalText(5000) });
export const ZAttendanceRequest = z.object({ memberId: z.uuid(), participation: z.enum(['in_person', 'online']).default('in_person') });
export const ZCheckInRequest = z.object({ code: ZText(6, 64), participation: z.enum(['in_person', 'online']).default('in_person') });
export const ZLeaveRequest = z.object({ memberId: z.uuid() });

const ZOption = z.object({ label: ZText(1, 200), memberId: z.uuid().nullish() });

export const ZProposeRequest = z
  .object({
    kind: z.enum(DECISION_KINDS).default('general'),
    title: ZText(3, 200),
    body: z.string().trim().max(20_000).default(''),
    meetingId: z.uuid().nullish(),
    agendaItemId: z.uuid().nullish(),
    secret: z.boolean().default(false),
    /** Open ballots only: members may change their vote until close (the latest counts). */
    allowRevote: z.boolean().default(false),
    /** A stricter majority than the charter's, in basis points. */
    thresholdBp: z.number().int().min(5000).max(9999).optional(),
    /** Election: candidates; choice proposals: the options. */
    options: z.array(ZOption).max(50).optional(),
    seats: z.number().int().min(1).max(50).default(1),
    electionRole: z.enum(OFFICE_ROLES).optional(),
    termStartsOn: ZPlainDate.optional(),
    termEndsOn: ZPlainDate.optional(),
    /** Charter change: the complete new rules (an object, checked by the charter's own schema). */
    charterRules: z.record(z.string(), z.unknown()).optional(),
    /** Admission: the applicant the meeting decides on. */
    subjectMemberId: z.uuid().optional()
  })
  .superRefine((v, ctx) => {
    if (v.secret && v.allowRevote) ctx.addIssue({ code: 'custom', message: 'secret_single_submit', path: ['allowRevote'] });
    if (v.kind === 'election') {
      if (!v.electionRole) ctx.addIssue({ code: 'custom', message: 'required', path: ['electionRole'] });
      if (!v.options || v.options.length < 1) ctx.addIssue({ code: 'custom', message: 'candidates_required', path: ['options'] });
      if (v.options?.some((o) => !o.memberId)) ctx.addIssue({ code: 'custom', message: 'candidate_member_required', path: ['options'] });
      if (!v.termStartsOn) ctx.addIssue({ code: 'custom', message: 'required', path: ['termStartsOn'] });
      if (!v.termEndsOn) ctx.addIssue({ code: 'custom', message: 'required', path: ['termEndsOn'] });
      if (v.termStartsOn && v.termEndsOn && v.termEndsOn <= v.termStartsOn) ctx.addIssue({ code: 'custom', message: 'term_order', path: ['termEndsOn'] });
    }
    if (v.kind === 'charter_change' && v.charterRules === undefined) ctx.addIssue({ code: 'custom', message: 'required', path: ['charterRules'] });
    if (v.kind === 'admission' && !v.subjectMemberId) ctx.addIssue({ code: 'custom', message: 'required', path: ['subjectMemberId'] });
  });
export type ProposeRequest = z.input<typeof ZProposeRequest>;

export const ZUpdateDecisionRequest = z.object({
  title: ZText(3, 200).optional(),
  body: z.string().trim().max(20_000).optional(),
  secret: z.boolean().optional(),
  allowRevote: z.boolean().optional(),
  thresholdBp: z.number().int().min(5000).max(9999).optional(),
  seats: z.number().int().min(1).max(50).optional(),
  options: z.array(ZOption).max(50).optional()
});

export const ZPositionRequest = z
  .object({ stance: z.enum(STANCES), reason: ZOptionalText(2000) })
  .superRefine((v, ctx) => {
    if (v.stance === 'block' && (!v.reason || v.reason.length < 3)) ctx.addIssue({ code: 'custom', message: 'block_reason_required', path: ['reason'] });
  });
export const ZCommentRequest = z.object({ body: ZText(1, 5000) });
export const ZOpenVoteRequest = z.object({ closesAt: ZInstant });
export const ZReopenRequest = z.object({ reason: ZText(3, 1000), closesAt: ZInstant });

export const ZBallotRequest = z.object({
  choice: z.enum(YES_NO).optional(),
  options: z.array(z.uuid()).max(50).optional(),
  /** The same key on a retried request returns the first answer and never a second ballot. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,100}$/)
    .optional(),
  /** The one-time token from a message's vote link. */
  voteToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}$/)
    .optional()
});
export type BallotRequest = z.input<typeof ZBallotRequest>;
export const ZPaperBallotRequest = ZBallotRequest.omit({ voteToken: true }).extend({ memberId: z.uuid() });

export const ZMinutesRequest = z.object({
  summary: z.string().trim().max(20_000).optional(),
  notes: z.array(z.object({ agendaItemId: z.uuid(), text: z.string().trim().max(20_000) })).max(50).optional()
});
export const ZApproveMinutesRequest = z.object({ approvedAtMeetingId: z.uuid().nullish() });
export const ZAmendmentRequest = z.object({ text: ZText(3, 5000), agendaItemId: z.uuid().nullish() });

/* ------------------------------------------------------------------ compliance: meeting cadence */

export type Cadence = CharterRules['meetings']['cadence'];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const addMonths = (day: string, n: number) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
};

/** The start of the cadence period containing `day` ('YYYY-MM-DD'; weeks start on Monday). */
export function periodStart(cadence: Cadence, day: string): string {
  if (cadence === 'weekly') {
    const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    return addDays(day, -dow);
  }
  const [y, m] = day.split('-').map(Number) as [number, number];
  if (cadence === 'monthly') return `${y}-${String(m).padStart(2, '0')}-01`;
  if (cadence === 'quarterly') return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  return `${y}-01-01`;
}

function nextPeriod(cadence: Cadence, start: string): string {
  if (cadence === 'weekly') return addDays(start, 7);
  return addMonths(start, cadence === 'monthly' ? 1 : cadence === 'quarterly' ? 3 : 12);
}

/** How many complete periods the compliance check looks back over. */
export const CADENCE_LOOKBACK: Record<Cadence, number> = { weekly: 4, monthly: 3, quarterly: 2, yearly: 1 };

/**
 * The complete periods to check, oldest first, as [start, end) plain dates: the last
 * CADENCE_LOOKBACK periods before the current one, never before the period of the first meeting.
 */
export function cadencePeriods(cadence: Cadence, today: string, firstMeetingDay: string | null): { start: string; end: string }[] {
  if (!firstMeetingDay) return [];
  const current = periodStart(cadence, today);
  const first = periodStart(cadence, firstMeetingDay);
  const out: { start: string; end: string }[] = [];
  let start = current;
  for (let i = 0; i < CADENCE_LOOKBACK[cadence]; i++) {
    let prev = first;
    // Step back one period from `start`.
    let probe = first;
    while (nextPeriod(cadence, probe) < start) probe = nextPeriod(cadence, probe);
    prev = probe;
    if (prev >= start || prev < first) break;
    out.unshift({ start: prev, end: start });
    start = prev;
  }
  return out;
}
