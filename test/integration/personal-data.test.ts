import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { adoptCharter } from '../../src/charters/adopt-charter.js';
import { addMember } from '../../src/members/add-member.js';
import { recordPokokPayment } from '../../src/capital/record-pokok-payment.js';
import { refundCapital } from '../../src/capital/refund-capital.js';
import { verifyLedger } from '../../src/ledger/verify-ledger.js';

/*
 * Personal data under UU 27/2022 (decision 0106), through the HTTP API: masking per role,
 * the audit line of every unmasked view, the subject's download, the leaver's erasure.
 */

let t: TestDb;
let app: App;
let coop: SeededCoop;
let other: SeededCoop;
const s = {} as Record<'ketua' | 'sekretaris' | 'staf' | 'pengawas' | 'anggota' | 'bendahara' | 'otherKetua', Session>;

const NIK = '3322015708950001'; // woman, 17-08-1995, Getasan
const NIK_MASKED = '3322********0001';
const NAME = 'Siti Aminah Rahmawati';
let memberId: string;
let person: { email: string; password: string; id: string };
let me: Session;

const url = (path = '', coopId = coop.id) => `/api/v1/coops/${coopId}${path}`;

async function auditCount(action: string, entityId?: string): Promise<number> {
  let q = t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coop.id).where('action', '=', action);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function booksState(coopId: string) {
  const { rows } = await sql<{ account_id: string; d: string; c: string }>`
    SELECT account_id, sum(debit)::text AS d, sum(credit)::text AS c FROM journal_lines WHERE coop_id = ${coopId} GROUP BY account_id ORDER BY account_id`.execute(t.db);
  const n = async (table: 'journal_entries' | 'journal_lines' | 'capital_movements') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).executeTakeFirstOrThrow()).n);
  const movements = await t.db.selectFrom('capital_movements').select(['receipt_no', 'amount', 'kind', 'member_id']).where('coop_id', '=', coopId).orderBy('receipt_no').execute();
  return { lines: rows, entries: await n('journal_entries'), lineCount: await n('journal_lines'), movements };
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  coop = await seedCoop(t.db);
  other = await seedCoop(t.db);
  await adoptCharter(coop.ctx('ketua'), { template: 'tujuh_prinsip', note: 'Rapat pendiri' });
  for (const role of ['ketua', 'sekretaris', 'staf', 'pengawas', 'anggota', 'bendahara'] as const) s[role] = await signInAs(app, coop.accounts[role]);
  s.otherKetua = await signInAs(app, other.accounts.ketua);

  // A member with their own sign-in account, some capital, and a full record.
  const acc = await createAccount(t.db, { name: NAME, email: 'siti.aminah@contoh.id', password: PASSWORD });
  person = { email: 'siti.aminah@contoh.id', password: PASSWORD, id: acc.id };
  const m = await addMember(coop.ctx('ketua'), {
    fullName: NAME,
    gender: 'F',
    birthDate: '1995-08-17',
    nik: NIK,
    phone: '081234567890',
    email: 'siti.aminah@contoh.id',
    street: 'Jl. Kenanga 7',
    occupation: 'Penenun',
    asStatus: 'active'
  });
  memberId = m.id;
  await t.db.updateTable('members').set({ account_id: acc.id }).where('id', '=', memberId).execute();
  await t.db.insertInto('coop_users').values({ coop_id: coop.id, account_id: acc.id, roles: ['anggota'] }).execute();
  await recordPokokPayment(coop.ctx('bendahara'), memberId, { amount: 100_000, method: 'cash' });
  me = await signInAs(app, person);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('NIK and birth dates are masked, except to the officers keeping the register, and every unmasked view is audited', () => {
  it('the member list masks NIK and birth date for every role', async () => {
    for (const role of ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf'] as const) {
      const r = await call(app, s[role], 'GET', url('/members'));
      expect(r.statusCode, role).toBe(200);
      const item = r.json().items.find((i: { id: string }) => i.id === memberId);
      expect(item, role).toMatchObject({ nik: NIK_MASKED, birthDate: '1995-**-**', age: expect.any(Number) });
      expect(r.body).not.toContain(NIK);
      expect(r.body).not.toContain('1995-08-17');
    }
  });

  it('a record read by ketua or sekretaris is unmasked and writes an audit line; bendahara, pengawas and staf see it masked and write none', async () => {
    for (const role of ['ketua', 'sekretaris'] as const) {
      const before = await auditCount('member.personal.view', memberId);
      const r = await call(app, s[role], 'GET', url(`/members/${memberId}`));
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ nik: NIK, birthDate: '1995-08-17' });
      expect(await auditCount('member.personal.view', memberId)).toBe(before + 1);
      const line = await t.db.selectFrom('audit_log').select(['actor_account_id']).where('coop_id', '=', coop.id).where('action', '=', 'member.personal.view').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(line.actor_account_id).toBe(coop.accounts[role].id);
    }
    for (const role of ['bendahara', 'pengawas', 'staf'] as const) {
      const before = await auditCount('member.personal.view', memberId);
      const r = await call(app, s[role], 'GET', url(`/members/${memberId}`));
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ nik: NIK_MASKED, birthDate: '1995-**-**' });
      expect(await auditCount('member.personal.view', memberId)).toBe(before);
    }
  });

  it('the member reads their own record in full, without an audit line', async () => {
    const before = await auditCount('member.personal.view', memberId);
    const r = await call(app, me, 'GET', url(`/members/${memberId}`));
    expect(r.json()).toMatchObject({ nik: NIK, birthDate: '1995-08-17' });
    expect(await auditCount('member.personal.view', memberId)).toBe(before);
  });

  it('exports are masked; the full export is for ketua/sekretaris only and is audited as unmasked', async () => {
    const masked = await call(app, s.staf, 'GET', url('/members/export.csv'));
    expect(masked.statusCode).toBe(200);
    expect(masked.body).toContain(NIK_MASKED);
    expect(masked.body).not.toContain(NIK);
    const xlsx = await call(app, s.ketua, 'GET', url('/members/export.xlsx'));
    expect(xlsx.statusCode).toBe(200);

    for (const role of ['staf', 'bendahara', 'pengawas'] as const) {
      const refused = await call(app, s[role], 'GET', url('/members/export.csv?unmasked=true'));
      expect(refused.statusCode, role).toBe(403);
    }
    const full = await call(app, s.sekretaris, 'GET', url('/members/export.csv?unmasked=true'));
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(NIK);
    expect(full.body).toContain('1995-08-17');
    const line = await t.db.selectFrom('audit_log').select(['after', 'actor_account_id']).where('coop_id', '=', coop.id).where('action', '=', 'member.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(line).toMatchObject({ actor_account_id: coop.accounts.sekretaris.id, after: expect.objectContaining({ unmasked: true }) });
  });

  it('the member register book is in full (and audited) for the sekretaris, masked for bendahara and pengawas', async () => {
    const before = await auditCount('member.personal.view');
    const full = await call(app, s.sekretaris, 'GET', url('/reports/books/daftar-anggota'));
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(NIK);
    expect(await auditCount('member.personal.view')).toBe(before + 1);
    for (const role of ['bendahara', 'pengawas'] as const) {
      const r = await call(app, s[role], 'GET', url('/reports/books/daftar-anggota'));
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain(NIK_MASKED);
      expect(r.body).not.toContain(NIK);
      expect(r.body).not.toContain('1995-08-17');
    }
    expect(await auditCount('member.personal.view')).toBe(before + 1);
  });

  it('staff edit a masked record: the masked values sent back leave NIK and birth date as they were; the audit line keeps them masked', async () => {
    const shown = (await call(app, s.staf, 'GET', url(`/members/${memberId}`))).json();
    const r = await call(app, s.staf, 'PATCH', url(`/members/${memberId}`), { nik: shown.nik, birthDate: shown.birthDate, occupation: 'Penenun songket' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ occupation: 'Penenun songket', nik: NIK_MASKED });
    const row = await t.db.selectFrom('members').select(['nik', 'birth_date', 'occupation']).where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ nik: NIK, occupation: 'Penenun songket' });
    expect(String(row.birth_date).slice(0, 10)).toBe('1995-08-17');

    const forged = await call(app, s.staf, 'PATCH', url(`/members/${memberId}`), { nik: '3322********9999' });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().fields[0]).toMatchObject({ field: 'nik', code: 'nik_invalid' });

    const changed = await call(app, s.sekretaris, 'PATCH', url(`/members/${memberId}`), { phone: '081234567891' });
    expect(changed.statusCode).toBe(200);
    const lines = await t.db.selectFrom('audit_log').select(['before', 'after']).where('coop_id', '=', coop.id).where('entity_id', '=', memberId).where('action', 'in', ['member.add', 'member.update']).execute();
    expect(lines.length).toBeGreaterThan(1);
    expect(JSON.stringify(lines)).not.toContain(NIK);
    expect(JSON.stringify(lines)).toContain(NIK_MASKED);
  });
});

describe("a member downloads everything the coop holds about them", () => {
  it('as JSON, with every section, the capital receipt, and no secret ballot content', async () => {
    const r = await call(app, me, 'GET', url('/me/personal-data.json'));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('attachment');
    const d = r.json();
    expect(d).toMatchObject({ format: 'lumbung.personal-data.v1', coop: { id: coop.id }, member: { id: memberId, fullName: NAME, nik: NIK, birthDate: '1995-08-17' } });
    for (const key of ['statusHistory', 'capital', 'businessVolume', 'shu', 'orders', 'payouts', 'governance', 'events', 'workCredits', 'productionWork', 'invitations', 'erasureRequest', 'auditLines']) expect(d).toHaveProperty(key);
    expect(d.capital.movements).toHaveLength(1);
    expect(d.capital.movements[0]).toMatchObject({ kind: 'pokok', amount: 100_000, receiptNo: expect.any(String) });
    expect(d.capital.balance).toMatchObject({ pokok: 100_000 });
    expect(d.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual(['applicant', 'active']);
    expect(d.governance).toHaveProperty('voteParticipation');
    expect(d.governance).not.toHaveProperty('ballots');
    expect(d.auditLines.map((l: { action: string }) => l.action)).toEqual(expect.arrayContaining(['member.add', 'member.approve', 'member.personal.export']));
  });

  it('as a PDF carrying the member name', async () => {
    const r = await call(app, me, 'GET', url('/me/personal-data.pdf'));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The document's title names the member (pdfkit writes it as UTF-16BE when it holds a non-ASCII character).
    const utf16be = Buffer.from(NAME, 'utf16le').swap16().toString('latin1');
    const raw = r.rawPayload.toString('latin1');
    expect(raw.includes(NAME) || raw.includes(utf16be)).toBe(true);
  });

  it('officers who keep the register may produce it for a member (audited); others may not', async () => {
    const before = await auditCount('member.personal.export', memberId);
    expect((await call(app, s.sekretaris, 'GET', url(`/members/${memberId}/personal-data.json`))).statusCode).toBe(200);
    expect(await auditCount('member.personal.export', memberId)).toBe(before + 1);
    for (const role of ['bendahara', 'staf', 'pengawas', 'anggota'] as const) expect((await call(app, s[role], 'GET', url(`/members/${memberId}/personal-data.json`))).statusCode, role).toBe(403);
  });

  it('is refused across cooperatives and to anyone without a member record', async () => {
    expect((await call(app, me, 'GET', url('/me/personal-data.json', other.id))).statusCode).toBe(404);
    expect((await call(app, s.otherKetua, 'GET', url(`/members/${memberId}/personal-data.json`, other.id))).statusCode).toBe(404);
    expect((await call(app, s.otherKetua, 'GET', url(`/members/${memberId}/personal-data.json`))).statusCode).toBe(404);
    expect((await call(app, s.otherKetua, 'GET', url(`/members/${memberId}`))).statusCode).toBe(404);
    const noMember = await call(app, s.anggota, 'GET', url('/me/personal-data.json'));
    expect(noMember.statusCode).toBe(404);
    expect(noMember.json().code).toBe('MEMBER_NOT_FOUND');
    expect((await call(app, null, 'GET', url('/me/personal-data.json'))).statusCode).toBe(401);
  });
});

describe("a leaver's personal data is erased on request; the books keep the amounts and the member number", () => {
  it('refuses a request from an active member, in the user language', async () => {
    const r = await call(app, me, 'POST', url('/me/erasure-request'), {});
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'MEMBER_ERASURE_NOT_LEFT', message: expect.stringContaining('Data pribadi hanya dapat dihapus') });
  });

  it('after resigning the member asks; erasure waits for the capital refund; then ketua/sekretaris erase with a reason', async () => {
    const memberNo = (await t.db.selectFrom('members').select('member_no').where('id', '=', memberId).executeTakeFirstOrThrow()).member_no;
    expect((await call(app, me, 'POST', url(`/members/${memberId}/resign`), { reason: 'Pindah kota' })).statusCode).toBe(200);

    // Leaving ended the role, yet the leaver can still download and ask.
    expect((await call(app, me, 'GET', url('/me/personal-data.json'))).statusCode).toBe(200);
    const asked = await call(app, me, 'POST', url('/me/erasure-request'), { note: 'Mohon hapus data saya' });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'pending', requestedVia: 'member' });
    expect((await call(app, me, 'POST', url('/me/erasure-request'), {})).json().requestedAt).toBe(asked.json().requestedAt);

    // Capital still held: refused, nothing changed.
    const owed = await call(app, s.sekretaris, 'POST', url(`/members/${memberId}/erase`), { reason: 'Permintaan anggota keluar' });
    expect(owed.statusCode).toBe(409);
    expect(owed.json()).toMatchObject({ code: 'MEMBER_ERASURE_OBLIGATIONS', message: expect.stringContaining('100.000') });
    expect((await t.db.selectFrom('members').select('nik').where('id', '=', memberId).executeTakeFirstOrThrow()).nik).toBe(NIK);

    await refundCapital(coop.ctx('bendahara'), memberId, { method: 'cash' });
    // A stored SHU run copied the name (its member rows are immutable but for the pseudonym, migration 0103).
    const run = await t.db
      .insertInto('shu_runs')
      .values({ coop_id: coop.id, number: 1, fiscal_year: 2025, period_start: '2025-01-01', period_end: '2025-12-31', outcome: 'DISTRIBUTED', pool: 10_000, inputs: '{}', result: '{}' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const shuRow = { coop_id: coop.id, run_id: run.id, member_id: memberId, member_no: memberNo, full_name: NAME, capital_weight: '1', volume_weight: '0', jasa_modal: 7_000, jasa_usaha: 0, total: 7_000, payable: 7_000, withholding: 0, net_payout: 7_000 };
    await t.db.insertInto('shu_run_members').values(shuRow as never).execute();
    const booksBefore = await booksState(coop.id);
    expect((await verifyLedger(t.db, { coopId: coop.id })).ok).toBe(true);

    // Only ketua/sekretaris, only with a reason, only in their own cooperative.
    for (const role of ['bendahara', 'staf', 'pengawas'] as const) expect((await call(app, s[role], 'POST', url(`/members/${memberId}/erase`), { reason: 'Permintaan anggota' })).statusCode, role).toBe(403);
    expect((await call(app, s.otherKetua, 'POST', url(`/members/${memberId}/erase`, other.id), { reason: 'Permintaan anggota' })).statusCode).toBe(404);
    expect((await call(app, s.otherKetua, 'POST', url(`/members/${memberId}/erase`), { reason: 'Permintaan anggota' })).statusCode).toBe(404);
    const noReason = await call(app, s.sekretaris, 'POST', url(`/members/${memberId}/erase`), {});
    expect(noReason.statusCode).toBe(400);

    const done = await call(app, s.sekretaris, 'POST', url(`/members/${memberId}/erase`), { reason: 'Permintaan anggota keluar, surat 3 Des' });
    expect(done.statusCode).toBe(200);
    const pseudonym = `Mantan anggota ${String(memberNo).padStart(4, '0')}`;
    expect(done.json()).toMatchObject({ pseudonym, member: { memberNo, fullName: pseudonym, nik: null, birthDate: null, phone: null, email: null, street: null, accountId: null, status: 'resigned' } });

    const row = await t.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ member_no: memberNo, full_name: pseudonym, nik: null, birth_date: null, phone: null, email: null, street: null, occupation: null, account_id: null, gender: 'F' });

    // The membership periods keep their dates and outcome, not the details the person had (decision 0105).
    const periods = await t.db.selectFrom('membership_periods').select(['period_no', 'outcome', 'details']).where('coop_id', '=', coop.id).where('member_id', '=', memberId).execute();
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) {
      expect(JSON.stringify(p.details)).not.toContain(NAME);
      expect(JSON.stringify(p.details)).not.toContain(NIK);
      expect(p.details).toMatchObject({ full_name: pseudonym, nik: null, birth_date: null, phone: null });
    }
    expect(periods.at(-1)!.outcome).toBe('resigned');

    const shuAfter = await t.db.selectFrom('shu_run_members').selectAll().where('run_id', '=', run.id).executeTakeFirstOrThrow();
    expect(shuAfter).toMatchObject({ ...shuRow, full_name: pseudonym, capital_weight: expect.anything() });
    await expect(sql`UPDATE shu_run_members SET jasa_modal = 1, total = 1, payable = 1, net_payout = 1 WHERE run_id = ${run.id}`.execute(t.db)).rejects.toThrow(/not allowed/);
    await expect(sql`UPDATE shu_run_members SET full_name = 'Nama Lain' WHERE run_id = ${run.id}`.execute(t.db)).rejects.toThrow(/not allowed/);

    // The books: same entries, same lines, same sums per account, same movements; the chain still verifies.
    expect(await booksState(coop.id)).toEqual(booksBefore);
    expect((await verifyLedger(t.db, { coopId: coop.id })).ok).toBe(true);
    const { rows: named } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM journal_entries WHERE coop_id = ${coop.id} AND strpos(description, ${NAME}) > 0`.execute(t.db);
    expect(named[0]!.n).toBe(0);

    // The audit line says what was done without copying the erased data.
    const line = await t.db.selectFrom('audit_log').select(['before', 'after', 'actor_account_id']).where('coop_id', '=', coop.id).where('action', '=', 'member.erase').executeTakeFirstOrThrow();
    expect(line.actor_account_id).toBe(coop.accounts.sekretaris.id);
    expect(JSON.stringify(line)).not.toContain(NAME);
    expect(JSON.stringify(line)).not.toContain(NIK);

    // The person is gone from the record: no own data through the account, no second erasure, no rejoining as them.
    expect((await call(app, me, 'GET', url('/me/personal-data.json'))).statusCode).toBe(404);
    expect((await call(app, s.ketua, 'POST', url(`/members/${memberId}/erase`), { reason: 'lagi' })).json().code).toBe('MEMBER_ERASED');
    expect((await call(app, s.sekretaris, 'POST', url(`/members/${memberId}/rejoin`), {})).json().code).toBe('MEMBER_ERASED');
    const list = await call(app, s.ketua, 'GET', url(`/members?q=${memberNo}`));
    expect(list.body).not.toContain(NAME);
    expect(list.json().items[0]).toMatchObject({ memberNo, fullName: pseudonym });
  });

  it('an officer records a request received on paper; an active member cannot be erased', async () => {
    const m = await addMember(coop.ctx('ketua'), { fullName: 'Budi Santoso', gender: 'M', asStatus: 'active' });
    const active = await call(app, s.ketua, 'POST', url(`/members/${m.id}/erasure-request`), { note: 'Surat tanggal 1 Desember' });
    expect(active.statusCode).toBe(409);
    expect(active.json().code).toBe('MEMBER_ERASURE_NOT_LEFT');
    expect((await call(app, s.ketua, 'POST', url(`/members/${m.id}/erase`), { reason: 'Permintaan' })).json().code).toBe('MEMBER_ERASURE_NOT_LEFT');
    await call(app, s.sekretaris, 'POST', url(`/members/${m.id}/resign`), { reason: 'Usia' });
    expect((await call(app, s.ketua, 'POST', url(`/members/${m.id}/erase`), { reason: 'Permintaan' })).json().code).toBe('MEMBER_ERASURE_NOT_REQUESTED');
    expect((await call(app, s.staf, 'POST', url(`/members/${m.id}/erasure-request`), { note: 'Surat tanggal 1 Desember' })).statusCode).toBe(403);
    const recorded = await call(app, s.ketua, 'POST', url(`/members/${m.id}/erasure-request`), { note: 'Surat tanggal 1 Desember' });
    expect(recorded.json()).toMatchObject({ status: 'pending', requestedVia: 'officer' });
    expect((await call(app, s.ketua, 'GET', url(`/members/${m.id}/erasure-request`))).json()).toMatchObject({ status: 'pending' });
    const done = await call(app, s.ketua, 'POST', url(`/members/${m.id}/erase`), { reason: 'Permintaan tertulis' });
    expect(done.statusCode).toBe(200);
    expect(done.json().member.fullName).toMatch(/^Mantan anggota \d{4}$/);
  });
});
