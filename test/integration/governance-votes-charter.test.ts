import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import { isAppError } from '../../src/kernel/errors.js';
import { translateError } from '../../src/kernel/i18n.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { openVote } from '../../src/governance/open-vote.js';
import { castBallot } from '../../src/governance/cast-ballot.js';
import { closeDecision } from '../../src/governance/close-decision.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { recordAttendance } from '../../src/governance/record-attendance.js';
import { enterPaperBallot } from '../../src/governance/enter-paper-ballot.js';
import { listPaperBallotMembers } from '../../src/governance/list-paper-ballot-members.js';
import { getCharter } from '../../src/charters/get-charter.js';
import { presentRules } from '../../src/charters/present.js';
import { getTemplate } from '../../src/charters/templates.js';

/**
 * Issue 14, item 1: a vote's majority is counted against what the charter says (the votes
 * cast, the members present, the whole electorate) with the charter's minimum turnout, and
 * the result carries the numbers that decided it.
 */
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** A members' meeting with the first `present` voters checked in in person, and a yes/no proposal on it opened for voting. */
async function meetingVote(coop: GovCoop, present: number) {
  const ketua = coop.ctx('ketua');
  const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat anggota bulanan', startsAt: new Date(Date.now() + 3600_000).toISOString() });
  await openMeeting(ketua, m.id);
  for (const v of coop.voters.slice(0, present)) await recordAttendance(ketua, m.id, { memberId: v.memberId });
  const d = await proposeDecision(ketua, { title: 'Membeli mesin jahit bersama', meetingId: m.id });
  return openVote(ketua, d.id, { closesAt: inAWeek() });
}

describe('a majority of the members present', () => {
  it('rejects a meeting vote with 2 yes ballots while 14 of 23 members are present (the reported defect), and says why with the numbers', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 23, accounts: 14 });
    const d = await meetingVote(coop, 14);
    expect(d.majorityBase).toBe('present');
    await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'yes' });
    await castBallot(coop.memberCtx(coop.voters[1]!), d.id, { choice: 'yes' });
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    // Quorum 12 of 23 is met by the 14 present; 2 yes of 14 present is no majority.
    expect(closed.result!.inputs).toMatchObject({ eligible: 23, quorumRequired: 12, turnout: 14, majorityOf: 14, yesNeeded: 8 });
    expect(closed.result!.rule).toMatchObject({ majorityBase: 'present', thresholdBp: 5000 });
    expect(closed.outcome).toBe('rejected');
  });

  it('passes when more than half of those present say yes, abstentions and absent ballots counting against', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 10, accounts: 10 });
    const d = await meetingVote(coop, 8);
    for (const [i, choice] of (['yes', 'yes', 'yes', 'yes', 'yes', 'abstain'] as const).entries()) await castBallot(coop.memberCtx(coop.voters[i]!), d.id, { choice });
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.result!.inputs).toMatchObject({ majorityOf: 8, yesNeeded: 5 });
    expect(closed.outcome).toBe('passed');
  });
});

describe('a majority of the votes cast, with a minimum turnout (platform charter)', () => {
  it('counts yes against yes and no only, and refuses a vote below the turnout as no quorum', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 10, accounts: 10, template: 'platform' });
    const low = await openVote(coop.ctx('ketua'), (await proposeDecision(coop.ctx('ketua'), { title: 'Sewa server bersama' })).id, { closesAt: inAWeek() });
    expect(low.majorityBase).toBe('votes_cast');
    expect(low.ballotsRequired).toBe(2);
    await castBallot(coop.memberCtx(coop.voters[0]!), low.id, { choice: 'yes' });
    const lowClosed = await closeDecision(coop.ctx('ketua'), low.id);
    expect(lowClosed.outcome).toBe('no_quorum');
    expect(lowClosed.result!.inputs).toMatchObject({ ballots: 1, ballotsRequired: 2, turnoutMet: false });

    const d = await openVote(coop.ctx('ketua'), (await proposeDecision(coop.ctx('ketua'), { title: 'Sewa server kedua' })).id, { closesAt: inAWeek() });
    for (const [i, choice] of (['yes', 'yes', 'no', 'abstain', 'abstain'] as const).entries()) await castBallot(coop.memberCtx(coop.voters[i]!), d.id, { choice });
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.result!.inputs).toMatchObject({ majorityOf: 3, yesNeeded: 2, turnoutMet: true });
    expect(closed.outcome).toBe('passed');
  });
});

describe('the charter and its compliance view say what the majority is counted against', () => {
  it('sets the base and turnout in every template and writes them into the rule text', async () => {
    expect(getTemplate('primer')!.rules.majority).toMatchObject({ base: 'present', minTurnoutBp: null });
    expect(getTemplate('jamaah_produksi')!.rules.majority).toMatchObject({ base: 'present', minTurnoutBp: 5000 });
    expect(getTemplate('platform')!.rules.majority).toMatchObject({ base: 'votes_cast', minTurnoutBp: 2000 });
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 0, template: 'jamaah_produksi' });
    const charter = await getCharter(coop.ctx('ketua'));
    const id = presentRules('id', charter!.rules).find((r) => r.ruleKey === 'majority')!.text;
    expect(id).toContain('lebih dari 50 % anggota yang hadir');
    expect(id).toContain('paling sedikit 50 % pemilih memberikan suara');
    const en = presentRules('en', charter!.rules).find((r) => r.ruleKey === 'majority')!.text;
    expect(en).toContain('more than 50 % of the members present');
  });
});

describe('opening and paper ballots', () => {
  it('names the missing closing time instead of "invalid format", in Indonesian and English', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 0 });
    const d = await proposeDecision(coop.ctx('ketua'), { title: 'Tanpa waktu tutup' });
    const err = await openVote(coop.ctx('ketua'), d.id, {}).catch((e: unknown) => e);
    expect(err).toSatisfy(code('VALIDATION_FAILED'));
    expect(translateError('id', err).fields).toEqual([{ field: 'closesAt', code: 'closes_at_required', message: 'Isi tanggal dan jam pemungutan suara ditutup.' }]);
    expect(translateError('en', err).fields[0]!.message).toBe('Give the date and time the vote closes.');
    await expect(openVote(coop.ctx('ketua'), d.id, { closesAt: '' })).rejects.toSatisfy(code('VALIDATION_FAILED'));
  });

  it('offers paper ballots only for members present in person who have not voted yet', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 5, accounts: 5 });
    const d = await meetingVote(coop, 4);
    const names = async () => (await listPaperBallotMembers(coop.ctx('ketua'), d.id)).map((m) => m.memberId);
    expect(await names()).toEqual(coop.voters.slice(0, 4).map((v) => v.memberId));
    await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'yes' });
    await enterPaperBallot(coop.ctx('ketua'), d.id, { memberId: coop.voters[1]!.memberId, choice: 'no' });
    expect(await names()).toEqual(coop.voters.slice(2, 4).map((v) => v.memberId));
    await expect(listPaperBallotMembers(coop.ctx('anggota'), d.id)).rejects.toSatisfy(code('FORBIDDEN'));
  });
});
