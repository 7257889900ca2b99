import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEligibility, DEFAULT_CARE_RULES, ZCareRules, type EligibilityFacts } from './model.js';

const facts = (f: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  isMember: true,
  joinedOn: '2025-01-01',
  today: '2026-06-01',
  amountAsked: 500_000,
  householdReceivedThisYear: 0,
  householdOpenApplications: 0,
  isWellOff: false,
  fundIsStateAid: false,
  noStateAidForWellOff: true,
  ...f
});

describe('eligibility rules as data', () => {
  it('passes an ordinary application and shows the evidence of each rule', () => {
    const r = checkEligibility(DEFAULT_CARE_RULES, facts());
    expect(r.eligible).toBe(true);
    expect(r.checks.map((c) => c.rule)).toEqual(['membersOnly', 'waitingDays', 'oneOpenPerHousehold', 'maxPerHouseholdPerYear', 'noStateAidForWellOff']);
    expect(r.checks.find((c) => c.rule === 'waitingDays')!.evidence.params).toEqual({ joinedOn: '2025-01-01', days: 516, required: 90 });
  });

  it('refuses a well-off household from state aid only, by the charter rule', () => {
    expect(checkEligibility(DEFAULT_CARE_RULES, facts({ isWellOff: true, fundIsStateAid: true })).refusedBy).toBe('noStateAidForWellOff');
    expect(checkEligibility(DEFAULT_CARE_RULES, facts({ isWellOff: true, fundIsStateAid: false })).eligible).toBe(true);
    expect(checkEligibility(DEFAULT_CARE_RULES, facts({ isWellOff: true, fundIsStateAid: true, noStateAidForWellOff: false })).eligible).toBe(true);
  });

  it('names the rule that refused: members only, waiting period, open application, yearly cap', () => {
    expect(checkEligibility({ ...DEFAULT_CARE_RULES, membersOnly: true }, facts({ isMember: false, joinedOn: null })).refusedBy).toBe('membersOnly');
    expect(checkEligibility(DEFAULT_CARE_RULES, facts({ joinedOn: '2026-05-01' })).refusedBy).toBe('waitingDays');
    expect(checkEligibility(DEFAULT_CARE_RULES, facts({ householdOpenApplications: 1 })).refusedBy).toBe('oneOpenPerHousehold');
    expect(checkEligibility(DEFAULT_CARE_RULES, facts({ householdReceivedThisYear: 4_600_000 })).refusedBy).toBe('maxPerHouseholdPerYear');
    expect(checkEligibility(DEFAULT_CARE_RULES, facts({ householdReceivedThisYear: 4_500_000 })).eligible).toBe(true);
    // A non-member of the community has no waiting period.
    expect(checkEligibility(DEFAULT_CARE_RULES, facts({ isMember: false, joinedOn: null })).eligible).toBe(true);
  });

  it('never lets a household past the yearly cap (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 20_000_000 }), (received, asked, cap) => {
        const r = checkEligibility({ ...DEFAULT_CARE_RULES, maxPerHouseholdPerYear: cap }, facts({ householdReceivedThisYear: received, amountAsked: asked }));
        return r.eligible === received + asked <= cap;
      })
    );
  });

  it('rules are validated: no more approvals than named officers', () => {
    expect(ZCareRules.safeParse({ ...DEFAULT_CARE_RULES, approvalsRequired: 4, approverRoles: ['ketua', 'bendahara'] }).success).toBe(false);
    expect(ZCareRules.safeParse(DEFAULT_CARE_RULES).success).toBe(true);
  });
});
