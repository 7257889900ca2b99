import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCompliance, lastFiscalYearEnd, measureAnnualMeeting, measureDecisionRules, measureSurplus, meetsShare, ratDeadline, shareBp, summarize, type AnnualMeetingFacts, type ComplianceFacts, type ComplianceItem, type DecisionRuleFacts, type SurplusRunFacts } from './compliance.js';
import type { CharterRules, RuleKey } from './model.js';
import { templateRules } from './templates.js';

type MemberFacts = ComplianceFacts['members'];

/** Facts for a membership where everyone is recorded in full unless said otherwise. */
function facts(members: Partial<MemberFacts> & { active: number }, coop: Partial<ComplianceFacts['coop']> = {}): ComplianceFacts {
  const active = members.active;
  return {
    members: {
      women: 0,
      youth: 0,
      withBirthDate: active,
      households: active,
      wellOffReceivingStateAid: 0,
      withRt: active,
      distinctRt: active > 0 ? 1 : 0,
      ...members
    },
    coop: { villageCode: '33.22.11.2001', rt: 3, rw: 5, ...coop }
  };
}

const jp = () => templateRules('jamaah_produksi');
const item = (items: ComplianceItem[], key: RuleKey) => {
  const found = items.find((i) => i.ruleKey === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};
const statusOf = (rules: CharterRules, f: ComplianceFacts, key: RuleKey) => item(evaluateCompliance(rules, f), key).status;

describe('membership bounds', () => {
  it('fails 19 and passes 20 households against a minimum of 20', () => {
    expect(statusOf(jp(), facts({ active: 19, women: 10 }), 'membership.min')).toBe('fail');
    expect(statusOf(jp(), facts({ active: 20, women: 10 }), 'membership.min')).toBe('pass');
  });

  it('passes 40 and fails 41 households against a maximum of 40, with the count as evidence', () => {
    expect(statusOf(jp(), facts({ active: 40 }), 'membership.max')).toBe('pass');
    const over = item(evaluateCompliance(jp(), facts({ active: 41 })), 'membership.max');
    expect(over.status).toBe('fail');
    expect(over.evidence).toEqual({ key: 'charters.evidence.membership.household', params: { count: 41, active: 41, max: 40 } });
    expect(over.rule).toEqual({ key: 'charters.rule.membershipMax.household', params: { max: 40 } });
  });

  it('counts households, not persons, when the charter counts households', () => {
    // 44 active persons in 38 households: within a maximum of 40 households.
    const f = facts({ active: 44, households: 38 });
    expect(statusOf(jp(), f, 'membership.max')).toBe('pass');
    // The same people under a per-person charter exceed 40.
    const perPerson = jp();
    perPerson.membership.unit = 'person';
    expect(statusOf(perPerson, f, 'membership.max')).toBe('fail');
    // 25 persons in 18 households are below 20 households.
    expect(statusOf(jp(), facts({ active: 25, households: 18 }), 'membership.min')).toBe('fail');
  });

  it('has no maximum item when the charter sets no maximum', () => {
    const items = evaluateCompliance(templateRules('primer'), facts({ active: 5000 }));
    expect(items.some((i) => i.ruleKey === 'membership.max')).toBe(false);
    expect(item(items, 'membership.min').status).toBe('pass');
  });
});

describe('women’s share', () => {
  it('passes 11 women of 22 (50 %) against at least 50 %', () => {
    const it = item(evaluateCompliance(jp(), facts({ active: 22, women: 11 })), 'womenMinBp');
    expect(it.status).toBe('pass');
    expect(it.evidence).toEqual({ key: 'charters.evidence.women', params: { women: 11, active: 22, shareBp: 5000, ruleBp: 5000 } });
  });

  it('fails 49.99 % and passes 50 % exactly', () => {
    expect(statusOf(jp(), facts({ active: 10_000, women: 4999, households: 30 }), 'womenMinBp')).toBe('fail');
    expect(statusOf(jp(), facts({ active: 10_000, women: 5000, households: 30 }), 'womenMinBp')).toBe('pass');
  });

  it('fails 10 of 21 (47.61 %) and shows the share rounded down so it never reads as 50 %', () => {
    const it = item(evaluateCompliance(jp(), facts({ active: 21, women: 10 })), 'womenMinBp');
    expect(it.status).toBe('fail');
    expect(it.evidence.params.shareBp).toBe(4761);
  });

  it('fails a share a hair below the rule that would round up to it (2499 of 4999 = 49.99 %)', () => {
    const it = item(evaluateCompliance(jp(), facts({ active: 4999, women: 2499, households: 30 })), 'womenMinBp');
    expect(it.status).toBe('fail');
    expect(it.evidence.params.shareBp).toBe(4998);
  });

  it('is pending, not passing, when there are no active members', () => {
    const it = item(evaluateCompliance(jp(), facts({ active: 0 })), 'womenMinBp');
    expect(it.status).toBe('pending');
    expect(it.evidence.key).toBe('charters.evidence.noActiveMembers');
  });

  it('passes exactly when the displayed share reaches the rule (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 10_000 }), fc.nat(), (active, ruleBp, seed) => {
        const women = seed % (active + 1);
        const rules = jp();
        rules.womenMinBp = ruleBp;
        const it = item(evaluateCompliance(rules, facts({ active, women })), 'womenMinBp');
        const exact = women * 10_000 >= ruleBp * active;
        return (it.status === 'pass') === exact && (it.evidence.params.shareBp as number) >= ruleBp === exact;
      })
    );
  });
});

describe('youth', () => {
  it('passes when at least one young member is among the members (involvement without a share)', () => {
    expect(statusOf(jp(), facts({ active: 22, youth: 1 }), 'youth')).toBe('pass');
    expect(statusOf(jp(), facts({ active: 22, youth: 0 }), 'youth')).toBe('fail');
  });

  it('is pending when no young member is known but some birth dates are missing, and says so', () => {
    const it = item(evaluateCompliance(jp(), facts({ active: 22, youth: 0, withBirthDate: 18 })), 'youth');
    expect(it.status).toBe('pending');
    expect(it.evidence).toEqual({ key: 'charters.evidence.youthAnyMissing', params: { youth: 0, active: 22, withBirthDate: 18, missing: 4, shareBp: 0 } });
  });

  it('passes with known young members and still reports the missing birth dates', () => {
    const it = item(evaluateCompliance(jp(), facts({ active: 22, youth: 3, withBirthDate: 18 })), 'youth');
    expect(it.status).toBe('pass');
    expect(it.evidence.key).toBe('charters.evidence.youthAnyMissing');
    expect(it.evidence.params.missing).toBe(4);
  });

  it('checks a youth share: fails when even the unknown birth dates could not reach it', () => {
    const rules = jp();
    rules.youth = { required: true, minBp: 2000 };
    // 20 % of 30 is 6.
    expect(statusOf(rules, facts({ active: 30, youth: 6 }), 'youth')).toBe('pass');
    expect(statusOf(rules, facts({ active: 30, youth: 5 }), 'youth')).toBe('fail');
    expect(statusOf(rules, facts({ active: 30, youth: 5, withBirthDate: 29 }), 'youth')).toBe('pending');
    expect(statusOf(rules, facts({ active: 30, youth: 3, withBirthDate: 28 }), 'youth')).toBe('fail');
  });

  it('has no youth item when the charter does not require youth', () => {
    expect(evaluateCompliance(templateRules('primer'), facts({ active: 30 })).some((i) => i.ruleKey === 'youth')).toBe(false);
  });
});

describe('state aid and the RT', () => {
  it('fails when a well-off member receives state aid, and passes when none does', () => {
    expect(statusOf(jp(), facts({ active: 22 }), 'wellOffMayReceiveStateAid')).toBe('pass');
    const it = item(evaluateCompliance(jp(), facts({ active: 22, wellOffReceivingStateAid: 2 })), 'wellOffMayReceiveStateAid');
    expect(it.status).toBe('fail');
    expect(it.evidence.params).toEqual({ count: 2, active: 22 });
  });

  it('is pending while the cooperative’s RT or village is not recorded', () => {
    const it = item(evaluateCompliance(jp(), facts({ active: 22 }, { rt: null })), 'rtBased');
    expect(it.status).toBe('pending');
    expect(it.awaits).toBe('settings');
    expect(statusOf(jp(), facts({ active: 22 }, { villageCode: null }), 'rtBased')).toBe('pending');
  });

  it('is pending while some members have no RT recorded, and passes when all have', () => {
    const missing = item(evaluateCompliance(jp(), facts({ active: 22, withRt: 20 })), 'rtBased');
    expect(missing.status).toBe('pending');
    expect(missing.evidence.params.missing).toBe(2);
    const ok = item(evaluateCompliance(jp(), facts({ active: 22, distinctRt: 2 })), 'rtBased');
    expect(ok.status).toBe('pass');
    expect(ok.evidence.params).toMatchObject({ rt: 3, rw: 5, distinctRt: 2, active: 22 });
  });
});

describe('rules measured by later capabilities', () => {
  const LATER: RuleKey[] = ['meetings', 'representationAllowed', 'quorum', 'majority', 'approvalBy', 'rat', 'capital', 'surplus', 'collectiveBusinessOnly', 'localResourceBusiness', 'openToAllCivilSociety'];

  it('lists all ten Jamaah Produksi rules, and the later ones as pending with the missing data named', () => {
    const items = evaluateCompliance(jp(), facts({ active: 22, women: 11, youth: 2 }));
    const keys = items.map((i) => i.ruleKey);
    for (const k of ['collectiveBusinessOnly', 'rtBased', 'meetings', 'womenMinBp', 'membership.min', 'openToAllCivilSociety', 'wellOffMayReceiveStateAid', 'youth', 'membership.max', 'localResourceBusiness', 'representationAllowed'] as RuleKey[]) {
      expect(keys).toContain(k);
    }
    for (const k of LATER) {
      const it = item(items, k);
      expect(it.status).toBe('pending');
      expect(it.evidence.key).toBe(it.awaits === 'business' ? 'charters.evidence.notRecorded' : 'charters.evidence.awaitingData');
      expect(it.awaits).toBeDefined();
    }
    expect(item(items, 'meetings').awaits).toBe('governance');
    expect(item(items, 'capital').awaits).toBe('capital');
    expect(item(items, 'collectiveBusinessOnly').awaits).toBe('business');
  });

  it('never passes a rule whose data comes later, whatever the membership (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ active: fc.nat(200), women: fc.nat(200), youth: fc.nat(200), withBirthDate: fc.nat(200), households: fc.nat(200), wellOffReceivingStateAid: fc.nat(5), withRt: fc.nat(200), distinctRt: fc.nat(10) }),
        fc.constantFrom('tujuh_prinsip', 'jamaah_produksi', 'primer', 'pekerja', 'platform', 'startup' as const),
        (m, tpl) => {
          const items = evaluateCompliance(templateRules(tpl), { members: m, coop: { villageCode: '1', rt: 1, rw: 1 } });
          return items.filter((i) => LATER.includes(i.ruleKey)).every((i) => i.status === 'pending');
        }
      )
    );
  });

  it('leaves out permissive settings that oblige nothing', () => {
    const items = evaluateCompliance(templateRules('primer'), facts({ active: 30 }));
    const keys = items.map((i) => i.ruleKey);
    for (const k of ['womenMinBp', 'rtBased', 'collectiveBusinessOnly', 'localResourceBusiness', 'wellOffMayReceiveStateAid'] as RuleKey[]) expect(keys).not.toContain(k);
    expect(keys).toContain('representationAllowed');
  });
});

describe('shares and summary', () => {
  it('computes shares in basis points with integers', () => {
    expect(shareBp(11, 22)).toBe(5000);
    expect(shareBp(1, 3)).toBe(3333);
    expect(shareBp(2, 3)).toBe(6666);
    expect(shareBp(0, 0)).toBe(0);
    expect(meetsShare(1, 3, 3333)).toBe(true);
    expect(meetsShare(1, 3, 3334)).toBe(false);
  });

  it('counts each status once', () => {
    const items = evaluateCompliance(jp(), facts({ active: 41, women: 11 }));
    const s = summarize(items);
    expect(s.pass + s.fail + s.pending).toBe(items.length);
    expect(s.fail).toBeGreaterThanOrEqual(2); // over the maximum and under 50 % women
  });
});

describe('the annual members’ meeting (RAT) rule', () => {
  const rule = { monthsAfterYearEnd: 3, noticeDays: 14 };
  const ratFacts = (over: Partial<AnnualMeetingFacts>): AnnualMeetingFacts => ({ today: '2026-02-10', fiscalYearStartMonth: 1, foundedOn: '2020-05-01', held: [], ...over });

  it('finds the last ended financial year and its deadline at the end of the month', () => {
    expect(lastFiscalYearEnd('2026-11-23', 1)).toBe('2025-12-31');
    expect(lastFiscalYearEnd('2026-01-01', 1)).toBe('2025-12-31');
    expect(lastFiscalYearEnd('2026-11-23', 7)).toBe('2026-06-30');
    expect(lastFiscalYearEnd('2026-06-30', 7)).toBe('2025-06-30');
    expect(ratDeadline('2025-12-31', 2)).toBe('2026-02-28');
    expect(ratDeadline('2027-12-31', 2)).toBe('2028-02-29');
    expect(ratDeadline('2026-06-30', 5)).toBe('2026-11-30');
  });

  it('is pending (due by the deadline) before the deadline when no RAT was held, and fails after it', () => {
    const due = measureAnnualMeeting(rule, ratFacts({}));
    expect(due).toMatchObject({ status: 'pending', evidence: { key: 'charters.evidence.ratDue', params: { yearEndDate: '2025-12-31', deadlineDate: '2026-03-31' } } });
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-03-31' })).status).toBe('pending');
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-04-01' }))).toMatchObject({ status: 'fail', evidence: { key: 'charters.evidence.ratMissed' } });
  });

  it('passes a RAT held in time with enough notice, and fails one announced too late or held too late', () => {
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-05-01', held: [{ date: '2026-03-20', noticeDays: 14 }] }))).toMatchObject({ status: 'pass', evidence: { params: { heldDate: '2026-03-20', notice: 14 } } });
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-05-01', held: [{ date: '2026-03-20', noticeDays: 13 }] })).status).toBe('fail');
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-05-01', held: [{ date: '2026-03-20', noticeDays: null }] }))).toMatchObject({ status: 'fail', evidence: { key: 'charters.evidence.ratHeldNoNotice' } });
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-05-01', held: [{ date: '2026-04-02', noticeDays: 30 }] })).status).toBe('fail');
    // The previous year's RAT (held before this year ended) does not count for this year.
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-05-01', held: [{ date: '2025-12-30', noticeDays: 30 }] })).status).toBe('fail');
    // Of two RATs in the window, the first one counts.
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-05-01', held: [{ date: '2026-03-25', noticeDays: 30 }, { date: '2026-02-01', noticeDays: 20 }] }))).toMatchObject({ status: 'pass', evidence: { params: { heldDate: '2026-02-01' } } });
  });

  it('is pending for a cooperative that began after the last financial year ended', () => {
    expect(measureAnnualMeeting(rule, ratFacts({ today: '2026-11-23', foundedOn: '2026-05-01' }))).toMatchObject({ status: 'pending', evidence: { key: 'charters.evidence.ratNoYearEnded' } });
  });

  it('is measured by evaluateCompliance when the facts are there', () => {
    const rules = templateRules('tujuh_prinsip');
    const base = facts({ active: 22, women: 11, youth: 2 });
    const inTime = evaluateCompliance(rules, { ...base, annualMeetings: ratFacts({ today: '2026-08-01', held: [{ date: '2026-01-20', noticeDays: rules.rat.noticeDays }] }) });
    expect(item(inTime, 'rat').status).toBe('pass');
    const late = evaluateCompliance(rules, { ...base, annualMeetings: ratFacts({ today: '2026-08-01', held: [{ date: '2026-01-20', noticeDays: rules.rat.noticeDays - 1 }] }) });
    expect(item(late, 'rat').status).toBe('fail');
    expect(item(evaluateCompliance(rules, base), 'rat').status).toBe('pending');
  });
});

describe('quorum and majority, measured on the closed decisions', () => {
  const rules = templateRules('tujuh_prinsip');
  type Closed = DecisionRuleFacts['closed'][number];
  const decision = (over: Partial<Closed>): Closed => ({ kind: 'general', method: 'yes_no', quorum: rules.quorum, thresholdBp: rules.majority.simpleBp, charterVersion: 1, eligible: 20, outcome: 'passed', ...over });
  const versions = { 1: { quorum: rules.quorum, majority: rules.majority } };

  it('stays pending without closed decisions', () => {
    expect(measureDecisionRules('quorum', rules, { closed: [], versions }).status).toBe('pending');
    expect(measureDecisionRules('majority', rules, { closed: [decision({ method: 'choose', kind: 'election' })], versions }).status).toBe('pending');
  });

  it('passes decisions taken under the charter’s quorum and majority, and counts those without quorum', () => {
    const f = { closed: [decision({}), decision({ outcome: 'no_quorum' }), decision({ kind: 'charter_change', thresholdBp: rules.majority.charterChangeBp, outcome: 'rejected' })], versions };
    expect(measureDecisionRules('quorum', rules, f)).toMatchObject({ status: 'pass', evidence: { key: 'charters.evidence.quorumKept', params: { decisions: 3, kept: 3, noQuorum: 1 } } });
    expect(measureDecisionRules('majority', rules, f)).toMatchObject({ status: 'pass', evidence: { params: { decisions: 3, kept: 3, passed: 1 } } });
  });

  it('fails a decision taken under a looser quorum or a smaller majority than its kind needs', () => {
    const loose = { closed: [decision({ quorum: { kind: 'percent', bp: 1000 } })], versions: { 1: { quorum: { kind: 'more_than_half' as const }, majority: rules.majority } } };
    expect(measureDecisionRules('quorum', rules, loose)).toMatchObject({ status: 'fail', evidence: { params: { decisions: 1, kept: 0 } } });
    const strictCharter = { ...rules, majority: { simpleBp: 5000, charterChangeBp: 6666, dissolutionBp: 7500, base: 'votes_cast' as const, minTurnoutBp: null } };
    const small = { closed: [decision({ kind: 'charter_change', thresholdBp: 5000 })], versions: { 1: { quorum: rules.quorum, majority: strictCharter.majority } } };
    expect(measureDecisionRules('majority', strictCharter, small).status).toBe('fail');
  });

  it('judges each decision by the charter version in force when it was proposed', () => {
    const v1 = { quorum: { kind: 'percent' as const, bp: 2000 }, majority: rules.majority };
    const v2 = { quorum: { kind: 'more_than_half' as const }, majority: rules.majority };
    const current = { ...rules, quorum: v2.quorum };
    const f = { closed: [decision({ quorum: v1.quorum, charterVersion: 1 }), decision({ quorum: v2.quorum, charterVersion: 2 })], versions: { 1: v1, 2: v2 } };
    expect(measureDecisionRules('quorum', current, f).status).toBe('pass');
    expect(measureDecisionRules('quorum', current, { ...f, closed: [decision({ quorum: v1.quorum, charterVersion: 2 })] }).status).toBe('fail');
  });
});

describe('the surplus rule, measured on the RAT-approved runs', () => {
  const rules = templateRules('tujuh_prinsip');
  const cal = (today: string): AnnualMeetingFacts => ({ today, fiscalYearStartMonth: 1, foundedOn: '2020-01-01', held: [] });
  const run = (over: Partial<SurplusRunFacts> = {}): SurplusRunFacts => ({ periodEnd: '2025-12-31', status: 'posted', decisionRef: 'RAT 2026 No. 3', components: rules.surplus.components.map((c) => ({ key: c.key, bp: c.bp })), ...over });
  const deadline = ratDeadline('2025-12-31', rules.rat.monthsAfterYearEnd);
  const after = new Date(Date.parse(`${deadline}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  it('is pending before the deadline without an approved run, and fails after it', () => {
    expect(measureSurplus(rules, cal('2026-01-10'), [])).toMatchObject({ status: 'pending', evidence: { key: 'charters.evidence.surplusDue' } });
    expect(measureSurplus(rules, cal(after), [run({ periodEnd: '2024-12-31' })])).toMatchObject({ status: 'fail', evidence: { key: 'charters.evidence.surplusMissing' } });
  });

  it('passes a run of the year divided by the charter’s components, and fails one with other components', () => {
    expect(measureSurplus(rules, cal(after), [run()])).toMatchObject({ status: 'pass', evidence: { params: { decision: 'RAT 2026 No. 3' } } });
    const other = run({ components: rules.surplus.components.map((c, i) => ({ key: c.key, bp: i === 0 ? c.bp + 1 : c.bp })) });
    expect(measureSurplus(rules, cal(after), [other]).status).toBe('fail');
    expect(item(evaluateCompliance(rules, { ...facts({ active: 5 }), annualMeetings: cal(after), surplusRuns: [run()] }), 'surplus').status).toBe('pass');
  });
});
