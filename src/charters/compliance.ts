import type { MemberStatistics } from '../members/get-member-statistics.js';
import type { GovernanceFacts } from '../governance/get-governance-facts.js';
import { quorumRequired } from '../governance/model.js';
import type { EducationFacts } from '../education/get-education-facts.js';
import { BP_WHOLE, RULE_KEYS, type CharterRules, type RuleKey } from './model.js';

/**
 * The charter checked against the cooperative's data. PURE: plain data in, plain data
 * out, integer arithmetic only. Messages are keys with params; the edge translates them
 * (present.ts), formatting `…Bp` params as percentages and `…Rupiah` params as money.
 */

export type ComplianceStatus = 'pass' | 'fail' | 'pending';

export type SurplusParam = { key: string; bp: number; label?: string };
export type MessageParams = Record<string, string | number | boolean | SurplusParam[]>;
export type Message = { key: string; params: MessageParams };

/** The capability whose data will measure a rule that cannot be measured yet. */
export type AwaitedModule = 'members' | 'governance' | 'capital' | 'business' | 'surplus' | 'settings' | 'education';

export type ComplianceItem = {
  ruleKey: RuleKey;
  status: ComplianceStatus;
  /** What the charter requires, e.g. 'Perempuan paling sedikit 50 % anggota aktif'. */
  rule: Message;
  /** What the data shows, e.g. 'Perempuan 11 dari 22 = 50 %'. */
  evidence: Message;
  /** Present on pending items: where the missing data will come from. */
  awaits?: AwaitedModule;
};

export type ComplianceFacts = {
  members: Pick<MemberStatistics, 'active' | 'women' | 'youth' | 'withBirthDate' | 'households' | 'wellOffReceivingStateAid' | 'withRt' | 'distinctRt'>;
  coop: { villageCode: string | null; rt: number | null; rw: number | null };
  /** From the capital capability (active members only); absent: the capital rule stays pending. */
  capital?: { active: number; pokokPaidInFull: number; wajibInArrears: number; wajibArrears: number };
  /** From the governance capability; absent (no meeting or vote yet): the meeting rules stay pending. */
  governance?: GovernanceFacts;
  /** The annual members' meetings (RAT) held and the fiscal calendar; absent: the RAT rule stays pending. */
  annualMeetings?: AnnualMeetingFacts;
  /** Closed decisions with the quorum and threshold each was taken under; absent: quorum and majority stay pending. */
  decisions?: DecisionRuleFacts;
  /** The approved (standing) surplus runs, one per fiscal year; needs annualMeetings for the calendar. */
  surplusRuns?: SurplusRunFacts[];
  /** From the education capability; absent: the education rules stay pending. */
  education?: EducationFacts;
};

export type SurplusRunFacts = {
  periodEnd: string;
  status: string;
  decisionRef: string | null;
  /** The components (basis points) the run divided the pool by. */
  components: { key: string; bp: number }[];
};

/**
 * The surplus rule for the most recent financial year that has ended: its SHU was divided by
 * the charter's components in a run the RAT approved, by the RAT's deadline. Before the
 * deadline with no approved run, pending (due by …); after it, fail.
 */
export function measureSurplus(r: CharterRules, cal: AnnualMeetingFacts, runs: SurplusRunFacts[]): Pick<ComplianceItem, 'status' | 'evidence' | 'awaits'> {
  const yearEndDate = lastFiscalYearEnd(cal.today, cal.fiscalYearStartMonth);
  const deadlineDate = ratDeadline(yearEndDate, r.rat.monthsAfterYearEnd);
  if (cal.foundedOn > yearEndDate) return { status: 'pending', evidence: { key: 'charters.evidence.ratNoYearEnded', params: { foundedDate: cal.foundedOn } }, awaits: 'surplus' };
  const run = runs.find((x) => x.periodEnd === yearEndDate);
  if (!run) {
    if (cal.today <= deadlineDate) return { status: 'pending', evidence: { key: 'charters.evidence.surplusDue', params: { yearEndDate, deadlineDate } }, awaits: 'surplus' };
    return { status: 'fail', evidence: { key: 'charters.evidence.surplusMissing', params: { yearEndDate, deadlineDate } } };
  }
  const want = new Map(r.surplus.components.map((c) => [c.key, c.bp]));
  const same = run.components.length === want.size && run.components.every((c) => want.get(c.key) === c.bp);
  return {
    status: same ? 'pass' : 'fail',
    evidence: { key: same ? 'charters.evidence.surplusDistributed' : 'charters.evidence.surplusComponentsDiffer', params: { yearEndDate, decision: run.decisionRef ?? '—' } }
  };
}

export type DecisionRuleFacts = {
  closed: {
    kind: 'general' | 'charter_change' | 'dissolution' | 'election' | 'admission';
    method: 'yes_no' | 'choose';
    quorum: CharterRules['quorum'];
    thresholdBp: number;
    /** The charter version in force when the decision was proposed (null: none recorded). */
    charterVersion: number | null;
    /** Members who could take part (the electorate, or those eligible at the meeting). */
    eligible: number;
    outcome: string | null;
  }[];
  /** The quorum and majority rules of every charter version, by version. */
  versions: Record<number, Pick<CharterRules, 'quorum' | 'majority'>>;
};

/** The majority a decision of this kind needs under the charter, in basis points. */
function requiredMajorityBp(kind: DecisionRuleFacts['closed'][number]['kind'], m: CharterRules['majority']): number {
  return kind === 'charter_change' ? m.charterChangeBp : kind === 'dissolution' ? m.dissolutionBp : m.simpleBp;
}

/**
 * Quorum and majority, measured on the decisions closed so far: each was taken under a
 * quorum at least as strict as the charter version in force when it was proposed (compared
 * on its own electorate), and each yes/no decision under at least the charter's majority
 * for its kind. Without closed decisions the rules are pending.
 */
export function measureDecisionRules(ruleKey: 'quorum' | 'majority', current: CharterRules, f: DecisionRuleFacts): Pick<ComplianceItem, 'status' | 'evidence' | 'awaits'> {
  const rulesOf = (v: number | null) => (v !== null && f.versions[v]) || current;
  if (ruleKey === 'quorum') {
    const decisions = f.closed;
    if (decisions.length === 0) return pending('decisionResults', 'governance');
    const weaker = decisions.filter((d) => quorumRequired(d.quorum, d.eligible) < quorumRequired(rulesOf(d.charterVersion).quorum, d.eligible)).length;
    const noQuorum = decisions.filter((d) => d.outcome === 'no_quorum').length;
    return { status: weaker === 0 ? 'pass' : 'fail', evidence: { key: 'charters.evidence.quorumKept', params: { decisions: decisions.length, kept: decisions.length - weaker, noQuorum } } };
  }
  const decisions = f.closed.filter((d) => d.method === 'yes_no');
  if (decisions.length === 0) return pending('decisionResults', 'governance');
  const weaker = decisions.filter((d) => d.thresholdBp < requiredMajorityBp(d.kind, rulesOf(d.charterVersion).majority)).length;
  const passed = decisions.filter((d) => d.outcome === 'passed').length;
  return { status: weaker === 0 ? 'pass' : 'fail', evidence: { key: 'charters.evidence.majorityKept', params: { decisions: decisions.length, kept: decisions.length - weaker, passed } } };
}

export type AnnualMeetingFacts = {
  /** Business day (Asia/Jakarta) of the check, 'YYYY-MM-DD'. */
  today: string;
  /** First month (1–12) of the financial year. */
  fiscalYearStartMonth: number;
  /** When the cooperative began: its legal date, else its earliest member, book entry or creation in Lumbung. */
  foundedOn: string;
  /** Closed RAT meetings: the day they began and how many whole days ahead they were announced (null: no notice recorded). */
  held: { date: string; noticeDays: number | null }[];
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (s: string) => new Date(`${s}T00:00:00Z`);

/** The last day of the most recent financial year that has ended by `today`. */
export function lastFiscalYearEnd(today: string, startMonth: number): string {
  const t = utc(today);
  let start = Date.UTC(t.getUTCFullYear(), startMonth - 1, 1);
  if (start > t.getTime()) start = Date.UTC(t.getUTCFullYear() - 1, startMonth - 1, 1);
  return iso(new Date(start - 86_400_000));
}

/** The last day of the month `months` after the month of `yearEnd` (itself a month's last day). */
export function ratDeadline(yearEnd: string, months: number): string {
  const e = utc(yearEnd);
  return iso(new Date(Date.UTC(e.getUTCFullYear(), e.getUTCMonth() + months + 1, 0)));
}

/**
 * The RAT rule for the most recent financial year that has ended: a RAT held after the year's
 * end and by the charter's deadline, announced at least the charter's notice days ahead.
 * Before the deadline with no RAT yet, the rule is pending (due by …), never pass.
 */
export function measureAnnualMeeting(rule: { monthsAfterYearEnd: number; noticeDays: number }, f: AnnualMeetingFacts): Pick<ComplianceItem, 'status' | 'evidence' | 'awaits'> {
  const yearEndDate = lastFiscalYearEnd(f.today, f.fiscalYearStartMonth);
  const deadlineDate = ratDeadline(yearEndDate, rule.monthsAfterYearEnd);
  if (f.foundedOn > yearEndDate) return { status: 'pending', evidence: { key: 'charters.evidence.ratNoYearEnded', params: { foundedDate: f.foundedOn } }, awaits: 'governance' };
  const rat = f.held.filter((m) => m.date > yearEndDate && m.date <= deadlineDate).sort((a, b) => (a.date < b.date ? -1 : 1))[0];
  const params = { yearEndDate, deadlineDate, ruleNotice: rule.noticeDays };
  if (!rat) {
    if (f.today <= deadlineDate) return { status: 'pending', evidence: { key: 'charters.evidence.ratDue', params }, awaits: 'governance' };
    return { status: 'fail', evidence: { key: 'charters.evidence.ratMissed', params } };
  }
  const notice = rat.noticeDays ?? 0;
  return {
    status: notice >= rule.noticeDays ? 'pass' : 'fail',
    evidence: { key: rat.noticeDays === null ? 'charters.evidence.ratHeldNoNotice' : 'charters.evidence.ratHeld', params: { ...params, heldDate: rat.date, notice } }
  };
}

export type ComplianceSummary = Record<ComplianceStatus, number>;

/** floor(part × 10000 / whole): a share in basis points, rounded down so a failing share never displays as the threshold. */
export function shareBp(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((part * BP_WHOLE) / whole);
}

/** part / whole ≥ bp / 10000, exactly. */
export function meetsShare(part: number, whole: number, bp: number): boolean {
  return part * BP_WHOLE >= bp * whole;
}

/** The readable statement of one rule of the charter (for the charter page and compliance titles). */
export function describeRule(ruleKey: RuleKey, r: CharterRules): Message {
  switch (ruleKey) {
    case 'membership.min':
      return { key: `charters.rule.membershipMin.${r.membership.unit}`, params: { min: r.membership.min } };
    case 'membership.max':
      return r.membership.max === null
        ? { key: 'charters.rule.membershipNoMax', params: {} }
        : { key: `charters.rule.membershipMax.${r.membership.unit}`, params: { max: r.membership.max } };
    case 'womenMinBp':
      return r.womenMinBp === null ? { key: 'charters.rule.womenNone', params: {} } : { key: 'charters.rule.women', params: { ruleBp: r.womenMinBp } };
    case 'youth':
      if (!r.youth.required) return { key: 'charters.rule.youthNone', params: {} };
      return r.youth.minBp === undefined ? { key: 'charters.rule.youthAny', params: {} } : { key: 'charters.rule.youthShare', params: { ruleBp: r.youth.minBp } };
    case 'openToAllCivilSociety':
      return { key: r.openToAllCivilSociety ? 'charters.rule.openToAll' : 'charters.rule.openRestricted', params: {} };
    case 'wellOffMayReceiveStateAid':
      return { key: r.wellOffMayReceiveStateAid ? 'charters.rule.stateAidAllowed' : 'charters.rule.noStateAidForWellOff', params: {} };
    case 'rtBased':
      return { key: r.rtBased ? 'charters.rule.rtBased' : 'charters.rule.notRtBased', params: {} };
    case 'meetings':
      return {
        key: `charters.rule.meetings.${r.meetings.allMembersMustAttend ? 'all' : 'open'}${r.meetings.isEducation ? 'Edu' : ''}`,
        params: { cadence: r.meetings.cadence }
      };
    case 'representationAllowed':
      return { key: r.representationAllowed ? 'charters.rule.representationAllowed' : 'charters.rule.noRepresentation', params: {} };
    case 'quorum':
      return r.quorum.kind === 'percent' ? { key: 'charters.rule.quorumPercent', params: { ruleBp: r.quorum.bp } } : { key: 'charters.rule.quorumMoreThanHalf', params: {} };
    case 'majority':
      return {
        key: r.majority.minTurnoutBp ? 'charters.rule.majorityTurnout' : 'charters.rule.majority',
        params: {
          simpleBp: r.majority.simpleBp,
          charterChangeBp: r.majority.charterChangeBp,
          dissolutionBp: r.majority.dissolutionBp,
          base: r.majority.base,
          ...(r.majority.minTurnoutBp ? { minTurnoutBp: r.majority.minTurnoutBp } : {})
        }
      };
    case 'approvalBy':
      return { key: `charters.rule.approvalBy.${r.approvalBy}`, params: {} };
    case 'rat':
      return { key: 'charters.rule.rat', params: { months: r.rat.monthsAfterYearEnd, noticeDays: r.rat.noticeDays } };
    case 'capital':
      return r.capital.wajib === 0
        ? { key: 'charters.rule.capitalPokokOnly', params: { pokokRupiah: r.capital.pokok } }
        : { key: 'charters.rule.capital', params: { pokokRupiah: r.capital.pokok, wajibRupiah: r.capital.wajib, period: r.capital.wajibPeriod } };
    case 'surplus':
      return { key: 'charters.rule.surplus', params: { components: r.surplus.components.map((c) => ({ ...c })) } };
    case 'collectiveBusinessOnly':
      return { key: r.collectiveBusinessOnly ? 'charters.rule.collectiveBusinessOnly' : 'charters.rule.businessFree', params: {} };
    case 'localResourceBusiness':
      return { key: r.localResourceBusiness ? 'charters.rule.localResourceBusiness' : 'charters.rule.businessAnyResource', params: {} };
    case 'education.candidate':
      return { key: r.education?.candidateEducationRequired ? 'education.rule.candidate' : 'education.rule.candidateNone', params: {} };
    case 'education.hours':
      return r.education?.minHoursPerYear ? { key: 'education.rule.hours', params: { hours: r.education.minHoursPerYear } } : { key: 'education.rule.hoursNone', params: {} };
    case 'meetingsEducation':
      return { key: r.meetings.isEducation ? 'education.rule.meetings' : 'education.rule.meetingsNone', params: {} };
  }
}

/** Whether the charter makes an obligation of this rule (permissive settings have nothing to check). */
export function isObligation(ruleKey: RuleKey, r: CharterRules): boolean {
  switch (ruleKey) {
    case 'membership.max':
      return r.membership.max !== null;
    case 'womenMinBp':
      return r.womenMinBp !== null;
    case 'youth':
      return r.youth.required;
    case 'openToAllCivilSociety':
      return r.openToAllCivilSociety;
    case 'wellOffMayReceiveStateAid':
      return !r.wellOffMayReceiveStateAid;
    case 'rtBased':
      return r.rtBased;
    case 'representationAllowed':
      return !r.representationAllowed;
    case 'collectiveBusinessOnly':
      return r.collectiveBusinessOnly;
    case 'localResourceBusiness':
      return r.localResourceBusiness;
    case 'education.candidate':
      return r.education?.candidateEducationRequired === true;
    case 'education.hours':
      return (r.education?.minHoursPerYear ?? 0) > 0;
    case 'meetingsEducation':
      return r.meetings.isEducation;
    default:
      return true;
  }
}

// Every module named here exists except 'business' (no record of the kinds of business activity):
// a pending rule says the data is not recorded yet, never that its module is missing (issue 14 item 5).
const pending = (data: string, module: AwaitedModule): Pick<ComplianceItem, 'status' | 'evidence' | 'awaits'> => ({
  status: 'pending',
  evidence: { key: module === 'business' ? 'charters.evidence.notRecorded' : 'charters.evidence.awaitingData', params: { data, module } },
  awaits: module
});

const noActiveMembers = (): Pick<ComplianceItem, 'status' | 'evidence' | 'awaits'> => ({
  status: 'pending',
  evidence: { key: 'charters.evidence.noActiveMembers', params: {} },
  awaits: 'members'
});

type Outcome = Pick<ComplianceItem, 'status' | 'evidence'> & { awaits?: AwaitedModule };

function measure(ruleKey: RuleKey, r: CharterRules, f: ComplianceFacts): Outcome {
  const m = f.members;
  const unit = r.membership.unit;
  // A household charter counts households (a member without a household code is their own household).
  const count = unit === 'household' ? m.households : m.active;
  switch (ruleKey) {
    case 'membership.min':
      return {
        status: count >= r.membership.min ? 'pass' : 'fail',
        evidence: { key: `charters.evidence.membership.${unit}`, params: { count, active: m.active, min: r.membership.min } }
      };
    case 'membership.max': {
      // Only evaluated when the charter names a maximum (isObligation).
      const max = r.membership.max as number;
      return {
        status: count <= max ? 'pass' : 'fail',
        evidence: { key: `charters.evidence.membership.${unit}`, params: { count, active: m.active, max } }
      };
    }
    case 'womenMinBp': {
      if (m.active === 0) return noActiveMembers();
      const ruleBp = r.womenMinBp ?? 0;
      return {
        status: meetsShare(m.women, m.active, ruleBp) ? 'pass' : 'fail',
        evidence: { key: 'charters.evidence.women', params: { women: m.women, active: m.active, shareBp: shareBp(m.women, m.active), ruleBp } }
      };
    }
    case 'youth': {
      if (m.active === 0) return noActiveMembers();
      const missing = Math.max(0, m.active - m.withBirthDate);
      const params: MessageParams = { youth: m.youth, active: m.active, withBirthDate: m.withBirthDate, missing, shareBp: shareBp(m.youth, m.active) };
      const enough = (n: number) => (r.youth.minBp === undefined ? n >= 1 : meetsShare(n, m.active, r.youth.minBp));
      if (r.youth.minBp !== undefined) params.ruleBp = r.youth.minBp;
      const key = `charters.evidence.youth${r.youth.minBp === undefined ? 'Any' : 'Share'}${missing > 0 ? 'Missing' : ''}`;
      if (enough(m.youth)) return { status: 'pass', evidence: { key, params } };
      // Members without a birth date might be young: the rule is undecided until they are recorded.
      if (missing > 0 && enough(m.youth + missing)) return { status: 'pending', evidence: { key, params }, awaits: 'members' };
      return { status: 'fail', evidence: { key, params } };
    }
    case 'wellOffMayReceiveStateAid':
      return {
        status: m.wellOffReceivingStateAid === 0 ? 'pass' : 'fail',
        evidence: { key: 'charters.evidence.wellOffStateAid', params: { count: m.wellOffReceivingStateAid, active: m.active } }
      };
    case 'rtBased': {
      const { villageCode, rt, rw } = f.coop;
      if (!villageCode || rt === null) return { status: 'pending', evidence: { key: 'charters.evidence.rtCoopMissing', params: {} }, awaits: 'settings' };
      if (m.active === 0) return noActiveMembers();
      const missing = Math.max(0, m.active - m.withRt);
      const params: MessageParams = { rt, rw: rw ?? '—', distinctRt: m.distinctRt, withRt: m.withRt, active: m.active, missing };
      if (missing > 0) return { status: 'pending', evidence: { key: 'charters.evidence.rtMembersMissing', params }, awaits: 'members' };
      return { status: 'pass', evidence: { key: 'charters.evidence.rtBased', params } };
    }
    case 'openToAllCivilSociety':
      return pending('admissionDecisions', 'members');
    case 'meetings': {
      const g = f.governance;
      if (!g || g.meetings + g.periods === 0) return pending('meetingAttendance', 'governance');
      // Cadence kept in every complete period checked; where all must attend, every meeting had everyone.
      const params = { held: g.periodsWithMeeting, periods: g.periods, cadence: r.meetings.cadence, meetings: g.meetings, full: g.meetingsAllAttended, minShareBp: g.minAttendanceBp ?? 0 };
      const ok = g.periodsWithMeeting === g.periods && (!r.meetings.allMembersMustAttend || g.meetingsAllAttended === g.meetings);
      return { status: ok ? 'pass' : 'fail', evidence: { key: 'governance.evidence.meetings', params } };
    }
    case 'representationAllowed': {
      const g = f.governance;
      if (!g || g.decisions === 0) return pending('decisionParticipation', 'governance');
      const params = { decisions: g.decisions, ballots: g.ballots, paper: g.paperBallots, represented: g.representedBallots };
      return { status: g.representedBallots === 0 ? 'pass' : 'fail', evidence: { key: 'governance.evidence.representation', params } };
    }
    case 'quorum':
    case 'majority':
      return f.decisions ? measureDecisionRules(ruleKey, r, f.decisions) : pending('decisionResults', 'governance');
    case 'approvalBy':
      return pending('admissionDecisions', r.approvalBy === 'meeting' ? 'governance' : 'members');
    case 'rat':
      return f.annualMeetings ? measureAnnualMeeting(r.rat, f.annualMeetings) : pending('annualMeeting', 'governance');
    case 'capital': {
      const c = f.capital;
      if (!c) return pending('capitalPaid', 'capital');
      if (c.active === 0) return noActiveMembers();
      // Every active member has paid pokok in full and none is in arrears on wajib.
      const params = { pokokFull: c.pokokPaidInFull, active: c.active, inArrears: c.wajibInArrears, arrearsRupiah: c.wajibArrears };
      const ok = c.pokokPaidInFull === c.active && (r.capital.wajib === 0 || c.wajibInArrears === 0);
      return { status: ok ? 'pass' : 'fail', evidence: { key: r.capital.wajib === 0 ? 'capital.evidence.capitalPokokOnly' : 'capital.evidence.capital', params } };
    }
    case 'surplus':
      return f.annualMeetings && f.surplusRuns ? measureSurplus(r, f.annualMeetings, f.surplusRuns) : pending('surplusDistribution', 'surplus');
    case 'collectiveBusinessOnly':
    case 'localResourceBusiness':
      return pending('businessActivities', 'business');
    case 'education.candidate':
    case 'education.hours':
    case 'meetingsEducation':
      return f.education ? measureEducation(ruleKey, r, f.education) : pending('educationRecords', 'education');
  }
}

/**
 * The education rules (decision 0120), from the education capability's facts:
 * - candidates: every member admitted in the last twelve months completed a candidates' programme
 *   (none admitted: pending);
 * - hours: every member active through last year attended the charter's hours in it (no sessions
 *   last year: this year so far — pass when every active member already has them, else pending);
 * - meetings: every regular members' meeting closed in the last twelve months was an education
 *   session too (none held: pending).
 */
export function measureEducation(ruleKey: 'education.candidate' | 'education.hours' | 'meetingsEducation', r: CharterRules, e: EducationFacts): Pick<ComplianceItem, 'status' | 'evidence' | 'awaits'> {
  if (ruleKey === 'education.candidate') {
    if (e.admitted === 0) return { status: 'pending', evidence: { key: 'education.evidence.noneAdmitted', params: {} }, awaits: 'members' };
    return { status: e.admittedEducated === e.admitted ? 'pass' : 'fail', evidence: { key: 'education.evidence.candidate', params: { admitted: e.admitted, educated: e.admittedEducated } } };
  }
  if (ruleKey === 'education.hours') {
    const hours = r.education?.minHoursPerYear ?? 0;
    if (e.lastYear.sessions > 0) {
      const ok = e.lastYear.meetingHours === e.lastYear.members;
      return { status: ok ? 'pass' : 'fail', evidence: { key: 'education.evidence.hoursLastYear', params: { year: e.year - 1, members: e.lastYear.members, met: e.lastYear.meetingHours, hours } } };
    }
    if (e.activeMembers === 0) return noActiveMembers();
    const ok = e.meetingHours === e.activeMembers;
    return { status: ok ? 'pass' : 'pending', evidence: { key: 'education.evidence.hoursThisYear', params: { year: e.year, members: e.activeMembers, met: e.meetingHours, hours } }, ...(ok ? {} : { awaits: 'education' as const }) };
  }
  if (e.meetings === 0) return { status: 'pending', evidence: { key: 'education.evidence.noMeetings', params: {} }, awaits: 'governance' };
  return { status: e.meetingsEducation === e.meetings ? 'pass' : 'fail', evidence: { key: 'education.evidence.meetings', params: { meetings: e.meetings, education: e.meetingsEducation } } };
}

/**
 * For each obligation of the charter: pass, fail, or pending (not yet measurable) with the
 * evidence. Rules measured by later capabilities are always pending, never pass.
 */
export function evaluateCompliance(rules: CharterRules, facts: ComplianceFacts): ComplianceItem[] {
  return RULE_KEYS.filter((k) => isObligation(k, rules)).map((ruleKey) => {
    const outcome = measure(ruleKey, rules, facts);
    return { ruleKey, status: outcome.status, rule: describeRule(ruleKey, rules), evidence: outcome.evidence, ...(outcome.awaits ? { awaits: outcome.awaits } : {}) };
  });
}

export function summarize(items: readonly ComplianceItem[]): ComplianceSummary {
  const out: ComplianceSummary = { pass: 0, fail: 0, pending: 0 };
  for (const i of items) out[i.status] += 1;
  return out;
}
