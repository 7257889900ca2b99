import { z } from 'zod';
import { AppError, type FieldIssue } from '../kernel/errors.js';
import { zodIssuesToFields } from '../kernel/validation.js';

/**
 * A cooperative's charter (anggaran dasar) as rules the platform can check.
 * Percentages are integer basis points (10000 = 100 %), money is whole rupiah.
 * Every rule is plain data; `evaluateCompliance` (compliance.ts) measures them.
 */

export const BP_WHOLE = 10_000;
/** Largest rupiah amount a charter may name (one trillion): far below 2^53. */
export const MAX_CHARTER_RUPIAH = 1_000_000_000_000;

const ZBp = z.number().int().min(0).max(BP_WHOLE);
const ZRupiah = z.number().int().min(0).max(MAX_CHARTER_RUPIAH);

export const MEETING_CADENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type MeetingCadence = (typeof MEETING_CADENCES)[number];

export const WAJIB_PERIODS = ['monthly', 'quarterly', 'yearly'] as const;

/** SHU components the platform knows by name (surplus.md); a charter may add its own keys with a label. */
export const KNOWN_SURPLUS_KEYS = [
  'CADANGAN',
  'JASA_MODAL',
  'JASA_USAHA',
  'DANA_PENGURUS',
  'DANA_PENGAWAS',
  'DANA_KARYAWAN',
  'DANA_PENDIDIKAN',
  'DANA_SOSIAL',
  'DANA_PEMBANGUNAN_DAERAH_KERJA'
] as const;

export const ZSurplusComponent = z.object({
  key: z.string().trim().regex(/^[A-Z][A-Z0-9_]{1,39}$/),
  bp: ZBp,
  /** A display name, for components the platform does not know by key. */
  label: z.string().trim().min(1).max(80).optional()
});

export const ZQuorum = z.discriminatedUnion('kind', [
  /** At least ceil(bp × eligible / 10000) present or voting. */
  z.object({ kind: z.literal('percent'), bp: z.number().int().min(1).max(BP_WHOLE) }),
  /** floor(eligible / 2) + 1. */
  z.object({ kind: z.literal('more_than_half') })
]);

/**
 * A proposal passes when yes votes are MORE than bp/10000 of the votes cast
 * (governance.md item 5: a tie fails), so 5000 is a simple majority and 6666 two thirds.
 */
const ZMajorityBp = z.number().int().min(5000).max(9999);

/**
 * What a majority is counted against (issue 14): the yes and no votes cast ('votes_cast'),
 * the members present at the meeting — every one of them who does not vote yes counts
 * against ('present', as many statutes under UU 25/1992 word it), or the whole frozen
 * electorate ('electorate'). Outside a meeting, 'present' means the members who took part.
 */
export const MAJORITY_BASES = ['votes_cast', 'present', 'electorate'] as const;
export type MajorityBase = (typeof MAJORITY_BASES)[number];

export const ZCharterRulesShape = z.object({
  membership: z.object({
    /** Who counts as one member for the bounds: a person, or a household (keluarga). */
    unit: z.enum(['person', 'household']),
    min: z.number().int().min(1).max(1_000_000),
    /** null: no upper bound. */
    max: z.number().int().min(1).max(10_000_000).nullable()
  }),
  /** Minimum share of women among active members; null: the charter sets none. */
  womenMinBp: ZBp.nullable(),
  /** Youth (16–30, UU 40/2009) involvement; minBp is the minimum share when the charter names one. */
  youth: z.object({ required: z.boolean(), minBp: z.number().int().min(1).max(BP_WHOLE).optional() }),
  /** Regular member meetings. */
  meetings: z.object({
    cadence: z.enum(MEETING_CADENCES),
    allMembersMustAttend: z.boolean(),
    /** The meetings are also (critical) education sessions. */
    isEducation: z.boolean()
  }),
  /** Whether members may be represented (delegates, proxies) in decisions. */
  representationAllowed: z.boolean(),
  quorum: ZQuorum,
  majority: z.object({
    simpleBp: ZMajorityBp,
    charterChangeBp: ZMajorityBp,
    dissolutionBp: ZMajorityBp,
    /** Charters adopted before issue 14 counted against the votes cast; they read so. */
    base: z.enum(MAJORITY_BASES).default('votes_cast'),
    /** The least share of the electorate that must cast a ballot for a vote to count; null: none beyond the quorum. */
    minTurnoutBp: z.number().int().min(1).max(BP_WHOLE).nullable().default(null)
  }),
  capital: z.object({
    /** Simpanan pokok: once, the same for every member. */
    pokok: ZRupiah,
    /** Simpanan wajib per period; 0 when the charter asks none. */
    wajib: ZRupiah,
    wajibPeriod: z.enum(WAJIB_PERIODS)
  }),
  /** SHU allocation; the components sum to exactly 10000 bp. */
  surplus: z.object({ components: z.array(ZSurplusComponent).min(1).max(20) }),
  /** The cooperative is organised bottom-up on the RT (rukun tetangga). */
  rtBased: z.boolean(),
  /** Only collective (cooperative) business, no personal business under the coop's name. */
  collectiveBusinessOnly: z.boolean(),
  /** Business based on local resources. */
  localResourceBusiness: z.boolean(),
  /** Whether well-off members may receive state aid (bansos). */
  wellOffMayReceiveStateAid: z.boolean(),
  /** Membership open to everyone in civil society (no group excluded). */
  openToAllCivilSociety: z.boolean(),
  /** Who admits new members: the board or the members' meeting. */
  approvalBy: z.enum(['board', 'meeting']),
  /** The annual members' meeting: within this many months after the financial year ends, with this much notice. */
  rat: z.object({ monthsAfterYearEnd: z.number().int().min(1).max(6), noticeDays: z.number().int().min(1).max(90) }),
  /**
   * Education (principle 5), optional: a candidate completes a candidates' programme before
   * approval; each active member attends at least this many hours of sessions a year (0: none).
   */
  education: z.object({ candidateEducationRequired: z.boolean(), minHoursPerYear: z.number().int().min(0).max(1000) }).optional()
});

export type CharterRules = z.output<typeof ZCharterRulesShape>;

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const int = (v: unknown): v is number => Number.isInteger(v);

/**
 * Cross-field checks; each issue names the field and a message code translated at the edge.
 * They read the raw input defensively, so they report alongside per-field errors in one answer.
 */
export function crossCheckRules(input: unknown): FieldIssue[] {
  const r = obj(input);
  const issues: FieldIssue[] = [];
  const membership = obj(r.membership);
  if (int(membership.min) && int(membership.max) && membership.min > membership.max) {
    issues.push({ field: 'membership.max', code: 'min_gt_max', params: { min: membership.min, max: membership.max } });
  }
  const youth = obj(r.youth);
  if (youth.minBp !== undefined && youth.required === false) {
    issues.push({ field: 'youth.minBp', code: 'youth_min_without_required' });
  }
  const majority = obj(r.majority);
  if (int(majority.simpleBp) && int(majority.charterChangeBp) && majority.charterChangeBp < majority.simpleBp) {
    issues.push({ field: 'majority.charterChangeBp', code: 'majority_order' });
  }
  if (int(majority.charterChangeBp) && int(majority.dissolutionBp) && majority.dissolutionBp < majority.charterChangeBp) {
    issues.push({ field: 'majority.dissolutionBp', code: 'majority_order' });
  }
  const components = obj(r.surplus).components;
  if (Array.isArray(components) && components.length > 0) {
    const list = components.map(obj);
    if (list.every((c) => int(c.bp))) {
      const sum = list.reduce((s, c) => s + (c.bp as number), 0);
      if (sum !== BP_WHOLE) issues.push({ field: 'surplus.components', code: 'bp_sum_invalid', params: { sum, sumPct: formatBpPlain(sum) } });
    }
    const seen = new Set<unknown>();
    list.forEach((c, i) => {
      if (typeof c.key === 'string' && seen.has(c.key)) issues.push({ field: `surplus.components.${i}.key`, code: 'surplus_key_duplicate', params: { key: c.key } });
      seen.add(c.key);
    });
    // UU 25/1992 Pasal 45: the reserve (cadangan) is set aside from every surplus.
    if (!list.some((c) => c.key === 'CADANGAN' && int(c.bp) && c.bp > 0)) {
      issues.push({ field: 'surplus.components', code: 'surplus_cadangan_required' });
    }
  }
  return issues;
}

/** The charter's rules, with every cross-field rule checked. */
export const ZCharterRules = ZCharterRulesShape.superRefine((rules, ctx) => {
  for (const issue of crossCheckRules(rules)) {
    ctx.addIssue({ code: 'custom', message: issue.code, path: issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), params: issue.params });
  }
});

/** Zod issues → field issues, with our own codes for fractional numbers and cross-field params kept. */
export function charterIssuesToFields(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldIssue[] {
  const fields = zodIssuesToFields(issues);
  return fields.map((f, i) => {
    const issue = issues[i]!;
    const field = prefix ? (f.field === '_' ? prefix.replace(/\.$/, '') : `${prefix}${f.field}`) : f.field;
    if (issue.code === 'invalid_type' && (issue as { expected?: string }).expected === 'int' && typeof (issue as { input?: unknown }).input === 'number') {
      return { field, code: 'not_integer', params: {} };
    }
    if (issue.code === 'custom') return { field, code: f.code, params: (issue as { params?: Record<string, unknown> }).params ?? {} };
    return { ...f, field };
  });
}

/**
 * Check charter rules: every per-field problem and every cross-field problem in one list
 * (empty when the rules are valid). Field paths are prefixed, e.g. 'rules.membership.max'.
 */
export function checkCharterRules(input: unknown, fieldPrefix = ''): { ok: true; rules: CharterRules } | { ok: false; fields: FieldIssue[] } {
  const shape = ZCharterRulesShape.safeParse(input, { reportInput: true });
  const cross = crossCheckRules(input).map((f) => ({ ...f, field: `${fieldPrefix}${f.field}` }));
  if (shape.success && cross.length === 0) return { ok: true, rules: shape.data };
  const fields = shape.success ? [] : charterIssuesToFields(shape.error.issues, fieldPrefix);
  const taken = new Set(fields.map((f) => f.field));
  return { ok: false, fields: [...fields, ...cross.filter((f) => !taken.has(f.field))] };
}

/** Parse charter rules or throw VALIDATION_FAILED with one issue per field. */
export function parseCharterRules(input: unknown, fieldPrefix = ''): CharterRules {
  const result = checkCharterRules(input, fieldPrefix);
  if (!result.ok) throw new AppError('VALIDATION_FAILED', { fields: result.fields });
  return result.rules;
}

/** '50', '49.99', '12.5': a basis-point amount as a plain percentage, without floats. */
export function formatBpPlain(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/**
 * Read a percentage typed by a person ('50', '12,5', '12.75', '7 %') as basis points.
 * Returns null when it is not a number with at most two decimals between 0 and 100.
 */
export function parsePercentToBp(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return bp <= BP_WHOLE ? bp : null;
}

/** Read a rupiah amount typed by a person ('Rp 10.000', '10000') as whole rupiah; null if not whole. */
export function parseRupiah(text: string): number | null {
  const cleaned = text.replace(/^\s*rp\.?\s*/i, '').replace(/[\s.]/g, '');
  if (!/^\d{1,13}$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return n <= MAX_CHARTER_RUPIAH ? n : null;
}

/** The rule keys compliance reports on, in the order people read them. */
export const RULE_KEYS = [
  'membership.min',
  'membership.max',
  'womenMinBp',
  'youth',
  'openToAllCivilSociety',
  'wellOffMayReceiveStateAid',
  'rtBased',
  'meetings',
  'representationAllowed',
  'quorum',
  'majority',
  'approvalBy',
  'rat',
  'capital',
  'surplus',
  'collectiveBusinessOnly',
  'localResourceBusiness',
  'education.candidate',
  'education.hours',
  'meetingsEducation'
] as const;
/** Rules added with the education capability (decision 0120): shown only where the charter sets them. */
export const EDUCATION_RULE_KEYS = ['education.candidate', 'education.hours', 'meetingsEducation'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

function leafPaths(value: unknown, prefix: string, out: Map<string, string>): void {
  // Arrays (surplus components) and the quorum union compare as a whole: a change anywhere in them is one change.
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(prefix === 'quorum')) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // An optional rule left out and one set to undefined are the same rule.
      if (v !== undefined) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
    }
    return;
  }
  out.set(prefix, canonicalJson(value ?? null));
}

/** JSON with object keys sorted, so a value read back from jsonb (which reorders keys) compares equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The rule paths that differ between two charters ('membership.max', 'surplus.components', …), sorted. */
export function diffRules(before: CharterRules | null, after: CharterRules): string[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (before) leafPaths(before, '', a);
  leafPaths(after, '', b);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

export const ZTemplateKey = z.enum(['tujuh_prinsip', 'jamaah_produksi', 'primer', 'pekerja', 'platform', 'startup']);
export type TemplateKey = z.infer<typeof ZTemplateKey>;
/** A charter that no longer follows one template's rules records this. */
export const CUSTOM_TEMPLATE = 'custom';

/** Input of adoptCharter: rules, or a template whose rules are adopted as they are. */
export const ZAdoptCharterRequest = z.object({
  template: ZTemplateKey.optional(),
  rules: z.unknown().optional(),
  /** Why and by which decision (e.g. 'Keputusan RAT 2025 No. 3'). */
  note: z.string().trim().min(3).max(1000),
  /** The version the change was made against; if another adoption happened since, the request conflicts. */
  baseVersion: z.number().int().min(0).optional()
});
export type AdoptCharterRequest = z.input<typeof ZAdoptCharterRequest>;
