import { t, type Locale } from '../kernel/i18n.js';
import { formatRupiah } from '../kernel/money.js';
import type { ComplianceItem, Message, MessageParams, SurplusParam } from './compliance.js';
import { describeRule, isObligation } from './compliance.js';
import { EDUCATION_RULE_KEYS, RULE_KEYS, type CharterRules, type RuleKey } from './model.js';

/**
 * Translating charter messages at the edge (API answers and pages). Params named `…Bp`
 * become percentages (`shareBp` → `share`), `…Rupiah` become money (`pokokRupiah` → `pokok`),
 * `…Date` ('YYYY-MM-DD') become long dates (`deadlineDate` → `deadline`), and enum params
 * (cadence, period, unit, module, data) become words.
 */

const ENUM_PARAMS = new Set(['cadence', 'period', 'unit', 'module', 'data', 'base']);

/** 5000 → '50', 4999 → '49,99' (id) / '49.99' (en): exact, from integers. */
export function formatPercent(locale: Locale, bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = Math.abs(bp % 100);
  const wholeText = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'id-ID').format(whole);
  if (frac === 0) return wholeText;
  const fracText = String(frac).padStart(2, '0').replace(/0$/, '');
  return `${wholeText}${locale === 'en' ? '.' : ','}${fracText}`;
}

export { formatRupiah };

export function surplusComponentName(locale: Locale, c: { key: string; label?: string }): string {
  if (c.label) return c.label;
  const key = `charters.surplusKey.${c.key}`;
  const text = t(locale, key);
  return text === key ? c.key : text;
}

function renderParams(locale: Locale, params: MessageParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      out[name] = (value as SurplusParam[]).map((c) => `${surplusComponentName(locale, c)} ${formatPercent(locale, c.bp)} %`).join(', ');
    } else if (typeof value === 'number' && name.endsWith('Bp')) {
      out[name.slice(0, -2)] = formatPercent(locale, value);
    } else if (typeof value === 'number' && name.endsWith('Rupiah')) {
      out[name.slice(0, -6)] = formatRupiah(locale, value);
    } else if (typeof value === 'string' && name.endsWith('Date') && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      out[name.slice(0, -4)] = new Date(`${value}T00:00:00Z`).toLocaleDateString(locale === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    } else if (typeof value === 'string' && ENUM_PARAMS.has(name)) {
      out[name] = t(locale, `charters.enum.${name}.${value}`);
    } else if (typeof value === 'boolean') {
      out[name] = t(locale, value ? 'ui.yes' : 'ui.no');
    } else {
      out[name] = value as string | number;
    }
  }
  return out;
}

export function renderMessage(locale: Locale, message: Message): string {
  return t(locale, message.key, renderParams(locale, message.params));
}

export function ruleTitle(locale: Locale, ruleKey: RuleKey): string {
  return t(locale, `charters.title.${ruleKey}`);
}

export type PresentedComplianceItem = ComplianceItem & { title: string; statusText: string; ruleText: string; evidenceText: string };

export function presentCompliance(locale: Locale, items: readonly ComplianceItem[]): PresentedComplianceItem[] {
  return items.map((item) => ({
    ...item,
    title: ruleTitle(locale, item.ruleKey),
    statusText: t(locale, `charters.status.${item.status}`),
    ruleText: renderMessage(locale, item.rule),
    evidenceText: renderMessage(locale, item.evidence)
  }));
}

/** Every rule of a charter as a readable sentence, in the order people read them. */
export function presentRules(locale: Locale, rules: CharterRules): { ruleKey: RuleKey; title: string; text: string }[] {
  const shown = RULE_KEYS.filter((k) => !(EDUCATION_RULE_KEYS as readonly string[]).includes(k) || isObligation(k, rules));
  return shown.map((ruleKey) => ({ ruleKey, title: ruleTitle(locale, ruleKey), text: renderMessage(locale, describeRule(ruleKey, rules)) }));
}
