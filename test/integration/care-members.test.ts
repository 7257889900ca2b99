import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { addMember } from '../../src/members/add-member.js';
import { decideApplication, getApplication, submitApplication } from '../../src/care/applications.js';
import { referToMembers } from '../../src/care/members-decision.js';
import { DEFAULT_CARE_RULES } from '../../src/care/model.js';
import { updateCareRules } from '../../src/care/rules.js';
import { statePosition } from '../../src/governance/state-position.js';
import { declareConsensus } from '../../src/governance/declare-consensus.js';
import { getDecision } from '../../src/governance/get-decision.js';
import { isAppError } from '../../src/kernel/errors.js';

/**
 * Above the threshold the officers may not approve: a named officer refers the application to
 * the members as a governance decision, and when the members decide (here by mufakat through
 * the governance engine itself) the application is approved for the amount put to them.
 */
let t: TestDb;
let a: SeededCoop;

beforeAll(async () => {
  t = await createTestDb();
  a = await seedCoop(t.db);
  await updateCareRules(a.ctx('ketua'), { ...DEFAULT_CARE_RULES, maxPerHouseholdPerYear: null });
  // Two members with accounts, to take positions in the members' decision.
  for (const role of ['anggota', 'staf'] as const) {
    const m = await addMember(a.ctx('ketua'), { fullName: `Anggota ${role}`, gender: 'F', asStatus: 'active' });
    await t.db.updateTable('members').set({ account_id: a.accounts[role].id }).where('id', '=', m.id).execute();
  }
});
afterAll(async () => {
  await t?.drop();
});

const code = (e: unknown) => (isAppError(e) ? { code: e.code, fields: e.fields.map((f) => f.code) } : e);

describe('aid above the threshold goes to the members', () => {
  it('is referred as a governance decision without the applicant’s name, and approved when the members decide', async () => {
    const appl = await submitApplication(a.ctx('sekretaris'), { applicantName: 'Ibu Rahasia Sekali', householdCode: 'KK-BANJIR', category: 'bencana', amountAsked: 15_000_000, reason: 'Rumah hanyut terbawa banjir' });
    expect(appl.status).toBe('open');
    await expect(decideApplication(a.ctx('ketua'), appl.id, { vote: 'approve', amount: 12_000_000 })).rejects.toSatisfy((e: unknown) => code(e) !== e && (code(e) as { code: string }).code === 'CARE_NEEDS_MEMBERS');
    // Below the threshold there is nothing to refer; only named officers may refer.
    await expect(referToMembers(a.ctx('ketua'), appl.id, { amount: 9_000_000 })).rejects.toSatisfy((e: unknown) => (code(e) as { fields: string[] }).fields?.includes('care_below_threshold'));
    await expect(referToMembers(a.ctx('sekretaris'), appl.id, { amount: 12_000_000 })).rejects.toSatisfy((e: unknown) => (code(e) as { code: string }).code === 'CARE_NOT_APPROVER');

    const { decisionId } = await referToMembers(a.ctx('ketua'), appl.id, { amount: 12_000_000 });
    await expect(referToMembers(a.ctx('bendahara'), appl.id, { amount: 12_000_000 })).rejects.toSatisfy((e: unknown) => (code(e) as { code: string }).code === 'CARE_ALREADY_REFERRED');
    const decision = await getDecision(a.ctx('anggota'), decisionId);
    expect(decision.title).toContain('Bantuan bencana');
    expect(JSON.stringify(decision)).not.toContain('Rahasia');
    expect((await getApplication(a.ctx('ketua'), appl.id)).status).toBe('open');

    await statePosition(a.ctx('anggota'), decisionId, { stance: 'agree' });
    await statePosition(a.ctx('staf'), decisionId, { stance: 'agree' });
    await declareConsensus(a.ctx('ketua'), decisionId);
    const after = await getApplication(a.ctx('ketua'), appl.id);
    expect(after).toMatchObject({ status: 'approved', approvedAmount: 12_000_000 });
  });
});
