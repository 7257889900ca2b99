import type { CoopType } from '../db/schema.js';
import type { CharterRules, TemplateKey } from './model.js';
import { CHARTER_TEMPLATES, DEFAULT_TEMPLATE_BY_COOP_TYPE, type TemplateSource } from './templates.js';

export type CharterTemplateInfo = {
  key: TemplateKey;
  name: { id: string; en: string };
  description: { id: string; en: string };
  /** The cooperative types that start from this template by default. */
  defaultFor: CoopType[];
  rules: CharterRules;
  sources: TemplateSource[];
};

/** The charter templates a cooperative can start from (public knowledge: no tenant needed). */
export function listCharterTemplates(): CharterTemplateInfo[] {
  const types = Object.entries(DEFAULT_TEMPLATE_BY_COOP_TYPE) as [CoopType, TemplateKey][];
  return Object.values(CHARTER_TEMPLATES).map((tpl) => ({
    key: tpl.key,
    name: { ...tpl.name },
    description: { ...tpl.description },
    defaultFor: types.filter(([, key]) => key === tpl.key).map(([type]) => type),
    rules: structuredClone(tpl.rules),
    sources: tpl.sources.map((s) => ({ ...s, rules: [...s.rules] }))
  }));
}
