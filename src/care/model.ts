import { z } from 'zod';
import { isValidPlainDate } from '../kernel/clock.js';

/** Whole rupiah up to one trillion (a fund movement, a budget line, an amount asked). */
export const MAX_CARE_RUPIAH = 1_000_000_000_000;
const ZRupiah = z.number().int().min(1).max(MAX_CARE_RUPIAH);
const ZPlainDate = z.string().refine(isValidPlainDate, { message: 'date_invalid' });
const ZVillage = z.string().trim().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'invalid_format_regex' });
const ZKey = z.string().trim().regex(/^[A-Za-z0-9_:.-]{8,100}$/, { message: 'idempotency_key_invalid' });

export const APPLICATION_CATEGORIES = ['kesehatan', 'sekolah_anak', 'bencana', 'duka', 'usaha'] as const;
export type ApplicationCategory = (typeof APPLICATION_CATEGORIES)[number];
export const OFFICER_ROLES = ['ketua', 'sekretaris', 'bendahara', 'pengawas'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/* ------------------------------------------------------------------ rules as data */

/**
 * The cooperative's aid rules. The state-aid rule applies when these rules say so or the
 * charter does (wellOffMayReceiveStateAid = false, as in the Jamaah Produksi template).
 */
export const ZCareRules = z.object({
  /** Only members may apply (false: people of the surrounding community too). */
  membersOnly: z.boolean(),
  /** The most a household may receive in one calendar year, all funds together (null: no cap). */
  maxPerHouseholdPerYear: ZRupiah.nullable(),
  /** Days a member waits after joining before applying (null: none; not applied to non-members). */
  waitingDays: z.number().int().min(1).max(3650).nullable(),
  /** A household may have only one open application at a time. */
  oneOpenPerHousehold: z.boolean(),
  /** How many of the named officers must approve. */
  approvalsRequired: z.number().int().min(1).max(4),
  /** The officers the charter names as deciders. */
  approverRoles: z.array(z.enum(OFFICER_ROLES)).min(1).max(4),
  /** Above this amount the officers may not decide: it goes to the members (null: never). */
  membersDecisionAbove: ZRupiah.nullable(),
  /** The cooperative's own rule that the well-off get no state aid (the charter may also say so). */
  noStateAidForWellOff: z.boolean()
}).strict().refine((r) => r.approvalsRequired <= new Set(r.approverRoles).size, { message: 'approvals_exceed_roles', path: ['approvalsRequired'] });
export type CareRules = z.output<typeof ZCareRules>;

export const DEFAULT_CARE_RULES: CareRules = {
  membersOnly: false,
  maxPerHouseholdPerYear: 5_000_000,
  waitingDays: 90,
  oneOpenPerHousehold: true,
  approvalsRequired: 2,
  approverRoles: ['ketua', 'bendahara', 'pengawas'],
  membersDecisionAbove: 10_000_000,
  noStateAidForWellOff: false
};

export type EligibilityRule = 'membersOnly' | 'maxPerHouseholdPerYear' | 'waitingDays' | 'oneOpenPerHousehold' | 'noStateAidForWellOff';
export type Check = { rule: EligibilityRule; status: 'pass' | 'fail' | 'not_applicable'; evidence: { key: string; params: Record<string, string | number | boolean> } };
export type Eligibility = { eligible: boolean; refusedBy: EligibilityRule | null; checks: Check[] };

export type EligibilityFacts = {
  isMember: boolean;
  /** The member's joining day (null for a non-member). */
  joinedOn: string | null;
  today: string;
  amountAsked: number;
  /** Rupiah paid to the household this calendar year (all funds, net of reversals). */
  householdReceivedThisYear: number;
  /** Other open or approved-but-unpaid applications of the household. */
  householdOpenApplications: number;
  isWellOff: boolean;
  fundIsStateAid: boolean;
  /** The Jamaah Produksi rule: the well-off may not receive state aid. */
  noStateAidForWellOff: boolean;
  /** Where that rule comes from (shown as its evidence). */
  stateAidRuleFrom?: 'charter' | 'care_rules' | null;
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Check an application against the rules, each check with its evidence (the figures it
 * used). The first failing rule in this order refuses: membership, the waiting period,
 * one open application, the yearly cap, the state-aid rule.
 */
export function checkEligibility(rules: CareRules, f: EligibilityFacts): Eligibility {
  const checks: Check[] = [];
  checks.push(
    rules.membersOnly
      ? { rule: 'membersOnly', status: f.isMember ? 'pass' : 'fail', evidence: { key: 'care.evidence.membersOnly', params: { isMember: f.isMember } } }
      : { rule: 'membersOnly', status: 'not_applicable', evidence: { key: 'care.evidence.communityToo', params: { isMember: f.isMember } } }
  );
  if (rules.waitingDays === null || !f.isMember || !f.joinedOn) {
    checks.push({ rule: 'waitingDays', status: 'not_applicable', evidence: { key: 'care.evidence.noWaiting', params: { isMember: f.isMember } } });
  } else {
    const days = daysBetween(f.joinedOn, f.today);
    checks.push({ rule: 'waitingDays', status: days >= rules.waitingDays ? 'pass' : 'fail', evidence: { key: 'care.evidence.waiting', params: { joinedOn: f.joinedOn, days, required: rules.waitingDays } } });
  }
  checks.push(
    rules.oneOpenPerHousehold
      ? { rule: 'oneOpenPerHousehold', status: f.householdOpenApplications === 0 ? 'pass' : 'fail', evidence: { key: 'care.evidence.openApplications', params: { open: f.householdOpenApplications } } }
      : { rule: 'oneOpenPerHousehold', status: 'not_applicable', evidence: { key: 'care.evidence.noOpenLimit', params: {} } }
  );
  if (rules.maxPerHouseholdPerYear === null) {
    checks.push({ rule: 'maxPerHouseholdPerYear', status: 'not_applicable', evidence: { key: 'care.evidence.noCap', params: {} } });
  } else {
    const after = f.householdReceivedThisYear + f.amountAsked;
    checks.push({
      rule: 'maxPerHouseholdPerYear',
      status: after <= rules.maxPerHouseholdPerYear ? 'pass' : 'fail',
      evidence: { key: 'care.evidence.cap', params: { received: f.householdReceivedThisYear, asked: f.amountAsked, cap: rules.maxPerHouseholdPerYear } }
    });
  }
  if (!f.noStateAidForWellOff || !f.fundIsStateAid) {
    checks.push({ rule: 'noStateAidForWellOff', status: 'not_applicable', evidence: { key: 'care.evidence.stateAidNotConcerned', params: { stateAid: f.fundIsStateAid, wellOff: f.isWellOff, charterRule: f.noStateAidForWellOff } } });
  } else {
    checks.push({ rule: 'noStateAidForWellOff', status: f.isWellOff ? 'fail' : 'pass', evidence: { key: 'care.evidence.stateAid', params: { stateAid: true, wellOff: f.isWellOff, ruleFrom: f.stateAidRuleFrom ?? 'charter' } } });
  }
  const failed = checks.find((c) => c.status === 'fail');
  return { eligible: !failed, refusedBy: failed?.rule ?? null, checks };
}

/** Whether enough distinct officers approved: N approvals from the named roles. */
export function approvalsReached(rules: CareRules, approvals: number): boolean {
  return approvals >= rules.approvalsRequired;
}

/* ------------------------------------------------------------------ requests */

export const ZFundRequest = z.object({
  name: z.string().trim().min(2).max(200),
  grantor: z.string().trim().min(2).max(200),
  isStateAid: z.boolean(),
  conditions: z.string().trim().max(2000).optional()
}).strict();

export const ZInflowRequest = z.object({
  fundId: z.uuid(),
  kind: z.enum(['donation', 'grant']),
  amount: ZRupiah,
  method: z.enum(['cash', 'transfer']),
  date: ZPlainDate.optional(),
  programmeId: z.uuid().nullable().optional(),
  /** The donor or grantor; a donor's name is public only when they chose so. */
  counterparty: z.string().trim().min(2).max(200).nullable().optional(),
  counterpartyPublic: z.boolean().optional(),
  purpose: z.string().trim().min(2).max(300).optional(),
  idempotencyKey: ZKey.optional()
}).strict();

export const ZProgrammeRequest = z.object({
  title: z.string().trim().min(2).max(200),
  purpose: z.string().trim().max(5000).optional(),
  story: z.string().trim().max(10000).optional(),
  villageCode: ZVillage.nullable().optional(),
  rt: z.number().int().min(1).max(999).nullable().optional(),
  rw: z.number().int().min(1).max(999).nullable().optional(),
  fundId: z.uuid(),
  status: z.enum(['planned', 'active', 'done', 'cancelled']).optional(),
  startsOn: ZPlainDate.nullable().optional(),
  endsOn: ZPlainDate.nullable().optional(),
  lines: z.array(z.object({ description: z.string().trim().min(2).max(300), amount: ZRupiah }).strict()).min(1).max(200)
}).strict();

export const ZApplicationRequest = z.object({
  fundId: z.uuid().optional(),
  programmeId: z.uuid().nullable().optional(),
  memberId: z.uuid().nullable().optional(),
  applicantName: z.string().trim().min(2).max(200),
  phone: z.string().trim().regex(/^(\+62|62|0)8[0-9]{7,12}$/, { message: 'phone_invalid' }).nullable().optional(),
  nik: z.string().trim().regex(/^[0-9]{16}$/, { message: 'nik_invalid' }).nullable().optional(),
  householdCode: z.string().trim().min(1).max(64),
  householdSize: z.number().int().min(1).max(50).optional(),
  isWellOff: z.boolean().optional(),
  villageCode: ZVillage.nullable().optional(),
  rt: z.number().int().min(1).max(999).nullable().optional(),
  rw: z.number().int().min(1).max(999).nullable().optional(),
  category: z.enum(APPLICATION_CATEGORIES),
  amountAsked: ZRupiah,
  reason: z.string().trim().min(5).max(5000),
  consentPublic: z.boolean().optional()
}).strict();

export const ZDecisionRequest = z.object({
  vote: z.enum(['approve', 'refuse']),
  /** The amount approved (defaults to the amount asked; never more). */
  amount: ZRupiah.optional(),
  note: z.string().trim().max(2000).optional()
}).strict();

export const ZConflictRequest = z.object({ relation: z.string().trim().min(2).max(300) }).strict();

export const ZDisbursementRequest = z.object({
  amount: ZRupiah,
  method: z.enum(['cash', 'transfer']),
  date: ZPlainDate.optional(),
  /** The recipient signed the receipt: a tick by the officer who handed it over. */
  receiptSigned: z.literal('tick'),
  idempotencyKey: ZKey.optional()
}).strict();

/* ------------------------------------------------------------------ receipts */

export function receiptCounterName(year: number): string {
  return `care_receipt_${year}`;
}
export function formatCareReceiptNo(year: number, seq: number): string {
  return `KP-${year}-${String(seq).padStart(5, '0')}`;
}

/** The ledger account a fund's money sits in against Kas/Bank. */
export function cashAccountOf(method: 'cash' | 'transfer'): 'CASH' | 'BANK' {
  return method === 'cash' ? 'CASH' : 'BANK';
}
