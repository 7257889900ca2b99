import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withTenant } from '../../src/db/tenant.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { addMember } from '../../src/members/add-member.js';
import { adoptCharter } from '../../src/charters/adopt-charter.js';
import { createGrantFund, listFunds, recordInflow } from '../../src/care/funds.js';
import { createProgramme } from '../../src/care/programmes.js';
import { decideApplication, disburseAid, submitApplication } from '../../src/care/applications.js';

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let social: string;

async function fundBalance(id: string): Promise<number> {
  return (await listFunds(a.ctx('ketua'))).find((f) => f.id === id)!.balance;
}
async function approved(amount: number, household: string, fundId = social, extra: Record<string, unknown> = {}): Promise<string> {
  const appl = await submitApplication(a.ctx('sekretaris'), { fundId, applicantName: `Warga ${household}`, householdCode: household, category: 'kesehatan', amountAsked: amount, reason: 'Biaya berobat di puskesmas', ...extra });
  expect(appl.status).toBe('open');
  await decideApplication(a.ctx('ketua'), appl.id, { vote: 'approve' });
  const done = await decideApplication(a.ctx('pengawas'), appl.id, { vote: 'approve' });
  expect(done.status).toBe('approved');
  return appl.id;
}
const rows = async (table: string): Promise<number> => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE coop_id = ${a.id}`.execute(t.db)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
  social = (await listFunds(a.ctx('ketua'))).find((f) => f.kind === 'sosial')!.id;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('funds as ledger accounts', () => {
  it('a donation posts Dr Kas, Cr Dana sosial with a numbered receipt; the balance is the account balance', async () => {
    const d = await recordInflow(a.ctx('bendahara'), { fundId: social, kind: 'donation', amount: 1_000_000, method: 'cash', counterparty: 'Ibu Dermawan', counterpartyPublic: false });
    expect(d.receiptNo).toMatch(/^KP-\d{4}-00001$/);
    const lines = await t.db.selectFrom('journal_lines as l').innerJoin('ledger_accounts as x', (j) => j.onRef('x.coop_id', '=', 'l.coop_id').onRef('x.id', '=', 'l.account_id')).select(['x.system_key', 'l.debit', 'l.credit']).where('l.entry_id', '=', d.entryId).execute();
    expect(lines.map((l) => [l.system_key, Number(l.debit), Number(l.credit)]).sort()).toEqual([['CASH', 1_000_000, 0], ['DANA_SOSIAL', 0, 1_000_000]]);
    expect(await fundBalance(social)).toBe(1_000_000);
  });

  it('refuses negative or fractional rupiah and changes nothing', async () => {
    const before = await rows('care_movements');
    const s = await signInAs(app, a.accounts.bendahara);
    for (const amount of [-5, 10.5, 0]) {
      const r = await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/inflows`, { fundId: social, kind: 'donation', amount, method: 'cash' });
      expect(r.statusCode).toBe(400);
      expect(r.json().fields[0].field).toBe('amount');
    }
    expect(await rows('care_movements')).toBe(before);
  });
});

describe('decisions', () => {
  it('an officer may not approve twice; ten parallel approvals by the same officer make one approval', async () => {
    const appl = await submitApplication(a.ctx('sekretaris'), { applicantName: 'Pak Darmo', householdCode: 'KK-PAR', category: 'duka', amountAsked: 300_000, reason: 'Biaya pemakaman keluarga' });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => decideApplication(a.ctx('ketua'), appl.id, { vote: 'approve' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason.code).toBe('CARE_ALREADY_DECIDED');
    const n = await t.db.selectFrom('care_decisions').select(sql<number>`count(*)::int`.as('n')).where('application_id', '=', appl.id).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
    const s = await signInAs(app, a.accounts.ketua);
    const again = await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/applications/${appl.id}/decisions`, { vote: 'approve' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CARE_ALREADY_DECIDED');
  });

  it('an officer may not decide for their own household, nor after declaring a conflict; the declaration is stored', async () => {
    const ketuaMember = await addMember(a.ctx('ketua'), { fullName: 'Ketua Sendiri', gender: 'M', asStatus: 'active', householdCode: 'KK-KETUA' } as never);
    await t.db.updateTable('members').set({ account_id: a.accounts.ketua.id }).where('id', '=', ketuaMember.id).execute();
    const own = await submitApplication(a.ctx('sekretaris'), { applicantName: 'Istri Ketua', householdCode: 'KK-KETUA', category: 'kesehatan', amountAsked: 200_000, reason: 'Biaya rumah sakit' });
    const s = await signInAs(app, a.accounts.ketua);
    const r = await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/applications/${own.id}/decisions`, { vote: 'approve' });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CARE_OWN_HOUSEHOLD');
    expect(await t.db.selectFrom('care_decisions').select('id').where('application_id', '=', own.id).execute()).toEqual([]);

    const other = await submitApplication(a.ctx('sekretaris'), { applicantName: 'Sepupu Bendahara', householdCode: 'KK-SEPUPU', category: 'usaha', amountAsked: 200_000, reason: 'Modal warung kecil' });
    const sb = await signInAs(app, a.accounts.bendahara);
    expect((await call(app, sb, 'POST', `/api/v1/coops/${a.id}/care/applications/${other.id}/conflicts`, { relation: 'sepupu' })).statusCode).toBe(200);
    const c = await call(app, sb, 'POST', `/api/v1/coops/${a.id}/care/applications/${other.id}/decisions`, { vote: 'approve' });
    expect(c.statusCode).toBe(403);
    expect(c.json().code).toBe('CARE_CONFLICT_DECLARED');
    expect((await call(app, sb, 'GET', `/api/v1/coops/${a.id}/care/applications/${other.id}`)).json().conflicts).toEqual([{ officerAccountId: a.accounts.bendahara.id, relation: 'sepupu' }]);
  });

  it('staf may not decide (not a named officer), and another coop cannot see the application', async () => {
    const appl = await submitApplication(a.ctx('sekretaris'), { applicantName: 'Bu Tini', householdCode: 'KK-TINI', category: 'sekolah_anak', amountAsked: 150_000, reason: 'Seragam sekolah anak' });
    expect((await call(app, await signInAs(app, a.accounts.staf), 'POST', `/api/v1/coops/${a.id}/care/applications/${appl.id}/decisions`, { vote: 'approve' })).statusCode).toBe(403);
    expect((await call(app, await signInAs(app, b.accounts.ketua), 'GET', `/api/v1/coops/${b.id}/care/applications/${appl.id}`)).statusCode).toBe(404);
  });
});

describe('eligibility', () => {
  it('a well-off household is refused aid from a state-aid grant by the charter rule, and may still be helped by the social fund', async () => {
    // The Jamaah Produksi rule lives in the charter.
    await adoptCharter(a.ctx('ketua'), { template: 'jamaah_produksi', note: 'Rapat pendiri' });
    const grant = await createGrantFund(a.ctx('bendahara'), { name: 'Bantuan Dinsos 2026', grantor: 'Dinas Sosial Kabupaten', isStateAid: true, conditions: 'Hanya untuk warga tidak mampu' });
    expect(grant.accountCode).toBe('2.1.10.01');
    // The account is opened through the ledger's own use case: checked, and audited as a chart change.
    const opened = await withTenant(t.db, a.id, (trx) => trx.selectFrom('audit_log').select(['after']).where('coop_id', '=', a.id).where('action', '=', 'ledger.account.add').execute());
    expect(opened.map((o) => (o.after as { code: string }).code)).toContain('2.1.10.01');
    const refused = await submitApplication(a.ctx('sekretaris'), { fundId: grant.id, applicantName: 'Juragan Kaya', householdCode: 'KK-MAMPU', isWellOff: true, category: 'bencana', amountAsked: 500_000, reason: 'Rumah terkena banjir' });
    expect(refused.status).toBe('refused');
    expect(refused.refusedRule).toBe('noStateAidForWellOff');
    expect(refused.eligibility.checks.find((c) => c.rule === 'noStateAidForWellOff')).toMatchObject({ status: 'fail', evidence: { params: { stateAid: true, wellOff: true } } });
    const fromSocial = await submitApplication(a.ctx('sekretaris'), { fundId: social, applicantName: 'Juragan Kaya', householdCode: 'KK-MAMPU-2', isWellOff: true, category: 'bencana', amountAsked: 500_000, reason: 'Rumah terkena banjir' });
    expect(fromSocial.status).toBe('open');
  });

  it('one open application per household: the second is refused naming the rule', async () => {
    await submitApplication(a.ctx('sekretaris'), { applicantName: 'Bu Sumi', householdCode: 'KK-SUMI', category: 'kesehatan', amountAsked: 100_000, reason: 'Obat untuk ibu' });
    const second = await submitApplication(a.ctx('sekretaris'), { applicantName: 'Pak Sumi', householdCode: 'KK-SUMI', category: 'usaha', amountAsked: 100_000, reason: 'Modal dagang sayur' });
    expect(second.status).toBe('refused');
    expect(second.refusedRule).toBe('oneOpenPerHousehold');
  });
});

describe('disbursement', () => {
  it('pays in parts, never beyond the approval; a second receipt number; the fund goes down by exactly what was paid', async () => {
    const id = await approved(400_000, 'KK-PART', social, { villageCode: '33.74.01.1001' });
    const before = await fundBalance(social);
    const s = await signInAs(app, a.accounts.bendahara);
    const first = await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/applications/${id}/disbursements`, { amount: 250_000, method: 'cash', receiptSigned: 'tick' });
    expect(first.statusCode).toBe(201);
    const over = await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/applications/${id}/disbursements`, { amount: 150_001, method: 'cash', receiptSigned: 'tick' });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('CARE_OVER_APPROVED');
    expect(over.json().message).toBe('Jumlah melebihi sisa yang disetujui (Rp150.000).');
    expect((await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/applications/${id}/disbursements`, { amount: 150_000, method: 'transfer', receiptSigned: 'tick' })).statusCode).toBe(201);
    expect(await fundBalance(social)).toBe(before - 400_000);
    const appl = await call(app, s, 'GET', `/api/v1/coops/${a.id}/care/applications/${id}`);
    expect(appl.json()).toMatchObject({ status: 'paid', paidAmount: 400_000 });
  });

  it('cancels a payment only by reversal: a reversing entry, the money back in the fund, the application payable again, once', async () => {
    const id = await approved(120_000, 'KK-REV');
    const before = await fundBalance(social);
    const paid = await disburseAid(a.ctx('bendahara'), id, { amount: 120_000, method: 'cash', receiptSigned: 'tick' });
    const s = await signInAs(app, a.accounts.bendahara);
    const r = await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/movements/${paid.id}/reversal`, { reason: 'Salah penerima' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'reversal', amount: 120_000 });
    expect(await fundBalance(social)).toBe(before);
    const entry = await t.db.selectFrom('journal_entries').select('reverses_entry_id').where('id', '=', r.json().entryId).executeTakeFirstOrThrow();
    expect(entry.reverses_entry_id).toBe(paid.entryId);
    expect((await call(app, s, 'GET', `/api/v1/coops/${a.id}/care/applications/${id}`)).json()).toMatchObject({ status: 'approved', paidAmount: 0 });
    const again = await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/movements/${paid.id}/reversal`, { reason: 'Salah penerima' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CARE_ALREADY_REVERSED');
  });

  it('20 parallel disbursements that together exceed the fund: the fund never goes below zero', async () => {
    const fund = await createGrantFund(a.ctx('bendahara'), { name: 'Hibah Mitra', grantor: 'Yayasan Mitra', isStateAid: false });
    await recordInflow(a.ctx('bendahara'), { fundId: fund.id, kind: 'grant', amount: 1_000_000, method: 'transfer' });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await approved(100_000, `KK-C${i}`, fund.id));
    const results = await Promise.allSettled(ids.map((id) => disburseAid(a.ctx('bendahara'), id, { amount: 100_000, method: 'cash', receiptSigned: 'tick' })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(10);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason.code).toBe('CARE_FUND_INSUFFICIENT');
    expect(await fundBalance(fund.id)).toBe(0);
    const s = await signInAs(app, a.accounts.bendahara);
    const more = await call(app, s, 'POST', `/api/v1/coops/${a.id}/care/applications/${ids.find((_, i) => results[i]!.status === 'rejected')}/disbursements`, { amount: 1, method: 'cash', receiptSigned: 'tick' });
    expect(more.statusCode).toBe(409);
    expect(more.json().code).toBe('CARE_FUND_INSUFFICIENT');
  });
});

describe('API', () => {
  it('documents the care routes in OpenAPI and answers in English when asked', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of ['/api/v1/coops/{coopId}/care/funds', '/api/v1/coops/{coopId}/care/applications/{applicationId}/disbursements', '/api/v1/public/coops/{slug}/care', '/api/v1/public/coops/{slug}/care/applications']) expect(doc.paths[p]).toBeTruthy();
    const r = await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/care/applications`, { applicantName: 'Warga', householdCode: 'KK-EN', category: 'duka', amountAsked: -5, reason: 'Biaya pemakaman' }, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe('Some fields are not right. Check the marked fields.');
    expect(r.json().fields[0].field).toBe('amountAsked');
  });
});

describe('public transparency', () => {
  it('shows every movement with category and village but no applicant name, phone or NIK (page and CSV)', async () => {
    const programme = await createProgramme(a.ctx('sekretaris'), { title: 'Posyandu Lansia', purpose: 'Pemeriksaan kesehatan lansia', fundId: social, villageCode: '33.74.01.1001', lines: [{ description: 'Obat dan vitamin', amount: 600_000 }, { description: 'Konsumsi', amount: 400_000 }] });
    expect(programme.budget).toBe(1_000_000);
    const secret = { applicantName: 'Rahasia Sekali Namanya', phone: '081299887766', nik: '3374010101900001' };
    const id = await approved(200_000, 'KK-RAHASIA', social, { ...secret, programmeId: programme.id, villageCode: '33.74.01.1001' });
    await disburseAid(a.ctx('bendahara'), id, { amount: 200_000, method: 'cash', receiptSigned: 'tick' });
    const page = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/care` });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.programmes.find((p: { id: string }) => p.id === programme.id)).toMatchObject({ budget: 1_000_000, actual: 200_000 });
    expect(body.movements[0]).toMatchObject({ kind: 'disbursement', amount: -200_000, category: 'kesehatan', programme: 'Posyandu Lansia', counterparty: null });
    expect(body.total).toBe(await rows('care_movements'));
    const csv = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/care.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\n')).toHaveLength(body.total + 1);
    for (const text of [page.body, csv.body]) {
      for (const v of [...Object.values(secret), 'Ibu Dermawan', 'Warga KK-']) expect(text).not.toContain(v);
    }
  });

  it('a public application needs no account, is checked, and cannot pick a fund or claim a member', async () => {
    const ok = await app.inject({ method: 'POST', url: `/api/v1/public/coops/${a.slug}/care/applications`, payload: { applicantName: 'Warga Sekitar', householdCode: 'KK-PUBLIK', category: 'bencana', amountAsked: 250_000, reason: 'Atap rumah rusak kena angin' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().status).toBe('open');
    const bad = await app.inject({ method: 'POST', url: `/api/v1/public/coops/${a.slug}/care/applications`, payload: { fundId: social, applicantName: 'Warga', householdCode: 'KK-X', category: 'bencana', amountAsked: 1.5, reason: 'Atap rumah rusak' } });
    expect(bad.statusCode).toBe(400);
  });
});
