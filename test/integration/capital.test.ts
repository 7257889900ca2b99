import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import type { Clock } from '../../src/kernel/clock.js';
import { isAppError } from '../../src/kernel/errors.js';
import { withTenant } from '../../src/db/tenant.js';
import { adoptCharter } from '../../src/charters/adopt-charter.js';
import { getCompliance } from '../../src/charters/get-compliance.js';
import { addMember } from '../../src/members/add-member.js';
import { resignMember } from '../../src/members/resign-member.js';
import { memberBalance } from '../../src/ledger/get-member-ledger-balance.js';
import { depositSukarela } from '../../src/capital/deposit-sukarela.js';
import { withdrawSukarela } from '../../src/capital/withdraw-sukarela.js';
import { recordPokokPayment } from '../../src/capital/record-pokok-payment.js';
import { recordWajibPayment } from '../../src/capital/record-wajib-payment.js';
import { refundCapital } from '../../src/capital/refund-capital.js';
import { getMemberCapital } from '../../src/capital/get-member-capital.js';
import { listCapitalRegister } from '../../src/capital/list-capital-register.js';
import { getReceiptData } from '../../src/capital/get-receipt.js';

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

const at = (iso: string): Clock => ({ now: () => new Date(`${iso}T05:00:00Z`) });
const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;

/** A cooperative under the 'tujuh_prinsip' charter: pokok Rp100.000, wajib Rp10.000 a month. */
async function coopWithCharter(): Promise<SeededCoop> {
  const coop = await seedCoop(t.db);
  await adoptCharter(coop.ctx('ketua'), { template: 'tujuh_prinsip', note: 'Rapat pendiri 2026' });
  return coop;
}

async function activeMember(coop: SeededCoop, name: string, joined = '2026-01-15', opts: { account?: string } = {}): Promise<string> {
  const m = await addMember(coop.ctx('ketua', at(joined)), { fullName: name, gender: 'F', asStatus: 'active' });
  if (opts.account) await t.db.updateTable('members').set({ account_id: opts.account }).where('id', '=', m.id).execute();
  return m.id;
}

async function counts(coopId: string) {
  const n = async (table: 'capital_movements' | 'journal_entries' | 'journal_lines' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).executeTakeFirstOrThrow()).n);
  return { movements: await n('capital_movements'), entries: await n('journal_entries'), lines: await n('journal_lines'), audit: await n('audit_log') };
}

async function ledgerBalance(coopId: string, memberId: string, key: string): Promise<number> {
  return withTenant(t.db, coopId, (trx) => memberBalance(trx, coopId, memberId, key));
}

async function entryOf(coopId: string, entryId: string) {
  const lines = await t.db
    .selectFrom('journal_lines as l')
    .innerJoin('ledger_accounts as a', (j) => j.onRef('a.id', '=', 'l.account_id').onRef('a.coop_id', '=', 'l.coop_id'))
    .select(['a.system_key', 'l.debit', 'l.credit', 'l.member_id'])
    .where('l.coop_id', '=', coopId)
    .where('l.entry_id', '=', entryId)
    .orderBy('l.line_no')
    .execute();
  return lines.map((l) => ({ key: l.system_key, debit: Number(l.debit), credit: Number(l.credit), memberId: l.member_id }));
}

describe('each capital movement', () => {
  it('writes one movement row, one balanced ledger entry against cash or bank, one receipt number and one audit line', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Ayu Pertiwi', '2026-01-15');
    const bendahara = coop.ctx('bendahara', at('2026-03-10'));
    const before = await counts(coop.id);

    const pokok = await recordPokokPayment(bendahara, id, { amount: 60_000, method: 'cash', date: '2026-01-15' });
    const wajib = await recordWajibPayment(bendahara, id, { amount: 20_000, method: 'bank', date: '2026-02-01' });
    const deposit = await depositSukarela(bendahara, id, { amount: 75_000, method: 'cash' });
    const withdrawal = await withdrawSukarela(bendahara, id, { amount: 25_000, method: 'cash' });

    const after = await counts(coop.id);
    expect(after.movements - before.movements).toBe(4);
    expect(after.entries - before.entries).toBe(4);
    expect(after.audit - before.audit).toBe(4);

    expect(await entryOf(coop.id, pokok.movement.ledgerEntryId)).toEqual([
      { key: 'CASH', debit: 60_000, credit: 0, memberId: null },
      { key: 'SIMPANAN_POKOK', debit: 0, credit: 60_000, memberId: id }
    ]);
    expect(await entryOf(coop.id, wajib.movement.ledgerEntryId)).toEqual([
      { key: 'BANK', debit: 20_000, credit: 0, memberId: null },
      { key: 'SIMPANAN_WAJIB', debit: 0, credit: 20_000, memberId: id }
    ]);
    expect(await entryOf(coop.id, withdrawal.movement.ledgerEntryId)).toEqual([
      { key: 'SIMPANAN_SUKARELA', debit: 25_000, credit: 0, memberId: id },
      { key: 'CASH', debit: 0, credit: 25_000, memberId: null }
    ]);
    expect([pokok, wajib, deposit, withdrawal].map((r) => r.movement.receiptNo)).toEqual(['KW/2026/000001', 'KW/2026/000002', 'KW/2026/000003', 'KW/2026/000004']);
    expect(wajib.movement.wajibPeriods).toEqual({ from: '2026-01', to: '2026-02' });
    expect(withdrawal.movement.balancesAfter).toEqual({ pokok: 60_000, wajib: 20_000, sukarela: 50_000 });

    const stored = await t.db.selectFrom('capital_movements').select(['kind', 'ledger_entry_id']).where('coop_id', '=', coop.id).orderBy('receipt_seq').execute();
    expect(stored.map((s) => s.ledger_entry_id)).toEqual([pokok, wajib, deposit, withdrawal].map((r) => r.movement.ledgerEntryId));

    expect(await ledgerBalance(coop.id, id, 'SIMPANAN_POKOK')).toBe(60_000);
    expect(await ledgerBalance(coop.id, id, 'SIMPANAN_WAJIB')).toBe(20_000);
    expect(await ledgerBalance(coop.id, id, 'SIMPANAN_SUKARELA')).toBe(50_000);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('coop_id', '=', coop.id).where('entity', '=', 'capital_movement').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['capital.pokok', 'capital.wajib', 'capital.deposit', 'capital.withdrawal']);
  });

  it('numbers receipts without gaps per year, and a refused movement takes no number', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Budi Santoso', '2025-12-01');
    const b = coop.ctx('bendahara', at('2026-02-01'));
    const r1 = await depositSukarela(b, id, { amount: 10_000, method: 'cash', date: '2025-12-20' });
    const r2 = await depositSukarela(b, id, { amount: 10_000, method: 'cash', date: '2026-01-05' });
    await expect(withdrawSukarela(b, id, { amount: 999_999, method: 'cash', date: '2026-01-06' })).rejects.toSatisfy(code('CAPITAL_INSUFFICIENT_BALANCE'));
    const r3 = await depositSukarela(b, id, { amount: 10_000, method: 'cash', date: '2026-01-07' });
    const other = await activeMember(coop, 'Bayu Lain', '2025-12-01');
    const r4 = await depositSukarela(b, other, { amount: 10_000, method: 'cash', date: '2025-12-31' });
    // A movement dated before the member's last one is refused (the statement stays in date order).
    await expect(depositSukarela(b, id, { amount: 10_000, method: 'cash', date: '2026-01-06' })).rejects.toSatisfy(code('CAPITAL_DATE_BEFORE_LAST'));
    expect([r1, r2, r3, r4].map((r) => r.movement.receiptNo)).toEqual(['KW/2025/000001', 'KW/2026/000001', 'KW/2026/000002', 'KW/2025/000002']);
    const counters = await t.db.selectFrom('coop_counters').select(['name', 'value']).where('coop_id', '=', coop.id).where('name', 'like', 'receipt:%').orderBy('name').execute();
    expect(counters.map((c) => [c.name, Number(c.value)])).toEqual([
      ['receipt:2025', 2],
      ['receipt:2026', 2]
    ]);
  });
});

describe('idempotency', () => {
  it('records a form submitted twice with the same key once: 201, then 200 with the same receipt', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Citra Dewi');
    const s = await signInAs(app, coop.accounts.bendahara);
    const url = `/api/v1/coops/${coop.id}/capital/members/${id}/deposits`;
    const before = await counts(coop.id);
    const [a, b] = await Promise.all([
      call(app, s, 'POST', url, { amount: 50_000, method: 'cash' }, { 'idempotency-key': 'form-abcdef123456' }),
      call(app, s, 'POST', url, { amount: 50_000, method: 'cash', idempotencyKey: 'form-abcdef123456' })
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().movement.id).toBe(b.json().movement.id);
    expect(a.json().movement.receiptNo).toBe(b.json().movement.receiptNo);
    const third = await call(app, s, 'POST', url, { amount: 50_000, method: 'cash' }, { 'idempotency-key': 'form-abcdef123456' });
    expect(third.statusCode).toBe(200);
    expect(third.json().created).toBe(false);
    const after = await counts(coop.id);
    expect(after.movements - before.movements).toBe(1);
    expect(after.entries - before.entries).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    expect((await getMemberCapital(coop.ctx('bendahara'), id)).balances.sukarela).toBe(50_000);
  });

  it('refuses the same key for a different movement, writing nothing', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Dewi Lestari');
    const b = coop.ctx('bendahara');
    await depositSukarela(b, id, { amount: 50_000, method: 'cash', idempotencyKey: 'key-000000001' });
    const before = await counts(coop.id);
    await expect(depositSukarela(b, id, { amount: 60_000, method: 'cash', idempotencyKey: 'key-000000001' })).rejects.toSatisfy(code('CAPITAL_IDEMPOTENCY_CONFLICT'));
    await expect(withdrawSukarela(b, id, { amount: 50_000, method: 'cash', idempotencyKey: 'key-000000001' })).rejects.toSatisfy(code('CAPITAL_IDEMPOTENCY_CONFLICT'));
    expect(await counts(coop.id)).toEqual(before);
  });
});

describe('sukarela withdrawals at the same moment', () => {
  it('never takes the balance below zero under 20 concurrent withdrawals', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Eko Purnomo');
    const s = await signInAs(app, coop.accounts.bendahara);
    const k = await signInAs(app, coop.accounts.ketua);
    await depositSukarela(coop.ctx('bendahara'), id, { amount: 100_000, method: 'cash' });
    const url = `/api/v1/coops/${coop.id}/capital/members/${id}/withdrawals`;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call(app, i % 2 ? s : k, 'POST', url, { amount: 15_000, method: 'cash' })));
    const ok = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(ok).toHaveLength(6);
    expect(refused).toHaveLength(14);
    for (const r of refused) expect(r.json().code).toBe('CAPITAL_INSUFFICIENT_BALANCE');
    const capital = await getMemberCapital(coop.ctx('bendahara'), id);
    expect(capital.balances.sukarela).toBe(10_000);
    expect(await ledgerBalance(coop.id, id, 'SIMPANAN_SUKARELA')).toBe(10_000);
    // Every balance after a movement, in order, stays at or above zero.
    expect(capital.movements.every((m) => m.balancesAfter.sukarela >= 0)).toBe(true);
    expect(new Set(ok.map((r) => r.json().movement.receiptNo)).size).toBe(6);
  });
});

describe('simpanan pokok and wajib', () => {
  it('allows pokok in instalments but never more than the charter amount', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Fitri Rahmawati');
    const b = coop.ctx('bendahara');
    await recordPokokPayment(b, id, { amount: 40_000, method: 'cash' });
    await expect(recordPokokPayment(b, id, { amount: 60_001, method: 'cash' })).rejects.toSatisfy(code('CAPITAL_POKOK_EXCEEDED'));
    await recordPokokPayment(b, id, { amount: 60_000, method: 'cash' });
    const c = await getMemberCapital(b, id);
    expect(c.pokok).toEqual({ required: 100_000, paid: 100_000, outstanding: 0, paidInFull: true });
  });

  it('lets an applicant pay pokok on joining, but not wajib', async () => {
    const coop = await coopWithCharter();
    const applicant = await addMember(coop.ctx('ketua'), { fullName: 'Galih Ramadhan', gender: 'M' });
    const b = coop.ctx('bendahara');
    expect((await recordPokokPayment(b, applicant.id, { amount: 100_000, method: 'cash' })).created).toBe(true);
    await expect(recordWajibPayment(b, applicant.id, { amount: 10_000, method: 'cash' })).rejects.toSatisfy(code('CAPITAL_MEMBER_STATUS'));
  });

  it('tracks wajib arrears per member from the join date, paying the oldest periods first', async () => {
    const coop = await coopWithCharter();
    const late = await activeMember(coop, 'Gita Late', '2026-01-15');
    const onTime = await activeMember(coop, 'Hana Tepat', '2026-01-15');
    const b = coop.ctx('bendahara', at('2026-04-10'));
    for (const id of [late, onTime]) await recordPokokPayment(b, id, { amount: 100_000, method: 'cash', date: '2026-01-15' });
    await recordWajibPayment(b, onTime, { amount: 40_000, method: 'cash' });
    const partial = await recordWajibPayment(b, late, { amount: 25_000, method: 'cash' });
    expect(partial.movement.wajibPeriods).toEqual({ from: '2026-01', to: '2026-03' });

    const c = await getMemberCapital(b, late);
    expect(c.wajib!.lines.map((l) => [l.key, l.paid, l.overdue])).toEqual([
      ['2026-01', 10_000, false],
      ['2026-02', 10_000, false],
      ['2026-03', 5_000, true],
      ['2026-04', 0, false]
    ]);
    expect(c.wajib!.arrears).toBe(5_000);
    expect(c.inArrears).toBe(true);

    const register = await listCapitalRegister(coop.ctx('pengawas', at('2026-04-10')), { inArrears: 'true' });
    expect(register.rows.map((r) => r.fullName)).toEqual(['Gita Late']);
    expect(register.rows[0]).toMatchObject({ wajibArrears: 5_000, wajibArrearsPeriods: 1, pokokOutstanding: 0 });

    await recordWajibPayment(b, late, { amount: 5_000, method: 'cash' });
    expect((await listCapitalRegister(coop.ctx('pengawas', at('2026-04-10')), { inArrears: 'true' })).rows).toEqual([]);
    // On 1 May, April has ended: the late member owes it; the other paid up to April.
    const may = await listCapitalRegister(coop.ctx('pengawas', at('2026-05-01')), { inArrears: 'true' });
    expect(may.rows.map((r) => [r.fullName, r.wajibArrears])).toEqual([['Gita Late', 10_000]]);
  });

  it('refuses wajib paid more than 12 months ahead', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Indah Maju', '2026-01-15');
    const b = coop.ctx('bendahara', at('2026-01-20'));
    await expect(recordWajibPayment(b, id, { amount: 140_000, method: 'cash' })).rejects.toSatisfy(code('CAPITAL_WAJIB_TOO_FAR_AHEAD'));
    expect((await recordWajibPayment(b, id, { amount: 130_000, method: 'cash' })).movement.wajibPeriods).toEqual({ from: '2026-01', to: '2027-01' });
  });
});

describe('refund on leaving', () => {
  it('returns every balance of a member who resigned in one entry and one receipt, once', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Joko Susilo', '2026-01-15');
    const b = coop.ctx('bendahara', at('2026-03-05'));
    await recordPokokPayment(b, id, { amount: 100_000, method: 'cash', date: '2026-01-15' });
    await recordWajibPayment(b, id, { amount: 30_000, method: 'cash' });
    await depositSukarela(b, id, { amount: 45_000, method: 'bank' });
    await expect(refundCapital(b, id, { method: 'cash' })).rejects.toSatisfy(code('CAPITAL_MEMBER_STATUS'));

    await resignMember(coop.ctx('ketua', at('2026-03-05')), id, { reason: 'Pindah kota' });
    const capital = await getMemberCapital(b, id);
    expect(capital.refundable).toEqual({ pokok: 100_000, wajib: 30_000, sukarela: 45_000, total: 175_000 });
    // A member who left owes nothing more and cannot deposit.
    await expect(depositSukarela(b, id, { amount: 1000, method: 'cash' })).rejects.toSatisfy(code('CAPITAL_MEMBER_STATUS'));

    const refund = await refundCapital(b, id, { method: 'cash', note: 'Diserahkan tunai' });
    expect(refund.movement.amount).toBe(175_000);
    expect(await entryOf(coop.id, refund.movement.ledgerEntryId)).toEqual([
      { key: 'SIMPANAN_POKOK', debit: 100_000, credit: 0, memberId: id },
      { key: 'SIMPANAN_WAJIB', debit: 30_000, credit: 0, memberId: id },
      { key: 'SIMPANAN_SUKARELA', debit: 45_000, credit: 0, memberId: id },
      { key: 'CASH', debit: 0, credit: 175_000, memberId: null }
    ]);
    for (const key of ['SIMPANAN_POKOK', 'SIMPANAN_WAJIB', 'SIMPANAN_SUKARELA']) expect(await ledgerBalance(coop.id, id, key), key).toSatisfy((n: number) => n === 0);
    expect((await getMemberCapital(b, id)).balances).toEqual({ pokok: 0, wajib: 0, sukarela: 0 });
    await expect(refundCapital(b, id, { method: 'cash' })).rejects.toSatisfy(code('CAPITAL_NOTHING_TO_REFUND'));
    const left = await listCapitalRegister(coop.ctx('ketua', at('2026-03-05')), { status: 'left' });
    expect(left.rows.map((r) => [r.fullName, r.total, r.inArrears])).toEqual([['Joko Susilo', 0, false]]);
  });
});

describe('who may do what', () => {
  let coop: SeededCoop;
  let memberId: string;
  let otherId: string;
  let sessions: Record<'ketua' | 'sekretaris' | 'bendahara' | 'pengawas' | 'staf' | 'anggota', Session>;
  beforeAll(async () => {
    coop = await coopWithCharter();
    memberId = await activeMember(coop, 'Kartika Anggota', '2026-01-15', { account: coop.accounts.anggota.id });
    otherId = await activeMember(coop, 'Lain Orang');
    await depositSukarela(coop.ctx('bendahara'), memberId, { amount: 20_000, method: 'cash' });
    await depositSukarela(coop.ctx('bendahara'), otherId, { amount: 30_000, method: 'cash' });
    sessions = {} as typeof sessions;
    for (const r of ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf', 'anggota'] as const) sessions[r] = await signInAs(app, coop.accounts[r]);
  });

  it('lets only the bendahara and ketua record movements', async () => {
    const url = (id: string) => `/api/v1/coops/${coop.id}/capital/members/${id}/deposits`;
    expect((await call(app, sessions.bendahara, 'POST', url(otherId), { amount: 1000, method: 'cash' })).statusCode).toBe(201);
    expect((await call(app, sessions.ketua, 'POST', url(otherId), { amount: 1000, method: 'cash' })).statusCode).toBe(201);
    for (const r of ['sekretaris', 'pengawas', 'staf', 'anggota'] as const) {
      const res = await call(app, sessions[r], 'POST', url(r === 'anggota' ? memberId : otherId), { amount: 1000, method: 'cash' });
      expect(res.statusCode, r).toBe(403);
    }
  });

  it('shows the register to the board and pengawas, and a member only their own capital and receipts', async () => {
    const register = `/api/v1/coops/${coop.id}/capital/register`;
    for (const r of ['ketua', 'sekretaris', 'bendahara', 'pengawas'] as const) expect((await call(app, sessions[r], 'GET', register)).statusCode, r).toBe(200);
    for (const r of ['staf', 'anggota'] as const) expect((await call(app, sessions[r], 'GET', register)).statusCode, r).toBe(403);

    const own = await call(app, sessions.anggota, 'GET', `/api/v1/coops/${coop.id}/capital/me`);
    expect(own.statusCode).toBe(200);
    expect(own.json().balances.sukarela).toBe(20_000);
    expect((await call(app, sessions.anggota, 'GET', `/api/v1/coops/${coop.id}/capital/members/${memberId}`)).statusCode).toBe(200);
    expect((await call(app, sessions.anggota, 'GET', `/api/v1/coops/${coop.id}/capital/members/${otherId}`)).statusCode).toBe(403);

    const ownReceipt = own.json().movements[0].id as string;
    const pdf = await call(app, sessions.anggota, 'GET', `/api/v1/coops/${coop.id}/capital/movements/${ownReceipt}/receipt.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const other = (await getMemberCapital(coop.ctx('ketua'), otherId)).movements[0]!.id;
    expect((await call(app, sessions.anggota, 'GET', `/api/v1/coops/${coop.id}/capital/movements/${other}/receipt.pdf`)).statusCode).toBe(403);
    expect((await call(app, sessions.pengawas, 'GET', `/api/v1/coops/${coop.id}/capital/movements/${other}/receipt.pdf`)).statusCode).toBe(200);
  });

  it('prints the amount in words and the cashier on the receipt', async () => {
    const r = await depositSukarela(coop.ctx('bendahara'), otherId, { amount: 1_250_000, method: 'bank' });
    const d = await getReceiptData(coop.ctx('pengawas'), r.movement.id);
    expect(d).toMatchObject({ amount: 1_250_000, memberName: 'Lain Orang', cashier: coop.accounts.bendahara.name, receiptNo: r.movement.receiptNo, method: 'bank' });
  });
});

describe('bad input', () => {
  it('answers 400 with a message per field, in Indonesian or English, and writes nothing', async () => {
    const coop = await coopWithCharter();
    const id = await activeMember(coop, 'Maya Anggraini');
    const s = await signInAs(app, coop.accounts.bendahara);
    const url = `/api/v1/coops/${coop.id}/capital/members/${id}/deposits`;
    const before = await counts(coop.id);
    const bodies = [{ amount: 'lima puluh ribu', method: 'cash' }, { amount: 1000.5, method: 'cash' }, { amount: -5, method: 'cash' }, { amount: 1000, method: 'cek' }, { amount: 1000, method: 'cash', date: '2026-02-30' }, {}];
    for (const body of bodies) {
      const res = await call(app, s, 'POST', url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().fields.length).toBeGreaterThan(0);
    }
    const idRes = await call(app, s, 'POST', url, { amount: 1000.5, method: 'cek' }, { cookie: `${s.cookie}; lang=id` });
    expect(idRes.json().message).toMatch(/belum benar/);
    expect(idRes.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['amount', 'method']);
    const enRes = await call(app, s, 'POST', url, { amount: 1000.5, method: 'cek' }, { cookie: `${s.cookie}; lang=en` });
    expect(enRes.json().message).toMatch(/not right/);
    const future = await call(app, s, 'POST', url, { amount: 1000, method: 'cash', date: '2999-01-01' }, { cookie: `${s.cookie}; lang=en` });
    expect(future.statusCode).toBe(400);
    expect(future.json().fields).toEqual([{ field: 'date', code: 'date_in_future', message: 'The date must not be in the future.' }]);
    const overdraw = await call(app, s, 'POST', `/api/v1/coops/${coop.id}/capital/members/${id}/withdrawals`, { amount: 1000, method: 'cash' }, { cookie: `${s.cookie}; lang=id` });
    expect(overdraw.statusCode).toBe(409);
    expect(overdraw.json().message).toBe('Saldo simpanan sukarela tidak cukup (saldo Rp0).');
    expect(await counts(coop.id)).toEqual(before);
  });
});

describe('the charter’s capital rule', () => {
  it('is measured from the capital data: fails while pokok is unpaid or wajib in arrears, passes when all are paid', async () => {
    const coop = await coopWithCharter();
    const ids = [await activeMember(coop, 'Nur Aini', '2026-11-02'), await activeMember(coop, 'Putri Maharani', '2026-11-02')];
    const day = at('2026-11-20');
    const before = (await getCompliance(coop.ctx('anggota', day))).items.find((i) => i.ruleKey === 'capital')!;
    expect(before.status).toBe('fail');
    expect(before.evidence).toEqual({ key: 'capital.evidence.capital', params: { pokokFull: 0, active: 2, inArrears: 0, arrearsRupiah: 0 } });
    const b = coop.ctx('bendahara', day);
    await recordPokokPayment(b, ids[0]!, { amount: 100_000, method: 'cash' });
    expect((await getCompliance(coop.ctx('anggota', day))).items.find((i) => i.ruleKey === 'capital')!.evidence.params).toMatchObject({ pokokFull: 1, active: 2 });
    await recordPokokPayment(b, ids[1]!, { amount: 100_000, method: 'cash' });
    expect((await getCompliance(coop.ctx('anggota', day))).items.find((i) => i.ruleKey === 'capital')!.status).toBe('pass');
    // In December, November is in arrears for both.
    const december = (await getCompliance(coop.ctx('anggota', at('2026-12-01')))).items.find((i) => i.ruleKey === 'capital')!;
    expect(december.status).toBe('fail');
    expect(december.evidence.params).toMatchObject({ pokokFull: 2, inArrears: 2, arrearsRupiah: 20_000 });
  });
});

describe('the demo cooperative', () => {
  it('has a year of pokok, wajib and sukarela movements, each in the ledger, with members in arrears', async () => {
    // A database of its own with the demo, cloned from the run's demo template (seeded once: test/support/db.ts).
    const demo = await createTestDb({ demo: true });
    onTestFinished(() => demo.drop());
    const db = demo.db;
    const coop = await db.selectFrom('coops').select('id').where('slug', '=', 'lumbung-sari').executeTakeFirstOrThrow();
    const ketuaId = (await db.selectFrom('accounts').select('id').where('email', '=', 'ketua@lumbung.test').executeTakeFirstOrThrow()).id;
    const ctx = { db, clock: { now: () => new Date() }, log: (await import('../support/fixtures.js')).silentLog, locale: 'id' as const, actor: { accountId: ketuaId, name: 'Sri Wahyuni', isPlatformAdmin: false, via: 'session' as const }, coopId: coop.id, roles: ['ketua' as const] };
    const moves = await db.selectFrom('capital_movements').select(['kind', 'occurred_on', 'ledger_entry_id']).where('coop_id', '=', coop.id).execute();
    expect(moves.length).toBeGreaterThan(150);
    expect(new Set(moves.map((m) => m.kind))).toEqual(new Set(['pokok', 'wajib', 'deposit', 'withdrawal']));
    const dates = moves.map((m) => m.occurred_on).sort();
    expect(dates[dates.length - 1]! > dates[0]!).toBe(true);
    expect(new Set(moves.map((m) => m.ledger_entry_id)).size).toBe(moves.length);

    const register = await listCapitalRegister(ctx);
    expect(register.rows).toHaveLength(22);
    expect(register.totals.inArrears).toBeGreaterThan(0);
    for (const r of register.rows) {
      expect(await withTenant(db, coop.id, (trx) => memberBalance(trx, coop.id, r.memberId, 'SIMPANAN_SUKARELA')), r.fullName).toBe(r.balances.sukarela);
      expect(await withTenant(db, coop.id, (trx) => memberBalance(trx, coop.id, r.memberId, 'SIMPANAN_WAJIB')), r.fullName).toBe(r.balances.wajib);
    }
    const capital = (await getCompliance(ctx)).items.find((i) => i.ruleKey === 'capital')!;
    expect(capital.status).toBe('fail');
    expect(capital.evidence.params).toMatchObject({ pokokFull: 20, active: 22 });
  });
});
