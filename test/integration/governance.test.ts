import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, signInAs, testApp } from '../support/fixtures.js';
import { seedGovernanceCoop, type GovCoop, type Voter } from '../support/governance.js';
import type { App } from '../../src/server/types.js';
import type { Clock } from '../../src/kernel/clock.js';
import { isAppError } from '../../src/kernel/errors.js';
import { withTenant } from '../../src/db/tenant.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { openVote } from '../../src/governance/open-vote.js';
import { castBallot } from '../../src/governance/cast-ballot.js';
import { closeDecision } from '../../src/governance/close-decision.js';
import { getCompliance } from '../../src/charters/get-compliance.js';
import { reopenDecision } from '../../src/governance/reopen-decision.js';
import { updateDecision } from '../../src/governance/update-decision.js';
import { getDecision } from '../../src/governance/get-decision.js';
import { getReceipt } from '../../src/governance/get-receipt.js';
import { listParticipation } from '../../src/governance/list-participation.js';
import { statePosition } from '../../src/governance/state-position.js';
import { declareConsensus } from '../../src/governance/declare-consensus.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { closeMeeting } from '../../src/governance/close-meeting.js';
import { recordAttendance, recordDeparture } from '../../src/governance/record-attendance.js';
import { checkIn } from '../../src/governance/check-in.js';
import { getMeeting } from '../../src/governance/get-meeting.js';
import { enterPaperBallot } from '../../src/governance/enter-paper-ballot.js';
import { saveMinutes } from '../../src/governance/save-minutes.js';
import { approveMinutes } from '../../src/governance/approve-minutes.js';
import { addMinutesAmendment } from '../../src/governance/add-minutes-amendment.js';
import { getMinutes } from '../../src/governance/get-minutes.js';
import { suspendMember } from '../../src/members/suspend-member.js';
import { addMember } from '../../src/members/add-member.js';

let t: TestDb;
let app: App;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;
const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** A yes/no proposal opened for voting now, closing in a week. */
async function openYesNo(coop: GovCoop, opts: { secret?: boolean; allowRevote?: boolean; kind?: 'general' | 'charter_change' } = {}) {
  const d = await proposeDecision(coop.ctx('ketua'), { title: 'Membeli mesin jahit bersama', secret: opts.secret ?? false, allowRevote: opts.allowRevote ?? false });
  return openVote(coop.ctx('ketua'), d.id, { closesAt: inAWeek() });
}

async function ballotsOf(decisionId: string): Promise<number> {
  const r = await t.db.selectFrom('ballots').select(sql<number>`count(*)::int`.as('n')).where('decision_id', '=', decisionId).executeTakeFirstOrThrow();
  return r.n;
}

async function voteAll(coop: GovCoop, decisionId: string, choices: ('yes' | 'no' | 'abstain')[]): Promise<void> {
  for (const [i, choice] of choices.entries()) await castBallot(coop.memberCtx(coop.voters[i]!), decisionId, { choice });
}

describe('1. one member, one counted ballot', () => {
  it('gives exactly one ballot and 19 clean "already voted" answers when one member submits 20 times at once', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 1 });
    const d = await openYesNo(coop);
    const session = await signInAs(app, { email: coop.voters[0]!.email!, password: PASSWORD });
    const url = `/api/v1/coops/${coop.id}/decisions/${d.id}/ballots`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(app, session, 'POST', url, { choice: 'yes' })));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'DECISION_ALREADY_VOTED')).toBe(true);
    expect(await ballotsOf(d.id)).toBe(1);
    const parts = await t.db.selectFrom('participations').selectAll().where('decision_id', '=', d.id).execute();
    expect(parts).toHaveLength(1);
  });
});

describe('2. idempotent submission', () => {
  it('returns the first answer for a retried request with the same idempotency key and never a second ballot', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 1 });
    const d = await openYesNo(coop);
    const session = await signInAs(app, { email: coop.voters[0]!.email!, password: PASSWORD });
    const url = `/api/v1/coops/${coop.id}/decisions/${d.id}/ballots`;
    const first = await call(app, session, 'POST', url, { choice: 'no' }, { 'idempotency-key': 'hp-rina-0001' });
    expect(first.statusCode).toBe(201);
    // The flaky network retries the same request several times, some at once.
    const retries = await Promise.all(Array.from({ length: 5 }, () => call(app, session, 'POST', url, { choice: 'no' }, { 'idempotency-key': 'hp-rina-0001' })));
    for (const r of retries) {
      expect(r.statusCode).toBe(200);
      expect(r.json().receiptCode).toBe(first.json().receiptCode);
      expect(r.json().created).toBe(false);
    }
    expect(await ballotsOf(d.id)).toBe(1);
    // A different key is a new attempt: the member already voted.
    const other = await call(app, session, 'POST', url, { choice: 'yes' }, { 'idempotency-key': 'hp-rina-0002' });
    expect(other.statusCode).toBe(409);
  });
});

describe('3. electorate snapshotted when voting opens', () => {
  it('keeps members added later out of the vote and the quorum, and removed members in the denominator', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 4 });
    const d = await openYesNo(coop);
    expect(d.electorateSize).toBe(4);
    const rows = await t.db.selectFrom('eligible_voters').select('member_id').where('decision_id', '=', d.id).execute();
    expect(rows.map((r) => r.member_id).sort()).toEqual(coop.voters.map((v) => v.memberId).sort());

    // A member admitted after opening, with an account, cannot vote.
    const late = await seedLateVoter(coop);
    await expect(castBallot(coop.memberCtx(late), d.id, { choice: 'yes' })).rejects.toSatisfy(code('DECISION_NOT_ELIGIBLE'));
    // A member suspended after opening stays in the denominator.
    await suspendMember(coop.ctx('ketua'), coop.voters[3]!.memberId, { reason: 'Tidak hadir tiga kali' });
    await voteAll(coop, d.id, ['yes', 'yes']);
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.result!.inputs.eligible).toBe(4);
    // 2 of 4 is not more than half: no quorum, though all ballots said yes.
    expect(closed.outcome).toBe('no_quorum');
  });
});

async function seedLateVoter(coop: GovCoop): Promise<Voter> {
  const m = await addMember(coop.ctx('ketua'), { fullName: 'Anggota Baru Sekali', gender: 'F', asStatus: 'active' });
  const accountId = coop.accounts.staf.id;
  await t.db.updateTable('members').set({ account_id: accountId }).where('id', '=', m.id).execute();
  return { memberId: m.id, accountId, email: null, name: 'Anggota Baru Sekali' };
}

describe('4. quorum over the snapshot', () => {
  it('gives NO_QUORUM, never "rejected", to nine ballots of twenty eligible under "more than half"', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 20, accounts: 11 });
    const d = await openYesNo(coop);
    await voteAll(coop, d.id, ['no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no']);
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.outcome).toBe('no_quorum');
    expect(closed.result!.inputs.quorumRequired).toBe(11);
  });

  it('counts abstentions toward the quorum but not the majority (a charter counting the votes cast)', async () => {
    // The platform charter counts the majority against the yes and no votes cast (issue 14); quorum 1/5.
    const coop = await seedGovernanceCoop(t.db, { members: 20, accounts: 11, template: 'platform' });
    const d = await openYesNo(coop);
    // 11 ballots reach the quorum of 4; 2 yes against 1 no passes with 8 abstaining.
    await voteAll(coop, d.id, ['yes', 'yes', 'no', 'abstain', 'abstain', 'abstain', 'abstain', 'abstain', 'abstain', 'abstain', 'abstain']);
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.outcome).toBe('passed');
    expect(closed.result!.tally).toMatchObject({ yes: 2, no: 1, abstain: 8, ballots: 11 });
  });
});

describe('5. outcome rule explicit and stored', () => {
  it('fails a tie and stores the rule version and every input with the result', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 4 });
    const d = await openYesNo(coop);
    await voteAll(coop, d.id, ['yes', 'yes', 'no', 'no']);
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.outcome).toBe('rejected');
    const [row] = await t.db.selectFrom('decision_results').selectAll().where('decision_id', '=', d.id).execute();
    expect(row!.rule).toMatchObject({ version: 'lumbung-governance-2', thresholdBp: 5000, majorityBase: 'present', quorum: { kind: 'more_than_half' }, basis: 'ballots', method: 'yes_no' });
    expect(row!.inputs).toMatchObject({ eligible: 4, electorate: 4, ballots: 4, quorumRequired: 3, turnout: 4, charterVersion: 1 });
    expect(row!.tally).toMatchObject({ yes: 2, no: 2, abstain: 0 });
  });

  it('applies the charter’s two-thirds to a charter change, and adopts the new charter version only when it passes', async () => {
    // Counted against the yes and no votes cast (the platform charter), as the arithmetic below.
    const coop = await seedGovernanceCoop(t.db, { members: 5, accounts: 5, template: 'platform' });
    const charter = (await t.db.selectFrom('charters').select('rules').where('coop_id', '=', coop.id).executeTakeFirstOrThrow()).rules as Record<string, unknown>;
    const rules = { ...charter, womenMinBp: 3000 };
    // 3 yes, 2 no: 30000 > 6666 × 5 = 33330 is false — a simple majority is not enough.
    const d0 = await proposeDecision(coop.ctx('ketua'), { kind: 'charter_change', title: 'Perempuan minimal 30 %', charterRules: rules });
    expect(d0.thresholdBp).toBe(6666);
    await openVote(coop.ctx('ketua'), d0.id, { closesAt: inAWeek() });
    await voteAll(coop, d0.id, ['yes', 'yes', 'yes', 'no', 'no']);
    expect((await closeDecision(coop.ctx('ketua'), d0.id)).outcome).toBe('rejected');
    // 2 yes, 1 no, 1 abstain: 20000 > 6666 × 3 = 19998 — passes, and the charter gets a new version.
    const d1 = await proposeDecision(coop.ctx('ketua'), { kind: 'charter_change', title: 'Perempuan minimal 30 % (usulan kedua)', charterRules: rules });
    await openVote(coop.ctx('ketua'), d1.id, { closesAt: inAWeek() });
    await voteAll(coop, d1.id, ['yes', 'yes', 'no', 'abstain']);
    expect((await closeDecision(coop.ctx('ketua'), d1.id)).outcome).toBe('passed');
    const versions = await t.db.selectFrom('charters').select(['version', 'note', 'rules']).where('coop_id', '=', coop.id).orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.note).toContain(`Keputusan No. ${d1.number}`);
    expect((versions[1]!.rules as { womenMinBp: number }).womenMinBp).toBe(3000);
  });

  it('lets the compliance view measure quorum and majority on the decisions closed', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 4 });
    const rat = (await getCompliance(coop.ctx('anggota'))).items;
    expect(rat.find((i) => i.ruleKey === 'quorum')?.status).toBe('pending');
    const d = await openYesNo(coop);
    await voteAll(coop, d.id, ['yes', 'yes', 'yes', 'no']);
    expect((await closeDecision(coop.ctx('ketua'), d.id)).outcome).toBe('passed');
    const items = (await getCompliance(coop.ctx('anggota'))).items;
    expect(items.find((i) => i.ruleKey === 'quorum')).toMatchObject({ status: 'pass', evidence: { params: { decisions: 1, kept: 1, noQuorum: 0 } } });
    expect(items.find((i) => i.ruleKey === 'majority')).toMatchObject({ status: 'pass', evidence: { params: { decisions: 1, kept: 1, passed: 1 } } });
    // A decision row rewritten behind the application's back to a looser quorum shows as a failure.
    await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL citus.propagate_set_commands = 'local'`.execute(trx); // the shards too, on Citus
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await trx.updateTable('decisions').set({ quorum: JSON.stringify({ kind: 'percent', bp: 100 }) as never }).where('id', '=', d.id).execute();
    });
    expect((await getCompliance(coop.ctx('anggota'))).items.find((i) => i.ruleKey === 'quorum')?.status).toBe('fail');
  });
});

describe('6. no proxies', () => {
  it('has no way to name another member on a ballot, and no "vote as" endpoint', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 2 });
    const d = await openYesNo(coop);
    const session = await signInAs(app, { email: coop.voters[0]!.email!, password: PASSWORD });
    const res = await call(app, session, 'POST', `/api/v1/coops/${coop.id}/decisions/${d.id}/ballots`, { choice: 'yes', memberId: coop.voters[1]!.memberId });
    expect(res.statusCode).toBe(201);
    // The ballot went to the signed-in member, never to the one named in the body.
    const parts = await t.db.selectFrom('participations').select('member_id').where('decision_id', '=', d.id).execute();
    expect(parts.map((p) => p.member_id)).toEqual([coop.voters[0]!.memberId]);
    // The officers' paper-ballot route refuses a member who is not present at a meeting.
    const ketua = await signInAs(app, coop.accounts.ketua);
    const paper = await call(app, ketua, 'POST', `/api/v1/coops/${coop.id}/decisions/${d.id}/paper-ballots`, { memberId: coop.voters[1]!.memberId, choice: 'no' });
    expect(paper.statusCode).toBe(409);
    expect(await ballotsOf(d.id)).toBe(1);
    // A member who is not signed in as an active member cannot vote at all.
    await expect(castBallot(coop.ctx('bendahara'), d.id, { choice: 'yes' })).rejects.toSatisfy(code('GOVERNANCE_NOT_MEMBER'));
  });
});

describe('7. voting window enforced inside the lock', () => {
  it('accepts a ballot a millisecond before the close and refuses it at the close and before opening', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const opensAt = '2026-05-01T01:00:00.000Z';
    const closesAt = '2026-05-02T01:00:00.000Z';
    const d = await proposeDecision(coop.ctx('ketua', clockAt(opensAt)), { title: 'Jadwal pameran' });
    await openVote(coop.ctx('ketua', clockAt(opensAt)), d.id, { closesAt });
    await expect(castBallot(coop.memberCtx(coop.voters[0]!, clockAt('2026-05-01T00:59:59.999Z')), d.id, { choice: 'yes' })).rejects.toSatisfy(code('DECISION_VOTING_CLOSED'));
    await castBallot(coop.memberCtx(coop.voters[0]!, clockAt('2026-05-02T00:59:59.999Z')), d.id, { choice: 'yes' });
    await expect(castBallot(coop.memberCtx(coop.voters[1]!, clockAt(closesAt)), d.id, { choice: 'yes' })).rejects.toSatisfy(code('DECISION_VOTING_CLOSED'));
    expect(await ballotsOf(d.id)).toBe(1);
  });

  it('never counts a ballot that races the close: it is either in the frozen tally or refused', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 12, accounts: 12 });
    const d = await openYesNo(coop);
    const votes = coop.voters.map((v) => castBallot(coop.memberCtx(v), d.id, { choice: 'yes' }).then(() => 'ok' as const, (e: unknown) => (isAppError(e) ? e.code : 'error')));
    const closing = closeDecision(coop.ctx('ketua'), d.id);
    const outcomes = await Promise.all(votes);
    const closed = await closing;
    const accepted = outcomes.filter((o) => o === 'ok').length;
    expect(outcomes.every((o) => o === 'ok' || o === 'DECISION_VOTING_CLOSED')).toBe(true);
    expect((await getDecision(coop.ctx('ketua'), d.id)).result!.inputs.ballots).toBe(accepted);
    expect(closed.status).toBe('closed');
    expect(await ballotsOf(d.id)).toBe(accepted);
  });
});

describe('8. closing is idempotent and freezes an immutable result', () => {
  it('changes nothing on a second close, refuses edits of the result, and supersedes it on an audited reopening', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const d = await openYesNo(coop);
    await voteAll(coop, d.id, ['yes', 'yes']);
    const first = await closeDecision(coop.ctx('ketua'), d.id);
    const auditBefore = await t.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).where('coop_id', '=', coop.id).executeTakeFirstOrThrow();
    const again = await Promise.all([closeDecision(coop.ctx('ketua'), d.id), closeDecision(coop.ctx('sekretaris'), d.id)]);
    for (const a of again) expect(a.result).toEqual(first.result);
    const auditAfter = await t.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).where('coop_id', '=', coop.id).executeTakeFirstOrThrow();
    expect(auditAfter.n).toBe(auditBefore.n);
    await expect(t.db.updateTable('decision_results').set({ outcome: 'rejected' }).where('decision_id', '=', d.id).execute()).rejects.toThrow(/append-only/);

    await expect(reopenDecision(coop.ctx('ketua'), d.id, { closesAt: inAWeek() })).rejects.toSatisfy(code('VALIDATION_FAILED'));
    await reopenDecision(coop.ctx('ketua'), d.id, { reason: 'Surat suara anggota RT 4 belum masuk', closesAt: inAWeek() });
    await castBallot(coop.memberCtx(coop.voters[2]!), d.id, { choice: 'no' });
    const second = await closeDecision(coop.ctx('ketua'), d.id);
    expect(second.result!.version).toBe(2);
    expect(second.earlierResults).toHaveLength(1);
    expect(second.earlierResults[0]!.supersededBy!.reason).toContain('RT 4');
    expect(second.earlierResults[0]!.tally).toEqual(first.result!.tally);
    const reopenAudit = await t.db.selectFrom('audit_log').selectAll().where('coop_id', '=', coop.id).where('action', '=', 'decision.reopen').executeTakeFirstOrThrow();
    expect(reopenAudit.actor_account_id).toBe(coop.accounts.ketua.id);
  });
});

describe('9. settings frozen after the first ballot', () => {
  it('refuses to change options, counting, secrecy or majority once a ballot exists, and never opens a secret ballot', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const d = await openYesNo(coop, { secret: true });
    await expect(updateDecision(coop.ctx('ketua'), d.id, { secret: false })).rejects.toSatisfy(code('DECISION_CANNOT_DEANONYMIZE'));
    // Before any ballot, the majority may still become stricter.
    await updateDecision(coop.ctx('ketua'), d.id, { thresholdBp: 6000 });
    await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'yes' });
    await expect(updateDecision(coop.ctx('ketua'), d.id, { thresholdBp: 7000 })).rejects.toSatisfy(code('DECISION_SETTINGS_FROZEN'));
    // The title may still be corrected.
    expect((await updateDecision(coop.ctx('ketua'), d.id, { title: 'Membeli dua mesin jahit bersama' })).title).toContain('dua');
    // The database refuses the same even when asked directly.
    await expect(t.db.updateTable('decisions').set({ threshold_bp: 9000 }).where('id', '=', d.id).execute()).rejects.toThrow(/frozen/);
    await expect(t.db.updateTable('decisions').set({ secret: false }).where('id', '=', d.id).execute()).rejects.toThrow(/secret ballot cannot be made open/);
  });
});

describe('10. secret ballots are structurally secret', () => {
  it('has no member, no time in the ballot table and no ballot id in the participation table', async () => {
    const cols = async (table: string) =>
      (await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = ${table}`.execute(t.db)).rows.map((r) => r.column_name).sort();
    expect(await cols('ballots')).toEqual(['choices', 'coop_id', 'decision_id', 'id']);
    expect(await cols('participations')).not.toContain('ballot_id');
  });

  it('shares no value between the ballot row and the voter row, hides results until close and who voted until max(3, quorum)', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 5, accounts: 5 });
    const d = await openYesNo(coop, { secret: true });
    await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'yes' });
    const [ballot] = await t.db.selectFrom('ballots').selectAll().where('decision_id', '=', d.id).execute();
    const [voter] = await t.db.selectFrom('participations').selectAll().where('decision_id', '=', d.id).execute();
    const shared = new Set(['coop_id', 'decision_id']);
    const ballotValues = Object.entries(ballot!).filter(([k]) => !shared.has(k)).map(([, v]) => JSON.stringify(v));
    const voterValues = Object.entries(voter!).filter(([k]) => !shared.has(k)).map(([, v]) => JSON.stringify(v));
    for (const v of ballotValues) for (const w of voterValues) expect(w.includes(v.replace(/^"|"$/g, ''))).toBe(false);
    expect(await t.db.selectFrom('open_votes').selectAll().where('decision_id', '=', d.id).execute()).toEqual([]);

    const during = await getDecision(coop.ctx('ketua'), d.id);
    expect(during.result).toBeNull();
    expect(during.ballotsCast).toBe(1);
    // Quorum of 5 is 3: the list of who voted stays hidden below max(3, 3) ballots.
    expect((await listParticipation(coop.ctx('pengawas'), d.id)).visible).toBe(false);
    expect((await listParticipation(coop.ctx('pengawas'), d.id)).members).toEqual([]);
    await castBallot(coop.memberCtx(coop.voters[1]!), d.id, { choice: 'no' });
    await castBallot(coop.memberCtx(coop.voters[2]!), d.id, { choice: 'yes' });
    const list = await listParticipation(coop.ctx('pengawas'), d.id);
    expect(list.visible).toBe(true);
    expect(list.members.filter((m) => m.voted)).toHaveLength(3);
    expect(JSON.stringify(list)).not.toMatch(/"yes"|"no"/);
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.result!.tally).toMatchObject({ yes: 2, no: 1 });
    expect(closed.openVotes).toBeNull();
  });
});

describe('11. invalid ballots do not use up the vote', () => {
  it('validates before marking the member as voted, with stable codes', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 4 });
    const d = await proposeDecision(coop.ctx('ketua'), { title: 'Pilih dua tema pameran', options: [{ label: 'Batik' }, { label: 'Keroncong' }, { label: 'Wayang' }], seats: 2 });
    await openVote(coop.ctx('ketua'), d.id, { closesAt: inAWeek() });
    const [a, b, c] = d.options.map((o) => o.id) as [string, string, string];
    const v = coop.memberCtx(coop.voters[0]!);
    const fieldCode = async (input: Record<string, unknown>) => {
      try {
        await castBallot(v, d.id, input);
        return 'accepted';
      } catch (e) {
        return isAppError(e) ? `${e.code}:${e.fields[0]?.code ?? ''}` : 'error';
      }
    };
    expect(await fieldCode({ options: [a, b, c] })).toBe('DECISION_BALLOT_INVALID:choice_too_many');
    expect(await fieldCode({ options: [a, a] })).toBe('DECISION_BALLOT_INVALID:choice_duplicate');
    expect(await fieldCode({ options: [a, '6c0a2a51-0000-4000-8000-000000000000'] })).toBe('DECISION_BALLOT_INVALID:choice_invalid');
    expect(await t.db.selectFrom('participations').selectAll().where('decision_id', '=', d.id).execute()).toEqual([]);
    expect(await fieldCode({ options: [a, c] })).toBe('accepted');
  });
});

describe('12. change-your-vote policy explicit per decision', () => {
  it('counts only the latest open ballot and keeps the history', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const d = await openYesNo(coop, { allowRevote: true });
    const v = coop.memberCtx(coop.voters[0]!);
    await castBallot(v, d.id, { choice: 'no' });
    const changed = await castBallot(v, d.id, { choice: 'yes' });
    expect(changed.changed).toBe(true);
    await castBallot(coop.memberCtx(coop.voters[1]!), d.id, { choice: 'yes' });
    const mine = await getDecision(v, d.id);
    expect(mine.me!.history.map((h) => h.choices[0])).toEqual(['no', 'yes']);
    expect(mine.me!.choices).toEqual(['yes']);
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.result!.tally).toMatchObject({ yes: 2, no: 0, ballots: 2 });
  });

  it('accepts a secret ballot once: a second submission is refused', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    await expect(proposeDecision(coop.ctx('ketua'), { title: 'Rahasia boleh ubah?', secret: true, allowRevote: true })).rejects.toSatisfy(code('VALIDATION_FAILED'));
    const d = await openYesNo(coop, { secret: true });
    const v = coop.memberCtx(coop.voters[0]!);
    await castBallot(v, d.id, { choice: 'no' });
    await expect(castBallot(v, d.id, { choice: 'yes' })).rejects.toSatisfy(code('DECISION_ALREADY_VOTED'));
    expect(await ballotsOf(d.id)).toBe(1);
  });
});

describe('13. weight is always 1', () => {
  it('gives the same tally after the members’ capital and attributes change', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const d = await openYesNo(coop);
    await voteAll(coop, d.id, ['yes', 'no', 'no']);
    const first = await closeDecision(coop.ctx('ketua'), d.id);
    // The yes-voter becomes the richest member by far; the others become well-off too.
    await t.db.insertInto('capital_accounts').values({ coop_id: coop.id, member_id: coop.voters[0]!.memberId, pokok: 100_000, wajib: 5_000_000, sukarela: 900_000_000 }).execute();
    await t.db.updateTable('members').set({ is_well_off: true }).where('coop_id', '=', coop.id).execute();
    await reopenDecision(coop.ctx('ketua'), d.id, { reason: 'Hitung ulang untuk pemeriksaan', closesAt: inAWeek() });
    const recount = await closeDecision(coop.ctx('ketua'), d.id);
    expect(recount.result!.tally).toEqual(first.result!.tally);
    expect(recount.result!.tally).toMatchObject({ yes: 1, no: 2 });
    expect(recount.outcome).toBe('rejected');
  });
});

describe('14. attendance-based meeting quorum (RAT)', () => {
  it('counts present members against those eligible at the start, records attendance at the vote, and blocks a vote without quorum', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 6, accounts: 6 });
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat bulanan Mei', startsAt: new Date(Date.now() + 3600_000).toISOString(), agenda: ['Laporan', 'Pameran'] });
    await openMeeting(ketua, m.id);
    // Joins after the start: not a participant.
    const late = await seedLateVoter(coop);
    await expect(recordAttendance(ketua, m.id, { memberId: late.memberId })).rejects.toSatisfy(code('MEETING_NOT_ELIGIBLE'));
    await recordAttendance(ketua, m.id, { memberId: coop.voters[0]!.memberId });
    await recordAttendance(ketua, m.id, { memberId: coop.voters[1]!.memberId, participation: 'online' });
    const detail = await getMeeting(ketua, m.id);
    const code6 = detail.checkinCode!;
    await checkIn(coop.memberCtx(coop.voters[2]!), m.id, { code: code6 });
    await expect(checkIn(coop.memberCtx(coop.voters[3]!), m.id, { code: 'salah-kode-123' })).rejects.toSatisfy(code('MEETING_CHECKIN_INVALID'));

    const prop = await proposeDecision(ketua, { title: 'Ikut pameran Jogja', meetingId: m.id, agendaItemId: m.agenda[1]!.id });
    // 3 of 6 present: more than half needs 4.
    await expect(openVote(ketua, prop.id, { closesAt: inAWeek() })).rejects.toSatisfy(code('MEETING_NO_QUORUM'));
    await recordAttendance(ketua, m.id, { memberId: coop.voters[3]!.memberId });
    const voting = await openVote(ketua, prop.id, { closesAt: inAWeek() });
    expect(voting.attendanceAtOpen).toBe(4);
    expect(voting.electorateSize).toBe(4);
    await castBallot(coop.memberCtx(coop.voters[1]!), prop.id, { choice: 'yes' });
    await enterPaperBallot(ketua, prop.id, { memberId: coop.voters[0]!.memberId, choice: 'yes' });
    // A member absent from the room cannot vote on the meeting's decision.
    await expect(castBallot(coop.memberCtx(coop.voters[4]!), prop.id, { choice: 'no' })).rejects.toSatisfy(code('DECISION_NOT_ELIGIBLE'));
    // Quorum is lost before the close: the decision cannot pass.
    await recordDeparture(ketua, m.id, { memberId: coop.voters[3]!.memberId });
    const closed = await closeDecision(ketua, prop.id);
    expect(closed.outcome).toBe('no_quorum');
    expect(closed.result!.inputs).toMatchObject({ attendanceAtOpen: 4, attendanceAtClose: 3, eligible: 6, quorumRequired: 4 });
    expect(closed.result!.rule.basis).toBe('attendance');
  });

  it('enters paper ballots only for members present in person, audited with the officer, never twice', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat kerja', startsAt: new Date(Date.now() + 3600_000).toISOString() });
    await openMeeting(ketua, m.id);
    for (const v of coop.voters) await recordAttendance(ketua, m.id, { memberId: v.memberId, participation: v === coop.voters[2] ? 'online' : 'in_person' });
    const prop = await proposeDecision(ketua, { title: 'Iuran acara', meetingId: m.id });
    await openVote(ketua, prop.id, { closesAt: inAWeek() });
    const paper = await enterPaperBallot(ketua, prop.id, { memberId: coop.voters[0]!.memberId, choice: 'no' });
    expect(paper.origin).toBe('in_person');
    await expect(enterPaperBallot(coop.ctx('sekretaris'), prop.id, { memberId: coop.voters[0]!.memberId, choice: 'yes' })).rejects.toSatisfy(code('DECISION_ALREADY_VOTED'));
    await expect(castBallot(coop.memberCtx(coop.voters[0]!), prop.id, { choice: 'yes' })).rejects.toSatisfy(code('DECISION_ALREADY_VOTED'));
    await expect(enterPaperBallot(ketua, prop.id, { memberId: coop.voters[2]!.memberId, choice: 'yes' })).rejects.toSatisfy(code('DECISION_NOT_ELIGIBLE'));
    const audit = await t.db.selectFrom('audit_log').selectAll().where('coop_id', '=', coop.id).where('action', '=', 'decision.paper_ballot').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_account_id).toBe(coop.accounts.ketua.id);
    expect(audit[0]!.after).toMatchObject({ memberId: coop.voters[0]!.memberId, origin: 'in_person', enteredBy: coop.accounts.ketua.id });
    const part = await t.db.selectFrom('participations').selectAll().where('decision_id', '=', prop.id).executeTakeFirstOrThrow();
    expect(part.entered_by).toBe(coop.accounts.ketua.id);
  });
});

describe('15. minutes linked to decisions and locked once approved', () => {
  it('links notes to agenda items, decisions and attendance; approved minutes are read-only; corrections are amendments', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat Juni', startsAt: new Date(Date.now() + 3600_000).toISOString(), agenda: ['Keuangan'] });
    await openMeeting(ketua, m.id);
    for (const v of coop.voters) await recordAttendance(ketua, m.id, { memberId: v.memberId });
    const prop = await proposeDecision(ketua, { title: 'Setuju laporan keuangan', meetingId: m.id, agendaItemId: m.agenda[0]!.id });
    for (const v of coop.voters) await statePosition(coop.memberCtx(v), prop.id, { stance: 'agree' });
    await declareConsensus(ketua, prop.id);
    await closeMeeting(ketua, m.id);
    await saveMinutes(ketua, m.id, { summary: 'Rapat berjalan tertib.', notes: [{ agendaItemId: m.agenda[0]!.id, text: 'Laporan diterima dengan mufakat.' }] });
    // Outside a meeting the chair alone only signs; the secretary's signature approves (issue 14).
    expect((await approveMinutes(ketua, m.id, {})).status).toBe('draft');
    const approved = await approveMinutes(coop.ctx('sekretaris'), m.id, {});
    expect(approved.status).toBe('approved');
    expect(approved.signatures.map((s) => s.role)).toEqual(['ketua', 'sekretaris']);
    expect(approved.attendees).toHaveLength(3);
    expect(approved.attendance).toEqual({ eligible: 3, attended: 3 });
    expect(approved.items[0]!.decisions.map((d) => d.outcome)).toEqual(['consensus']);
    await expect(saveMinutes(ketua, m.id, { summary: 'Diubah diam-diam' })).rejects.toSatisfy(code('MINUTES_APPROVED'));
    await expect(t.db.updateTable('minutes').set({ summary: 'Diubah' }).where('meeting_id', '=', m.id).execute()).rejects.toThrow(/read-only/);
    await expect(t.db.updateTable('minute_notes').set({ text: 'Diubah' }).where('meeting_id', '=', m.id).execute()).rejects.toThrow(/read-only/);
    const amended = await addMinutesAmendment(ketua, m.id, { text: 'Koreksi: laporan dibacakan bendahara, bukan ketua.', agendaItemId: m.agenda[0]!.id });
    expect(amended.amendments).toHaveLength(1);
    expect((await getMinutes(coop.ctx('anggota'), m.id)).summary).toBe('Rapat berjalan tertib.');
  });
});

describe('16. append-only audit log', () => {
  it('records actor, time, before and after of open, close, attendance and reopen, and refuses to change log rows', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat audit', startsAt: new Date(Date.now() + 3600_000).toISOString() });
    await openMeeting(ketua, m.id);
    await recordAttendance(ketua, m.id, { memberId: coop.voters[0]!.memberId });
    await recordAttendance(ketua, m.id, { memberId: coop.voters[0]!.memberId, participation: 'online' });
    const rows = await t.db.selectFrom('audit_log').selectAll().where('coop_id', '=', coop.id).where('entity', '=', 'meeting').orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['meeting.schedule', 'meeting.open', 'meeting.attendance', 'meeting.attendance']);
    const correction = rows[3]!;
    expect(correction.actor_account_id).toBe(coop.accounts.ketua.id);
    expect(correction.before).toMatchObject({ participation: 'in_person' });
    expect(correction.after).toMatchObject({ participation: 'online' });
    await expect(t.db.updateTable('audit_log').set({ action: 'x' }).where('id', '=', correction.id).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').where('id', '=', correction.id).execute()).rejects.toThrow(/append-only/);
  });
});

describe('17. receipts', () => {
  it('lets each member confirm their ballot was counted, and officers list who took part without choices', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 4 });
    const d = await openYesNo(coop, { secret: true });
    const cast = await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'yes' });
    await castBallot(coop.memberCtx(coop.voters[1]!), d.id, { choice: 'no' });
    await castBallot(coop.memberCtx(coop.voters[2]!), d.id, { choice: 'yes' });
    await closeDecision(coop.ctx('ketua'), d.id);
    const receipt = await getReceipt(coop.memberCtx(coop.voters[0]!), d.id);
    expect(receipt).toMatchObject({ voted: true, counted: true, ballotsCounted: 3, receiptCode: cast.receiptCode });
    const absent = await getReceipt(coop.memberCtx(coop.voters[3]!), d.id);
    expect(absent).toMatchObject({ eligible: true, voted: false, counted: false });
    const list = await listParticipation(coop.ctx('pengawas'), d.id);
    expect(list).toMatchObject({ eligible: 4, voted: 3, visible: true });
    expect(list.members.find((x) => x.memberId === coop.voters[3]!.memberId)!.voted).toBe(false);
    await expect(listParticipation(coop.ctx('anggota'), d.id)).rejects.toSatisfy(code('FORBIDDEN'));
  });
});

describe('elections and admissions by the meeting', () => {
  it('elects the candidate with most votes, gives the role and the term, and takes it from the former holder', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 4 });
    const [a, b] = coop.voters as [Voter, Voter];
    // Before the election, member 2 was bendahara.
    await t.db.updateTable('coop_users').set({ roles: ['anggota', 'bendahara'] }).where('account_id', '=', b.accountId!).execute();
    const d = await proposeDecision(coop.ctx('ketua'), {
      kind: 'election',
      title: 'Pemilihan bendahara 2026–2029',
      electionRole: 'bendahara',
      termStartsOn: '2026-07-01',
      termEndsOn: '2029-06-30',
      secret: true,
      options: [
        { label: a.name, memberId: a.memberId },
        { label: b.name, memberId: b.memberId }
      ]
    });
    await openVote(coop.ctx('ketua'), d.id, { closesAt: inAWeek() });
    const [optA, optB] = d.options.map((o) => o.id) as [string, string];
    await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { options: [optA] });
    await castBallot(coop.memberCtx(coop.voters[1]!), d.id, { options: [optB] });
    await castBallot(coop.memberCtx(coop.voters[2]!), d.id, { options: [optA] });
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.outcome).toBe('elected');
    const roles = async (accountId: string) => (await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', coop.id).where('account_id', '=', accountId).executeTakeFirstOrThrow()).roles;
    expect(await roles(a.accountId!)).toContain('bendahara');
    expect(await roles(b.accountId!)).not.toContain('bendahara');
    const terms = await t.db.selectFrom('office_terms').selectAll().where('coop_id', '=', coop.id).execute();
    expect(terms).toMatchObject([{ member_id: a.memberId, role: 'bendahara', starts_on: '2026-07-01', ends_on: '2029-06-30' }]);
    // Closing again does not assign twice.
    await closeDecision(coop.ctx('ketua'), d.id);
    expect(await t.db.selectFrom('office_terms').selectAll().where('coop_id', '=', coop.id).execute()).toHaveLength(1);
  });

  it('admits an applicant when the meeting votes for it, citing the decision', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const applicant = await addMember(coop.ctx('ketua'), { fullName: 'Galih Ramadhan', gender: 'M' });
    const d = await proposeDecision(coop.ctx('ketua'), { kind: 'admission', title: 'Penerimaan Galih Ramadhan', subjectMemberId: applicant.id });
    await openVote(coop.ctx('ketua'), d.id, { closesAt: inAWeek() });
    await voteAll(coop, d.id, ['yes', 'yes']);
    const closed = await closeDecision(coop.ctx('ketua'), d.id);
    expect(closed.effect).toMatchObject({ memberId: applicant.id });
    const m = await t.db.selectFrom('members').select(['status', 'member_no']).where('id', '=', applicant.id).executeTakeFirstOrThrow();
    expect(m.status).toBe('active');
    const history = await withTenant(t.db, coop.id, (trx) => trx.selectFrom('member_status_history').select('reason').where('member_id', '=', applicant.id).where('to_status', '=', 'active').executeTakeFirstOrThrow());
    expect(history.reason).toContain(`Keputusan No. ${d.number}`);
  });
});
