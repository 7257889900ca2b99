import type { FieldIssue } from '../../../kernel/errors.js';
import { formatBpPlain, KNOWN_SURPLUS_KEYS, parsePercentToBp, parseRupiah, type CharterRules } from '../../../charters/model.js';

/**
 * The charter form (a plain HTML form that works without JavaScript) ⇄ charter rules.
 * People type percentages and rupiah; the rules hold basis points and whole rupiah.
 * Field names follow the rule paths, so the use case's errors land on the right input.
 */

/** Blank rows offered after the charter's surplus components, for adding new ones. */
export const EXTRA_SURPLUS_ROWS = 3;
export const OTHER_KEY = '_other';

export type FormValues = Record<string, string>;

const BOOLEAN_FIELDS = [
  'youth.required',
  'meetings.allMembersMustAttend',
  'meetings.isEducation',
  'representationAllowed',
  'rtBased',
  'collectiveBusinessOnly',
  'localResourceBusiness',
  'wellOffMayReceiveStateAid',
  'openToAllCivilSociety',
  'education.candidateEducationRequired'
] as const;

const PERCENT_FIELDS = ['majority.simpleBp', 'majority.charterChangeBp', 'majority.dissolutionBp'] as const;

/** A charter's rules as the form's initial values. */
export function rulesToForm(r: CharterRules): FormValues {
  const v: FormValues = {
    'membership.unit': r.membership.unit,
    'membership.min': String(r.membership.min),
    'membership.max': r.membership.max === null ? '' : String(r.membership.max),
    womenMinBp: r.womenMinBp === null ? '' : formatBpPlain(r.womenMinBp),
    'youth.minBp': r.youth.minBp === undefined ? '' : formatBpPlain(r.youth.minBp),
    'meetings.cadence': r.meetings.cadence,
    'quorum.kind': r.quorum.kind,
    'quorum.bp': r.quorum.kind === 'percent' ? formatBpPlain(r.quorum.bp) : '',
    'majority.simpleBp': formatBpPlain(r.majority.simpleBp),
    'majority.charterChangeBp': formatBpPlain(r.majority.charterChangeBp),
    'majority.dissolutionBp': formatBpPlain(r.majority.dissolutionBp),
    'majority.base': r.majority.base,
    'majority.minTurnoutBp': r.majority.minTurnoutBp === null ? '' : formatBpPlain(r.majority.minTurnoutBp),
    approvalBy: r.approvalBy,
    'rat.monthsAfterYearEnd': String(r.rat.monthsAfterYearEnd),
    'rat.noticeDays': String(r.rat.noticeDays),
    'capital.pokok': String(r.capital.pokok),
    'capital.wajib': String(r.capital.wajib),
    'capital.wajibPeriod': r.capital.wajibPeriod,
    'education.minHoursPerYear': r.education?.minHoursPerYear ? String(r.education.minHoursPerYear) : ''
  };
  for (const f of BOOLEAN_FIELDS) {
    const [a, b] = f.split('.') as [string, string | undefined];
    const value = b ? (r as unknown as Record<string, Record<string, unknown> | undefined>)[a]?.[b] : (r as unknown as Record<string, unknown>)[a];
    if (value === true) v[f] = 'on';
  }
  r.surplus.components.forEach((c, i) => {
    const known = (KNOWN_SURPLUS_KEYS as readonly string[]).includes(c.key);
    v[`surplus.${i}.key`] = known ? c.key : OTHER_KEY;
    if (!known) v[`surplus.${i}.customKey`] = c.key;
    v[`surplus.${i}.bp`] = formatBpPlain(c.bp);
    if (c.label) v[`surplus.${i}.label`] = c.label;
  });
  v.surplusRows = String(r.surplus.components.length + EXTRA_SURPLUS_ROWS);
  return v;
}

/** How many surplus rows the form shows for these values. */
export function surplusRowCount(values: FormValues): number {
  const n = Number(values.surplusRows);
  return Number.isInteger(n) && n > 0 && n <= 23 ? n : EXTRA_SURPLUS_ROWS;
}

export type ParsedForm = {
  /** The rules as far as they could be read; malformed values are passed on so the use case reports them too. */
  rules: unknown;
  /** Problems only the form can name (a percentage or amount typed wrongly). */
  issues: FieldIssue[];
  /** For each surplus component, the form row it came from. */
  surplusRowOf: number[];
};

/** Read the posted form as charter rules. */
export function rulesFromForm(values: Record<string, unknown>): ParsedForm {
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).trim() : '');
  const issues: FieldIssue[] = [];
  const int = (k: string): unknown => {
    const v = text(k);
    if (v === '') return undefined;
    return /^\d{1,9}$/.test(v) ? Number(v) : v;
  };
  const percent = (k: string, optional: boolean): unknown => {
    const v = text(k);
    if (v === '') return optional ? undefined : v;
    const bp = parsePercentToBp(v);
    if (bp === null) {
      issues.push({ field: k, code: 'percent_invalid' });
      return v;
    }
    return bp;
  };
  const rupiah = (k: string): unknown => {
    const v = text(k);
    const n = parseRupiah(v);
    if (n === null) {
      issues.push({ field: k, code: v === '' ? 'required' : 'rupiah_invalid' });
      return v;
    }
    return n;
  };
  const bool = (k: string) => values[k] === 'on' || values[k] === 'true';

  const components: { key: unknown; bp: unknown; label?: string }[] = [];
  const surplusRowOf: number[] = [];
  const rows = surplusRowCount(values as FormValues);
  for (let i = 0; i < rows; i++) {
    const chosen = text(`surplus.${i}.key`);
    const key = chosen === OTHER_KEY ? text(`surplus.${i}.customKey`).toUpperCase() : chosen;
    const bpText = text(`surplus.${i}.bp`);
    if (!key && !bpText) continue;
    const label = text(`surplus.${i}.label`);
    components.push({ key, bp: bpText === '' ? undefined : percent(`surplus.${i}.bp`, false), ...(label ? { label } : {}) });
    surplusRowOf.push(i);
  }

  const quorumKind = text('quorum.kind');
  const maxText = text('membership.max');
  const womenText = text('womenMinBp');
  const youthRequired = bool('youth.required');
  const youthMin = percent('youth.minBp', true);
  const eduRequired = bool('education.candidateEducationRequired');
  const eduHours = int('education.minHoursPerYear');
  const rules = {
    membership: { unit: text('membership.unit'), min: int('membership.min'), max: maxText === '' ? null : int('membership.max') },
    womenMinBp: womenText === '' ? null : percent('womenMinBp', false),
    youth: { required: youthRequired, ...(youthMin === undefined ? {} : { minBp: youthMin }) },
    meetings: { cadence: text('meetings.cadence'), allMembersMustAttend: bool('meetings.allMembersMustAttend'), isEducation: bool('meetings.isEducation') },
    representationAllowed: bool('representationAllowed'),
    quorum: quorumKind === 'percent' ? { kind: 'percent', bp: percent('quorum.bp', false) } : { kind: quorumKind },
    majority: {
      ...Object.fromEntries(PERCENT_FIELDS.map((f) => [f.split('.')[1], percent(f, false)])),
      base: text('majority.base'),
      minTurnoutBp: text('majority.minTurnoutBp') === '' ? null : percent('majority.minTurnoutBp', false)
    },
    capital: { pokok: rupiah('capital.pokok'), wajib: rupiah('capital.wajib'), wajibPeriod: text('capital.wajibPeriod') },
    surplus: { components },
    rtBased: bool('rtBased'),
    collectiveBusinessOnly: bool('collectiveBusinessOnly'),
    localResourceBusiness: bool('localResourceBusiness'),
    wellOffMayReceiveStateAid: bool('wellOffMayReceiveStateAid'),
    openToAllCivilSociety: bool('openToAllCivilSociety'),
    approvalBy: text('approvalBy'),
    rat: { monthsAfterYearEnd: int('rat.monthsAfterYearEnd'), noticeDays: int('rat.noticeDays') },
    // Education rules (decision 0120) are written only when the form sets one, so older charters stay as they were.
    ...(eduRequired || (eduHours !== undefined && eduHours !== 0) ? { education: { candidateEducationRequired: eduRequired, minHoursPerYear: eduHours ?? 0 } } : {})
  };
  return { rules, issues, surplusRowOf };
}

/**
 * The form field an issue of the use case belongs to: 'rules.membership.max' → 'membership.max',
 * 'rules.surplus.components.1.bp' → 'surplus.<row>.bp', the whole split → 'surplus'.
 */
export function formFieldOf(field: string, surplusRowOf: number[]): string {
  const f = field.startsWith('rules.') ? field.slice('rules.'.length) : field;
  const m = /^surplus\.components\.(\d+)\.(\w+)$/.exec(f);
  if (m) {
    const row = surplusRowOf[Number(m[1])] ?? Number(m[1]);
    return `surplus.${row}.${m[2] === 'key' ? 'key' : m[2]}`;
  }
  if (f === 'surplus.components' || f === 'surplus') return 'surplus';
  if (f === 'quorum') return 'quorum.kind';
  return f;
}
