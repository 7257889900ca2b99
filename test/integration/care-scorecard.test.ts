import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { addMember } from '../../src/members/add-member.js';
import { rejectApplication } from '../../src/members/reject-application.js';
import { createGrantFund, listFunds, recordInflow } from '../../src/care/funds.js';
import { decideApplication, disburseAid, submitApplication } from '../../src/care/applications.js';
import { reverseMovement } from '../../src/care/reverse-movement.js';
import { jakartaDate } from '../../src/kernel/clock.js';
import type { Measure, Scorecard } from '../../src/care/scorecard.js';
import { getRatReport } from '../../src/reports/get-rat-report.js';
import { renderRatPdf } from '../../src/reports/render.js';

/**
 * The seven-principles scorecard counts a cooperative's own records: a coop with known
 * members, applications and fund movements gets exactly those figures, this year beside the
 * last; principle 6 comes from the networks' trade sides.
 */
let t: TestDb;
let app: App;
let a: SeededCoop;
const year = Number(jakartaDate(new Date()).slice(0, 4));

async function paid(amount: number, household: string): Promise<string> {
  const social = (await listFunds(a.ctx('ketua'))).find((f) => f.kind === 'sosial')!.id;
  const appl = await submitApplication(a.ctx('sekretaris'), { fundId: social, applicantName: `Warga ${household}`, householdCode: household, category: 'duka', amountAsked: amount, reason: 'Biaya pemakaman keluarga' });
  await decideApplication(a.ctx('ketua'), appl.id, { vote: 'approve' });
  await decideApplication(a.ctx('pengawas'), appl.id, { vote: 'approve' });
  return (await disburseAid(a.ctx('bendahara'), appl.id, { amount, method: 'cash', receiptSigned: 'tick' })).id;
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  await addMember(a.ctx('ketua'), { fullName: 'Sri Rahayu', gender: 'F', birthDate: `${year - 25}-03-01`, asStatus: 'active' });
  await addMember(a.ctx('ketua'), { fullName: 'Bambang Priyo', gender: 'M', birthDate: '1960-05-05', asStatus: 'active' });
  const applicant = await addMember(a.ctx('ketua'), { fullName: 'Joko Wiyono', gender: 'M', asStatus: 'applicant' });
  await rejectApplication(a.ctx('ketua'), applicant.id, { reason: 'Belum berdomisili di wilayah kerja' });
  const social = (await listFunds(a.ctx('ketua'))).find((f) => f.kind === 'sosial')!.id;
  await recordInflow(a.ctx('bendahara'), { fundId: social, kind: 'donation', amount: 1_000_000, method: 'cash' });
  const grant = await createGrantFund(a.ctx('ketua'), { name: 'Bantuan sembako', grantor: 'Dinas Sosial', isStateAid: true });
  await recordInflow(a.ctx('bendahara'), { fundId: grant.id, kind: 'grant', amount: 500_000, method: 'transfer' });
  await paid(300_000, 'KK-1');
  const undone = await paid(200_000, 'KK-2');
  await reverseMovement(a.ctx('bendahara'), undone, { reason: 'Salah penerima, dibatalkan' });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const pick = (s: Scorecard, n: number, key: string): Measure => s.principles.find((p) => p.n === n)!.measures.find((m) => m.key === key)!;

describe('the seven-principles scorecard', () => {
  it('measures each principle from the coop’s own records, this year beside the last', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/scorecard` });
    expect(r.statusCode).toBe(200);
    const s = r.json() as Scorecard;
    expect(s).toMatchObject({ year, previousYear: year - 1 });
    expect(s.principles.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // 1: three applications this year, two admitted, one refused; one woman and one young member of two.
    expect(pick(s, 1, 'applications')).toMatchObject({ current: { value: 3 }, previous: { value: 0 } });
    expect(pick(s, 1, 'approvals').current.value).toBe(2);
    expect(pick(s, 1, 'refusals').current.value).toBe(1);
    expect(pick(s, 1, 'daysToDecide')).toMatchObject({ current: { value: 0 }, previous: { value: null } });
    expect(pick(s, 1, 'women').current).toEqual({ value: 5000, part: 1, whole: 2 });
    expect(pick(s, 1, 'youth').current).toEqual({ value: 5000, part: 1, whole: 2 });
    // 2: nothing held yet — zero counts, and no share where there is nothing to divide.
    expect(pick(s, 2, 'attendance').current.value).toBeNull();
    // 4: the state-aid grant held is outside funding; no member savings yet.
    expect(pick(s, 4, 'outsideFunding').current.value).toBe(500_000);
    expect(pick(s, 4, 'outsideShare').current).toEqual({ value: 10_000, part: 500_000, whole: 500_000 });
    // 3: no SHU run posted for the year is "not measured", not zero.
    expect(pick(s, 3, 'shuDistributed').current.value).toBeNull();
    // 6: from the networks capability — this coop is in no network and traded with no coop.
    expect(s.principles[5]).toMatchObject({ n: 6, measured: true, reason: null });
    expect(s.principles[5]!.measures.map((m) => [m.key, m.current.value, m.previous.value])).toEqual([
      ['networks', 0, 0],
      ['tradePartners', 0, 0],
      ['interCoopSales', 0, 0],
      ['interCoopPurchases', 0, 0]
    ]);
    // 7: paid 300 000 net of the reversed 200 000, to one household; 1 500 000 in.
    expect(pick(s, 7, 'careSpent')).toMatchObject({ current: { value: 300_000 }, previous: { value: 0 } });
    expect(pick(s, 7, 'careReceived').current.value).toBe(1_500_000);
    expect(pick(s, 7, 'beneficiaries').current.value).toBe(1);
    expect(pick(s, 7, 'aidApproved').current).toEqual({ value: 10_000, part: 2, whole: 2 });
  });

  it('a year out of range is a 400 in Indonesian naming the field; an unknown coop is a 404', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/scorecard?year=${year + 1}` });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({ field: 'year', message: `Tahun harus antara 2000 dan ${year}.` });
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/coops/tidak-ada/scorecard' })).statusCode).toBe(404);
  });

  it('an earlier year is measured against the year before it', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/scorecard?year=${year - 1}` });
    expect(r.json().year).toBe(year - 1);
    expect(pick(r.json(), 7, 'careSpent')).toMatchObject({ current: { value: 0 }, previous: { value: 0 } });
  });
});

describe('the RAT report’s social-fund section, from the care records', () => {
  it('gives each fund’s opening, donations, grants, aid and closing, aid by kind, applications by outcome and programmes — without names', async () => {
    const r = await getRatReport(a.ctx('anggota'), year);
    const social = r.care.funds.find((f) => f.kind === 'sosial')!;
    expect(social).toMatchObject({ opening: 0, donations: 1_000_000, grants: 0, aid: 300_000, otherIn: 0, otherOut: 0, closing: 700_000 });
    expect(r.care.funds.find((f) => f.kind === 'hibah')).toMatchObject({ grantor: 'Dinas Sosial', isStateAid: true, grants: 500_000, closing: 500_000 });
    // The reversed payment counts neither as aid nor as a household helped.
    expect(r.care.aidByCategory).toEqual([{ category: 'duka', households: 1, amount: 300_000 }]);
    expect(r.care.applications).toMatchObject({ received: 2, approved: 2, refused: 0, open: 0 });
    expect(JSON.stringify(r.care)).not.toContain('Warga KK');
    const pdf = await renderRatPdf(r, 'id');
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });
});
