import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, signInAs, testApp, PASSWORD } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { isAppError } from '../../src/kernel/errors.js';
import { withTenant } from '../../src/db/tenant.js';
import { closePeriod } from '../../src/ledger/close-period.js';
import { memberBalance } from '../../src/ledger/get-member-ledger-balance.js';
import { getMemberCapital } from '../../src/capital/get-member-capital.js';
import { computeShuRun } from '../../src/surplus/compute-shu-run.js';
import { proposeShuRun } from '../../src/surplus/propose-shu-run.js';
import { approveShuRun } from '../../src/surplus/approve-shu-run.js';
import { postShuRun } from '../../src/surplus/post-shu-run.js';
import { payShuShare } from '../../src/surplus/pay-shu-share.js';
import { reverseShuRun } from '../../src/surplus/reverse-shu-run.js';
import { getOwnShares } from '../../src/surplus/get-own-share.js';
import { getLatestApprovedRun, getRun } from '../../src/surplus/get-run.js';
import { statePosition } from '../../src/governance/state-position.js';
import { declareConsensus } from '../../src/governance/declare-consensus.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { shuYearOfBusiness, ratApproves } from './shu-fixture.js';
import { updateShuSettings } from '../../src/surplus/shu-settings.js';
import { depositSukarela } from '../../src/capital/deposit-sukarela.js';

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
const yearOfBusiness = (opts: { loss?: boolean } = {}) => shuYearOfBusiness(t.db, opts);

async function trialBalance(coopId: string): Promise<number> {
  const r = await t.db.selectFrom('journal_lines').select(sql<string>`coalesce(sum(debit - credit), 0)`.as('d')).where('coop_id', '=', coopId).executeTakeFirstOrThrow();
  return Number(r.d);
}

describe('a year from deposits and business to paid SHU', () => {
  it('closes, computes exactly, goes through the RAT, posts one entry, pays in cash and into sukarela, and the member sees their share', async () => {
    const coop = await yearOfBusiness();
    const [m1, m2, m3, m4] = coop.m as [string, string, string, string];
    const bendahara = coop.ctx('bendahara');

    // Step 1: not before the year is closed.
    await expect(computeShuRun(bendahara, { fiscalYear: 2025 })).rejects.toSatisfy(code('SHU_PERIOD_NOT_CLOSED'));
    await closePeriod(bendahara, { throughDate: '2025-12-31' });
    await expect(computeShuRun(coop.ctx('anggota'), { fiscalYear: 2025 })).rejects.toSatisfy(code('FORBIDDEN'));

    // Step 2: compute. A second computation replaces the draft.
    await computeShuRun(bendahara, { fiscalYear: 2025 });
    const run = await computeShuRun(bendahara, { fiscalYear: 2025 });
    expect(await t.db.selectFrom('shu_runs').select('id').where('coop_id', '=', coop.id).execute()).toHaveLength(1);
    expect(run.status).toBe('draft');
    expect(run.pool).toBe(10_000_001);
    expect(run.components).toEqual([
      { key: 'CADANGAN', amount: 3_000_000 },
      { key: 'JASA_USAHA', amount: 3_500_001 },
      { key: 'JASA_MODAL', amount: 1_500_000 },
      { key: 'DANA_PENDIDIKAN', amount: 1_000_000 },
      { key: 'DANA_SOSIAL', amount: 1_000_000 }
    ]);
    const by = new Map(run.members.map((x) => [x.memberId, x]));
    // Rupiah-days: m1 100.000×59 + 160.000×306; m2 100.000×365; m3 (joined 1 July) 100.000×184; m4 (left 30 Sept) 100.000×273.
    expect([m1, m2, m3, m4].map((id) => by.get(id)!.capitalWeight)).toEqual(['54860000', '36500000', '18400000', '27300000']);
    // Net volume × 10000 bp: m1 950.000 (a refund), m2 500.000, m3 200.000 (not before joining), m4 100.000 (not after leaving).
    expect([m1, m2, m3, m4].map((id) => by.get(id)!.volumeWeight)).toEqual(['9500000000', '5000000000', '2000000000', '1000000000']);
    expect([m1, m2, m3, m4].map((id) => by.get(id)!.jasaModal)).toEqual([600_394, 399_460, 201_372, 298_774]);
    expect([m1, m2, m3, m4].map((id) => by.get(id)!.jasaUsaha)).toEqual([1_900_001, 1_000_000, 400_000, 200_000]);
    expect(by.get(m4)!.flags).toEqual(['LEAVER']);
    expect(run.totals.jasaModal).toBe(1_500_000);
    expect(run.totals.jasaUsaha).toBe(3_500_001);
    expect(run.totalCapitalWeight).toBe('137060000');

    // Step 4: on the RAT's agenda; approved only by its passed decision.
    await expect(postShuRun(bendahara, run.id)).rejects.toSatisfy(code('SHU_RUN_STATE'));
    const decisionId = await ratApproves(coop, run.id);
    await expect(approveShuRun(coop.ctx('pengawas'), run.id)).rejects.toSatisfy(code('FORBIDDEN'));
    const approved = await approveShuRun(bendahara, run.id);
    expect(approved.status).toBe('approved');
    expect(approved.decision!.id).toBe(decisionId);
    expect(approved.decision!.ref).toMatch(/^Keputusan No\. \d+: Pengesahan pembagian SHU tahun buku 2025/);

    // Immutable from now on, in the database itself.
    await expect(t.db.updateTable('shu_runs').set({ pool: 1 }).where('id', '=', run.id).execute()).rejects.toThrow(/immutable/);
    await expect(t.db.updateTable('shu_run_members').set({ jasa_modal: 0, total: 1_899_999 + 1 }).where('run_id', '=', run.id).where('member_id', '=', m1).execute()).rejects.toThrow(/not allowed/);
    await expect(t.db.deleteFrom('shu_runs').where('id', '=', run.id).execute()).rejects.toThrow(/cannot be deleted/);
    await expect(computeShuRun(bendahara, { fiscalYear: 2025 })).rejects.toSatisfy(code('SHU_ALREADY_STANDING'));

    // Posting twice at once posts one entry.
    const posts = await Promise.all([postShuRun(bendahara, run.id), postShuRun(coop.ctx('ketua'), run.id)]);
    expect(posts[0].postedEntryId).toBe(posts[1].postedEntryId);
    const entries = await t.db.selectFrom('journal_entries').select('id').where('coop_id', '=', coop.id).where('source', '=', 'shu').execute();
    expect(entries).toHaveLength(1);
    const lines = await t.db
      .selectFrom('journal_lines as l')
      .innerJoin('ledger_accounts as a', (j) => j.onRef('a.id', '=', 'l.account_id').onRef('a.coop_id', '=', 'l.coop_id'))
      .select(['a.system_key', 'l.debit', 'l.credit', 'l.member_id'])
      .where('l.entry_id', '=', entries[0]!.id)
      .orderBy('l.line_no')
      .execute();
    expect(lines.map((l) => [l.system_key, Number(l.debit), Number(l.credit)])).toEqual([
      ['SHU_TAHUN_BERJALAN', 10_000_001, 0],
      ['CADANGAN', 0, 3_000_000],
      ['UTANG_SHU_ANGGOTA', 0, 2_500_395],
      ['UTANG_SHU_ANGGOTA', 0, 1_399_460],
      ['UTANG_SHU_ANGGOTA', 0, 601_372],
      ['UTANG_SHU_ANGGOTA', 0, 498_774],
      ['DANA_PENDIDIKAN', 0, 1_000_000],
      ['DANA_SOSIAL', 0, 1_000_000]
    ]);
    expect(lines.filter((l) => l.system_key === 'UTANG_SHU_ANGGOTA').map((l) => l.member_id)).toEqual([m1, m2, m3, m4]);
    expect(await trialBalance(coop.id)).toBe(0);

    // Pay: m1 in cash (twice at once: paid once), m2 into simpanan sukarela.
    const pays = await Promise.all([payShuShare(bendahara, run.id, m1, { method: 'cash' }), payShuShare(coop.ctx('ketua'), run.id, m1, { method: 'cash' })]);
    expect(pays.map((p) => p.created).sort()).toEqual([false, true]);
    expect(await t.db.selectFrom('shu_payments').select('id').where('run_id', '=', run.id).execute()).toHaveLength(1);
    const toSavings = await payShuShare(bendahara, run.id, m2, { method: 'sukarela' });
    expect(toSavings.member.payment).toMatchObject({ method: 'sukarela', amount: 1_399_460 });
    const capital = await getMemberCapital(bendahara, m2);
    expect(capital.balances.sukarela).toBe(1_399_460);
    expect(capital.movements.at(-1)).toMatchObject({ kind: 'deposit', amount: 1_399_460, method: 'shu' });
    await withTenant(t.db, coop.id, async (trx) => {
      expect(await memberBalance(trx, coop.id, m1, 'UTANG_SHU_ANGGOTA')).toBe(0);
      expect(await memberBalance(trx, coop.id, m2, 'UTANG_SHU_ANGGOTA')).toBe(0);
      expect(await memberBalance(trx, coop.id, m2, 'SIMPANAN_SUKARELA')).toBe(1_399_460);
      // Not collected yet: stays in the liability.
      expect(await memberBalance(trx, coop.id, m3, 'UTANG_SHU_ANGGOTA')).toBe(601_372);
    });
    expect(await trialBalance(coop.id)).toBe(0);
    // A resigned member cannot be paid into savings, only in cash.
    await expect(payShuShare(bendahara, run.id, m4, { method: 'sukarela' })).rejects.toSatisfy(code('CAPITAL_MEMBER_STATUS'));
    await payShuShare(bendahara, run.id, m4, { method: 'bank' });
    const last = await payShuShare(bendahara, run.id, m3, { method: 'cash' });
    expect(last.runStatus).toBe('paid');
    expect(await trialBalance(coop.id)).toBe(0);

    // The member sees their own share only, with the numbers of the formula.
    const mine = await getOwnShares(coop.memberCtx(coop.voters[2]!));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.share).toMatchObject({ memberId: m3, jasaModal: 201_372, jasaUsaha: 400_000, capitalWeight: '18400000' });
    expect(mine[0]!.pools).toEqual({ jasaModal: 1_500_000, jasaUsaha: 3_500_001 });
    expect(mine[0]!.run.totalCapitalWeight).toBe('137060000');
    expect(JSON.stringify(mine)).not.toContain(m1);

    // Over HTTP: a member reads only their own share; the run itself is for the board and the supervisors.
    const memberSession = await signInAs(app, { email: coop.voters[2]!.email!, password: PASSWORD });
    const me = await call(app, memberSession, 'GET', `/api/v1/coops/${coop.id}/shu/me`);
    expect(me.statusCode).toBe(200);
    expect(me.json()[0].share.memberId).toBe(m3);
    expect((await call(app, memberSession, 'GET', `/api/v1/coops/${coop.id}/shu/runs/${run.id}`)).statusCode).toBe(403);
    const pengawas = await signInAs(app, coop.accounts.pengawas);
    const read = await call(app, pengawas, 'GET', `/api/v1/coops/${coop.id}/shu/runs/${run.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().members).toHaveLength(4);
    const refused = await call(app, pengawas, 'POST', `/api/v1/coops/${coop.id}/shu/runs/${run.id}/post`);
    expect(refused.statusCode).toBe(403);

    // For the RAT report (C2).
    const standing = await withTenant(t.db, coop.id, (trx) => getLatestApprovedRun(trx, coop.id, 2025));
    expect(standing!.id).toBe(run.id);
    expect(standing!.totals.paidCount).toBe(4);
  });

  it('refuses approval by a decision that is not a RAT’s, and a correction reverses the posting so a new run can replace it', async () => {
    const coop = await yearOfBusiness();
    const bendahara = coop.ctx('bendahara');
    await closePeriod(bendahara, { throughDate: '2025-12-31' });
    const run = await computeShuRun(bendahara, { fiscalYear: 2025 });
    await proposeShuRun(bendahara, run.id);
    // A passed decision outside a RAT.
    const general = await proposeDecision(coop.ctx('ketua'), { title: 'Setuju SHU di luar RAT' });
    for (const v of coop.voters.slice(0, 3)) await statePosition(coop.memberCtx(v), general.id, { stance: 'agree' });
    await declareConsensus(coop.ctx('ketua'), general.id);
    await expect(approveShuRun(bendahara, run.id, { decisionId: general.id })).rejects.toSatisfy(code('SHU_DECISION_INVALID'));

    await ratApproves(coop, run.id);
    await approveShuRun(bendahara, run.id);
    const posted = await postShuRun(bendahara, run.id);
    const reversed = await reverseShuRun(bendahara, run.id, { reason: 'Volume usaha Oktober tertinggal' });
    expect(reversed.status).toBe('reversed');
    expect(reversed.reversalEntryId).not.toBeNull();
    expect(await trialBalance(coop.id)).toBe(0);
    await withTenant(t.db, coop.id, async (trx) => {
      expect(await memberBalance(trx, coop.id, coop.m[0]!, 'UTANG_SHU_ANGGOTA')).toBe(0);
    });
    // The original entry is untouched; the year can be computed again.
    expect(await t.db.selectFrom('journal_entries').select('id').where('id', '=', posted.postedEntryId!).execute()).toHaveLength(1);
    const again = await computeShuRun(bendahara, { fiscalYear: 2025 });
    expect(again.status).toBe('draft');
    expect((await getRun(bendahara, run.id)).status).toBe('reversed');
  });

  it('applies the coop’s policies: sukarela in the capital basis, leavers forfeiting to cadangan, payouts rounded to Rp100', async () => {
    const coop = await yearOfBusiness();
    const [m1, , , m4] = coop.m as [string, string, string, string];
    const bendahara = coop.ctx('bendahara');
    // Two deposits on one day: the day's last balance counts (200.000 from 1 December, 31 days).
    await depositSukarela(coop.ctx('bendahara', { now: () => new Date('2025-12-01T05:00:00Z') }), m1, { amount: 50_000, method: 'cash', date: '2025-12-01' });
    await depositSukarela(coop.ctx('bendahara', { now: () => new Date('2025-12-01T06:00:00Z') }), m1, { amount: 150_000, method: 'cash', date: '2025-12-01' });
    await expect(updateShuSettings(coop.ctx('pengawas'), {})).rejects.toSatisfy(code('FORBIDDEN'));
    await expect(updateShuSettings(bendahara, { capitalMethod: 'AVG_DAILY', leaver: 'PRO_RATA', minActiveDays: 0, emptyPool: 'TO_CADANGAN', payoutRoundTo: 1, withholdingBp: 0 })).rejects.toSatisfy(code('VALIDATION_FAILED'));
    await updateShuSettings(bendahara, { capitalPokok: 'on', capitalWajib: 'on', capitalSukarela: 'on', capitalMethod: 'AVG_DAILY', leaver: 'FORFEIT_TO_CADANGAN', minActiveDays: '0', emptyPool: 'TO_CADANGAN', payoutRoundTo: '100', withholdingBp: '0' });
    await closePeriod(bendahara, { throughDate: '2025-12-31' });
    const run = await computeShuRun(bendahara, { fiscalYear: 2025 });
    const by = new Map(run.members.map((x) => [x.memberId, x]));
    expect(by.get(m1)!.capitalWeight).toBe(String(54_860_000 + 200_000 * 31));
    expect(by.get(m4)!.flags).toEqual(['LEAVER', 'FORFEITED']);
    expect(by.get(m4)!.payable).toBe(0);
    for (const x of run.members) expect(x.payable % 100).toBe(0);
    // Σ jasa = the jasa pools; cadangan takes the forfeited share and the rounding residues; the journal balances.
    expect(run.totals.jasaModal + run.totals.jasaUsaha).toBe(1_500_000 + 3_500_001);
    const reasons = run.toCadangan.map((x) => x.reason);
    expect(reasons).toEqual(['FORFEITED_BY_LEAVERS', 'PAYOUT_ROUNDING']);
    expect(run.cadangan).toBe(3_000_000 + run.toCadangan.reduce((a, x) => a + x.amount, 0));
    const debit = run.journal.reduce((a, l) => a + (l.debit ?? 0), 0);
    const credit = run.journal.reduce((a, l) => a + (l.credit ?? 0), 0);
    expect(debit).toBe(credit);
    expect(run.inputs.settings.capitalAccounts).toEqual(['pokok', 'wajib', 'sukarela']);
  });

  it('distributes nothing in a loss year and proposes its coverage', async () => {
    const coop = await yearOfBusiness({ loss: true });
    const bendahara = coop.ctx('bendahara');
    await closePeriod(bendahara, { throughDate: '2025-12-31' });
    const run = await computeShuRun(bendahara, { fiscalYear: 2025 });
    expect(run.outcome).toBe('NO_DISTRIBUTION');
    expect(run.pool).toBe(-1_000_000);
    expect(run.members).toEqual([]);
    expect(run.coverage).toEqual({ fromCadangan: 0, carriedForward: 1_000_000 });
    await ratApproves(coop, run.id);
    await approveShuRun(bendahara, run.id);
    const posted = await postShuRun(bendahara, run.id);
    expect(posted.status).toBe('paid');
    const memberLines = await t.db.selectFrom('journal_lines').select('line_no').where('coop_id', '=', coop.id).where('entry_id', '=', posted.postedEntryId!).where('member_id', 'is not', null).execute();
    expect(memberLines).toEqual([]);
    expect(await trialBalance(coop.id)).toBe(0);
  });
});
