import { z } from 'zod';
import { normalizePhone } from '../accounts/model.js';
import type { MemberStatus } from '../db/schema.js';
import { ageOn, isValidPlainDate } from '../kernel/clock.js';
import type { FieldIssue } from '../kernel/errors.js';
import { zodIssuesToFields } from '../kernel/validation.js';
import { levelOf, regionByCode } from '../regions/model.js';
import { YOUTH_MAX_AGE, YOUTH_MIN_AGE } from './get-member-statistics.js';

export type { MemberStatus };
export type Gender = 'F' | 'M';

export const MEMBER_STATUSES: readonly MemberStatus[] = ['applicant', 'active', 'suspended', 'resigned', 'expelled', 'rejected'];

/* ------------------------------------------------------------------ status machine */

export type MemberAction = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'resign' | 'expel' | 'rejoin';

/** Which status each action leads to, and from which statuses it may be taken. */
const ACTIONS: Record<MemberAction, { from: readonly MemberStatus[]; to: MemberStatus }> = {
  approve: { from: ['applicant'], to: 'active' },
  reject: { from: ['applicant'], to: 'rejected' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  resign: { from: ['active', 'suspended'], to: 'resigned' },
  expel: { from: ['active', 'suspended'], to: 'expelled' },
  rejoin: { from: ['resigned', 'expelled', 'rejected'], to: 'applicant' }
};

/** The allowed status changes: applicant → active | rejected; active → suspended | resigned | expelled; … */
export function canTransition(from: MemberStatus, to: MemberStatus): boolean {
  return Object.values(ACTIONS).some((a) => a.to === to && a.from.includes(from));
}

/** The status an action leads to from `from`, or null when the action is not allowed there. */
export function statusAfter(action: MemberAction, from: MemberStatus): MemberStatus | null {
  const a = ACTIONS[action];
  return a.from.includes(from) ? a.to : null;
}

/** The status an action leads to (for messages). */
export function targetOf(action: MemberAction): MemberStatus {
  return ACTIONS[action].to;
}

/** The actions that can be taken on a member in a given status. */
export function actionsFrom(status: MemberStatus): MemberAction[] {
  return (Object.keys(ACTIONS) as MemberAction[]).filter((a) => ACTIONS[a].from.includes(status));
}

/** Statuses in which a person holds (or held) a membership and so a member number. */
export function holdsNumber(status: MemberStatus): boolean {
  return status === 'active' || status === 'suspended' || status === 'resigned' || status === 'expelled';
}

/* ------------------------------------------------------------------ youth */

/** Youth per UU 40/2009: aged 16 to 30 on `today` (both 'YYYY-MM-DD'). */
export function isYouth(birthDate: string | null | undefined, today: string): boolean {
  if (!birthDate) return false;
  const age = ageOn(birthDate, today);
  return age >= YOUTH_MIN_AGE && age <= YOUTH_MAX_AGE;
}

/* ------------------------------------------------------------------ NIK */

export type NikParts = { districtCode: string; day: number; month: number; yy: number; female: boolean; serial: string };

/**
 * Split a NIK (Nomor Induk Kependudukan): digits 1–6 the kecamatan of registration
 * (province.regency.district), 7–12 birth DDMMYY with 40 added to DD for women,
 * 13–16 a serial number. Null when the shape is wrong or the birth date cannot exist.
 */
export function parseNik(nik: string): NikParts | null {
  if (!/^\d{16}$/.test(nik)) return null;
  const districtCode = `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`;
  const dd = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);
  const female = dd > 40;
  const day = female ? dd - 40 : dd;
  if (day < 1 || day > 31 || month < 1 || month > 12 || serial === '0000') return null;
  // The century is not in the NIK: the day must exist in at least one of 19yy or 20yy (29 February).
  const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const yy2 = String(yy).padStart(2, '0');
  if (!isValidPlainDate(`19${yy2}-${mmdd}`) && !isValidPlainDate(`20${yy2}-${mmdd}`)) return null;
  return { districtCode, day, month, yy, female, serial };
}

/** Field issues where a NIK disagrees with the birth date or gender given beside it (pure). */
export function nikAgreementIssues(nik: string, birthDate: string | null | undefined, gender: Gender | null | undefined): FieldIssue[] {
  const parts = parseNik(nik);
  if (!parts) return [{ field: 'nik', code: 'nik_invalid' }];
  const issues: FieldIssue[] = [];
  if (birthDate && isValidPlainDate(birthDate)) {
    const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
    if (d !== parts.day || m !== parts.month || y % 100 !== parts.yy) issues.push({ field: 'nik', code: 'nik_birth_mismatch' });
  }
  if (gender && (gender === 'F') !== parts.female) issues.push({ field: 'nik', code: 'nik_gender_mismatch' });
  return issues;
}

/** The NIK's kecamatan must exist in the region dataset. */
export async function nikRegionIssues(nik: string): Promise<FieldIssue[]> {
  const parts = parseNik(nik);
  if (!parts) return [];
  return (await regionByCode(parts.districtCode)) ? [] : [{ field: 'nik', code: 'nik_region_unknown' }];
}

/* ------------------------------------------------------------------ request */

const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v === '' || v === undefined ? null : v));
const ZPlainDate = z.string().refine(isValidPlainDate, { message: 'date_invalid' });
const ZPhoneOrNull = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v.trim() === '') return null;
    const n = normalizePhone(v);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
      return z.NEVER;
    }
    return n;
  });
const ZNeighbourhood = z.number().int().min(1).max(999).nullish().transform((v) => v ?? null);

/** The fields of a member's record; every field but name and gender may be left empty (null). */
const memberFields = {
  fullName: z.string().trim().min(2).max(200),
  gender: z.enum(['F', 'M']),
  birthDate: ZPlainDate.nullish().transform((v) => v ?? null),
  nik: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v.replace(/[\s.-]/g, '') : null))
    .refine((v) => v === null || parseNik(v) !== null, { message: 'nik_invalid' }),
  phone: ZPhoneOrNull,
  email: z
    .email()
    .nullish()
    .or(z.literal(''))
    .transform((v) => (v ? v.toLowerCase() : null)),
  street: optionalText(300),
  villageCode: optionalText(13),
  rt: ZNeighbourhood,
  rw: ZNeighbourhood,
  householdCode: optionalText(50),
  occupation: optionalText(100),
  skills: z
    .array(z.string().trim().min(1).max(60))
    .max(20)
    .nullish()
    .transform((v) => v ?? []),
  civilSocietyGroup: optionalText(100),
  isWellOff: z.boolean().nullish().transform((v) => v ?? false),
  receivesStateAid: z.boolean().nullish().transform((v) => v ?? false)
};

/** Create (or fully describe) a member. Phone is normalised to 62…; NIK must agree with birth date and gender. */
export const ZMemberRequest = z.object(memberFields).superRefine((v, ctx) => {
  if (v.nik) for (const issue of nikAgreementIssues(v.nik, v.birthDate, v.gender)) if (issue.code !== 'nik_invalid') ctx.addIssue({ code: 'custom', path: ['nik'], message: issue.code });
});
export type MemberRequest = z.input<typeof ZMemberRequest>;
export type MemberData = z.output<typeof ZMemberRequest>;

/** Change some fields of a member; the merged record is validated as a whole. */
export const ZMemberUpdateRequest = z.object(memberFields).partial();
export type MemberUpdateRequest = z.input<typeof ZMemberUpdateRequest>;

/** Checks that need today's date or the region dataset, on an already-parsed record. */
export async function memberContextIssues(data: MemberData, today: string): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (data.birthDate && data.birthDate > today) issues.push({ field: 'birthDate', code: 'date_in_future' });
  if (data.villageCode) {
    const ok = levelOf(data.villageCode) === 'village' && (await regionByCode(data.villageCode));
    if (!ok) issues.push({ field: 'villageCode', code: 'region_unknown' });
  }
  if (data.nik) issues.push(...(await nikRegionIssues(data.nik)));
  return issues;
}

/** Parse and fully check a member record: field issues or the clean data. */
export async function checkMember(input: unknown, today: string): Promise<{ ok: true; data: MemberData } | { ok: false; issues: FieldIssue[] }> {
  const parsed = ZMemberRequest.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssuesToFields(parsed.error.issues) };
  const issues = await memberContextIssues(parsed.data, today);
  return issues.length ? { ok: false, issues } : { ok: true, data: parsed.data };
}

/** A reason for a status change (required to suspend or expel). */
export const ZReasonRequest = z.object({ reason: z.string().trim().max(1000).optional() });
export const ZRequiredReasonRequest = z.object({ reason: z.string().trim().min(3).max(1000) });
/** Approval: where the charter says a members' meeting admits members, name the meeting's decision. */
export const ZApproveRequest = z.object({ reason: z.string().trim().max(1000).optional(), meetingRef: z.string().trim().min(3).max(300).optional() });
export const ZRejoinRequest = z.object({ reason: z.string().trim().max(1000).optional(), activate: z.boolean().optional() });

/* ------------------------------------------------------------------ rows and views */

export type MemberRow = {
  id: string;
  member_no: number | null;
  account_id: string | null;
  status: MemberStatus;
  full_name: string;
  gender: Gender;
  birth_date: string | null;
  nik: string | null;
  phone: string | null;
  email: string | null;
  street: string | null;
  village_code: string | null;
  rt: number | null;
  rw: number | null;
  household_code: string | null;
  occupation: string | null;
  skills: string[];
  civil_society_group: string | null;
  is_well_off: boolean;
  receives_state_aid: boolean;
  applied_at: Date;
  joined_on: string | null;
  left_on: string | null;
  created_at: Date;
  updated_at: Date;
};

export type MemberView = {
  id: string;
  memberNo: number | null;
  accountId: string | null;
  status: MemberStatus;
  fullName: string;
  gender: Gender;
  birthDate: string | null;
  age: number | null;
  isYouth: boolean;
  nik: string | null;
  phone: string | null;
  email: string | null;
  street: string | null;
  villageCode: string | null;
  rt: number | null;
  rw: number | null;
  householdCode: string | null;
  occupation: string | null;
  skills: string[];
  civilSocietyGroup: string | null;
  isWellOff: boolean;
  receivesStateAid: boolean;
  appliedAt: string;
  joinedOn: string | null;
  leftOn: string | null;
  updatedAt: string;
};

export function toMemberView(row: MemberRow, today: string): MemberView {
  return {
    id: row.id,
    memberNo: row.member_no,
    accountId: row.account_id,
    status: row.status,
    fullName: row.full_name,
    gender: row.gender,
    birthDate: row.birth_date,
    age: row.birth_date ? ageOn(row.birth_date, today) : null,
    isYouth: isYouth(row.birth_date, today),
    nik: row.nik,
    phone: row.phone,
    email: row.email,
    street: row.street,
    villageCode: row.village_code,
    rt: row.rt,
    rw: row.rw,
    householdCode: row.household_code,
    occupation: row.occupation,
    skills: row.skills,
    civilSocietyGroup: row.civil_society_group,
    isWellOff: row.is_well_off,
    receivesStateAid: row.receives_state_aid,
    appliedAt: new Date(row.applied_at).toISOString(),
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    updatedAt: new Date(row.updated_at).toISOString()
  };
}

/** The columns a member record writes, from validated data. */
export function toMemberColumns(d: MemberData) {
  return {
    full_name: d.fullName,
    gender: d.gender,
    birth_date: d.birthDate,
    nik: d.nik,
    phone: d.phone,
    email: d.email,
    street: d.street,
    village_code: d.villageCode,
    rt: d.rt,
    rw: d.rw,
    household_code: d.householdCode,
    occupation: d.occupation,
    skills: d.skills,
    civil_society_group: d.civilSocietyGroup,
    is_well_off: d.isWellOff,
    receives_state_aid: d.receivesStateAid
  };
}

/** A stored record as request input (for merging an update into it). */
export function rowToRequest(row: MemberRow): MemberRequest {
  return {
    fullName: row.full_name,
    gender: row.gender,
    birthDate: row.birth_date,
    nik: row.nik,
    phone: row.phone,
    email: row.email,
    street: row.street,
    villageCode: row.village_code,
    rt: row.rt,
    rw: row.rw,
    householdCode: row.household_code,
    occupation: row.occupation,
    skills: row.skills,
    civilSocietyGroup: row.civil_society_group,
    isWellOff: row.is_well_off,
    receivesStateAid: row.receives_state_aid
  };
}

/* ------------------------------------------------------------------ card */

/** The absolute address of a member's record page, encoded in the member card's QR code. */
export function memberRecordUrl(origin: string, coopSlug: string, memberId: string): string {
  const base = origin.replace(/\/+$/, '');
  return `${base}/k/${encodeURIComponent(coopSlug)}/anggota/${encodeURIComponent(memberId)}`;
}

/** A member number as printed: at least four digits (0007). */
export function formatMemberNo(no: number | null): string {
  return no === null ? '—' : String(no).padStart(4, '0');
}

/* ------------------------------------------------------------------ charter */

export type ApprovalBy = 'board' | 'meeting';

/** Who admits new members by a charter's rules ('board' when no charter or no rule says otherwise). */
export function approvalByFromRules(rules: unknown): ApprovalBy {
  const value = typeof rules === 'object' && rules !== null ? (rules as { approvalBy?: unknown }).approvalBy : undefined;
  return value === 'meeting' ? 'meeting' : 'board';
}
