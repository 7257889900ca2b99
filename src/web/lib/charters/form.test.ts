import { describe, expect, it } from 'vitest';
import { checkCharterRules } from '../../../charters/model.js';
import { CHARTER_TEMPLATES, templateRules } from '../../../charters/templates.js';
import { formFieldOf, rulesFromForm, rulesToForm } from './form.js';

describe('charter form', () => {
  it('reads every template back unchanged from its own form values', () => {
    for (const key of Object.keys(CHARTER_TEMPLATES) as (keyof typeof CHARTER_TEMPLATES)[]) {
      const parsed = rulesFromForm(rulesToForm(templateRules(key)));
      expect(parsed.issues).toEqual([]);
      const checked = checkCharterRules(parsed.rules);
      expect(checked.ok && checked.rules).toEqual(templateRules(key));
    }
  });

  it('reads percentages with a decimal comma and skips empty surplus rows', () => {
    const values = rulesToForm(templateRules('primer'));
    values.womenMinBp = '33,33';
    values['surplus.5.bp'] = '2,5';
    const parsed = rulesFromForm(values);
    expect((parsed.rules as { womenMinBp: number }).womenMinBp).toBe(3333);
    expect(parsed.surplusRowOf).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('names a wrongly typed percentage or amount on its own field', () => {
    const values = rulesToForm(templateRules('jamaah_produksi'));
    values.womenMinBp = 'separuh';
    values['capital.pokok'] = '10.000,50';
    const parsed = rulesFromForm(values);
    expect(parsed.issues).toEqual([
      { field: 'womenMinBp', code: 'percent_invalid' },
      { field: 'capital.pokok', code: 'rupiah_invalid' }
    ]);
    expect(checkCharterRules(parsed.rules).ok).toBe(false);
  });

  it('adds a component of its own code from a blank row and maps its errors back to that row', () => {
    const values = rulesToForm(templateRules('jamaah_produksi'));
    values['surplus.0.key'] = '';
    values['surplus.0.bp'] = '';
    values['surplus.6.key'] = '_other';
    values['surplus.6.customKey'] = 'dana_seni';
    values['surplus.6.bp'] = '30';
    values['surplus.6.label'] = 'Dana kesenian';
    const parsed = rulesFromForm(values);
    const rules = parsed.rules as { surplus: { components: { key: string; label?: string }[] } };
    expect(rules.surplus.components.at(-1)).toEqual({ key: 'DANA_SENI', bp: 3000, label: 'Dana kesenian' });
    expect(parsed.surplusRowOf).toEqual([1, 2, 3, 4, 6]);
    expect(formFieldOf('rules.surplus.components.4.bp', parsed.surplusRowOf)).toBe('surplus.6.bp');
    expect(formFieldOf('rules.surplus.components', parsed.surplusRowOf)).toBe('surplus');
    expect(formFieldOf('rules.membership.max', parsed.surplusRowOf)).toBe('membership.max');
  });
});
