import { describe, expect, it } from 'vitest';
import { evaluateCompliance, type ComplianceFacts } from '../charters/compliance.js';
import { presentCompliance } from '../charters/present.js';
import { templateRules } from '../charters/templates.js';

/** The charter's capital rule, measured from capital facts (tujuh_prinsip: pokok Rp100.000, wajib Rp10.000 a month). */
function facts(capital?: ComplianceFacts['capital']): ComplianceFacts {
  return {
    members: { active: 22, women: 11, youth: 3, withBirthDate: 22, households: 22, wellOffReceivingStateAid: 0, withRt: 22, distinctRt: 2 },
    coop: { villageCode: '34.71.14.1002', rt: 3, rw: 5 },
    ...(capital ? { capital } : {})
  };
}
const capitalItem = (rules: ReturnType<typeof templateRules>, f: ComplianceFacts) => evaluateCompliance(rules, f).find((i) => i.ruleKey === 'capital')!;

describe('the capital rule in the compliance view', () => {
  it('stays pending without capital data', () => {
    expect(capitalItem(templateRules('tujuh_prinsip'), facts()).status).toBe('pending');
  });

  it('fails when 20 of 22 active members paid pokok in full, with that as evidence', () => {
    const item = capitalItem(templateRules('tujuh_prinsip'), facts({ active: 22, pokokPaidInFull: 20, wajibInArrears: 0, wajibArrears: 0 }));
    expect(item.status).toBe('fail');
    const [shown] = presentCompliance('id', [item]);
    expect(shown!.evidenceText).toBe('Simpanan pokok lunas: 20 dari 22 anggota aktif; menunggak simpanan wajib: 0 anggota (Rp0).');
    const [en] = presentCompliance('en', [item]);
    expect(en!.evidenceText).toBe('Principal savings paid in full: 20 of 22 active members; in arrears on mandatory savings: 0 members (Rp0).');
  });

  it('fails when a member is in arrears on wajib, and passes when all paid and none is in arrears', () => {
    expect(capitalItem(templateRules('tujuh_prinsip'), facts({ active: 22, pokokPaidInFull: 22, wajibInArrears: 1, wajibArrears: 10_000 })).status).toBe('fail');
    expect(capitalItem(templateRules('tujuh_prinsip'), facts({ active: 22, pokokPaidInFull: 22, wajibInArrears: 0, wajibArrears: 0 })).status).toBe('pass');
  });

  it('ignores wajib arrears when the charter asks no wajib', () => {
    const rules = templateRules('tujuh_prinsip');
    rules.capital.wajib = 0;
    const item = capitalItem(rules, facts({ active: 22, pokokPaidInFull: 22, wajibInArrears: 0, wajibArrears: 0 }));
    expect(item.status).toBe('pass');
    expect(presentCompliance('id', [item])[0]!.evidenceText).toBe('Simpanan pokok lunas: 22 dari 22 anggota aktif.');
  });

  it('has nothing to measure without active members', () => {
    expect(capitalItem(templateRules('tujuh_prinsip'), facts({ active: 0, pokokPaidInFull: 0, wajibInArrears: 0, wajibArrears: 0 })).status).toBe('pending');
  });
});
