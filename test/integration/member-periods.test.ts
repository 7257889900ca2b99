import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { withTenant } from '../../src/db/tenant.js';
import { recordBusinessVolume } from '../../src/surplus/business-volume.js';
import { membersForPeriod } from '../../src/surplus/store.js';

/**
 * A resigned member who applies again: the old membership period and the details it had stay,
 * the application is a new period decided like any application, and the same member number
 * comes back with it (decision 0105). Business in the gap between the periods never counts.
 */
let t: TestDb;
let app: App;
let coop: SeededCoop;
let today = '2025-02-03';
const clock = { now: () => new Date(`${today}T03:00:00Z`) };
const s = {} as Record<'ketua' | 'sekretaris' | 'pengawas', Session>;
const url = (path = '') => `/api/v1/coops/${coop.id}${path}`;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db, { clock });
  coop = await seedCoop(t.db);
  for (const role of ['ketua', 'sekretaris', 'pengawas'] as const) s[role] = await signInAs(app, coop.accounts[role]);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

/** Move the clock (sessions expire by it, so everyone signs in again). */
async function moveTo(day: string): Promise<void> {
  today = day;
  for (const role of ['ketua', 'sekretaris', 'pengawas'] as const) s[role] = await signInAs(app, coop.accounts[role]);
}

async function business(memberId: string, day: string, amount: number, ref: string): Promise<void> {
  await withTenant(t.db, coop.id, (trx) => recordBusinessVolume(trx, coop.id, 'uji', ref, [{ memberId, category: 'PENJUALAN', amount, occurredOn: day }]));
}

async function volumeTotal(memberId: string): Promise<number> {
  const rows = await t.db.selectFrom('member_volume_totals').select('amount').where('coop_id', '=', coop.id).where('member_id', '=', memberId).execute();
  return rows.reduce((sum, r) => sum + Number(r.amount), 0);
}

describe('a resigned member who applies again', () => {
  it('keeps the old period and its details, waits for the board, and comes back with the same number in a new period', async () => {
    await createAccount(t.db, { name: 'Rini Lestari', email: 'rini@contoh.id', password: 'rahasia-koperasi-1' });
    let rini = await signInAs(app, { email: 'rini@contoh.id', password: 'rahasia-koperasi-1' });
    const visit = async (day: string) => {
      await moveTo(day);
      rini = await signInAs(app, { email: 'rini@contoh.id', password: 'rahasia-koperasi-1' });
    };

    // Period 1: applies, admitted on 2025-02-03, resigns on 2025-05-10.
    const applied = await call(app, rini, 'POST', url('/apply'), { fullName: 'Rini Lestari', gender: 'F', birthDate: '1990-04-12', phone: '0812 1111 2222', occupation: 'Penjahit' });
    expect(applied.statusCode).toBe(201);
    const id = applied.json().id as string;
    const admitted = await call(app, s.ketua, 'POST', url(`/members/${id}/approve`), {});
    expect(admitted.json()).toMatchObject({ status: 'active', joinedOn: '2025-02-03' });
    const number = admitted.json().memberNo as number;
    await business(id, '2025-03-01', 100_000, 'p1');
    await visit('2025-05-10');
    expect((await call(app, rini, 'POST', url(`/members/${id}/resign`), { reason: 'Pindah ke Solo' })).json()).toMatchObject({ status: 'resigned', leftOn: '2025-05-10' });

    // The gap: business while not a member never counts.
    await business(id, '2025-06-15', 7_000, 'gap');
    expect(await volumeTotal(id)).toBe(100_000);

    // Applies again on 2025-07-01 with a new name and phone (birth date not sent).
    await visit('2025-07-01');
    const again = await call(app, rini, 'POST', url('/apply'), { fullName: 'Rini Lestari Wibowo', gender: 'F', phone: '0813 3333 4444' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({
      id,
      status: 'applicant',
      memberNo: number,
      fullName: 'Rini Lestari Wibowo',
      phone: '6281333334444',
      birthDate: '1990-04-12',
      occupation: 'Penjahit',
      joinedOn: null,
      leftOn: null
    });
    // Pending for the board like any application; still not a member.
    const applicants = await call(app, s.sekretaris, 'GET', url('/members?status=applicant'));
    expect(applicants.json().items.map((m: { id: string }) => m.id)).toContain(id);
    expect(await volumeTotal(id)).toBe(100_000);

    const pending = (await call(app, s.pengawas, 'GET', url(`/members/${id}/periods`))).json();
    expect(pending).toHaveLength(2);
    expect(pending[0]).toMatchObject({
      periodNo: 1,
      memberNo: number,
      joinedOn: '2025-02-03',
      leftOn: '2025-05-10',
      outcome: 'resigned',
      latest: false,
      // The pengawas does not keep the register: birth dates are masked as on the record (decision 0106).
      details: { fullName: 'Rini Lestari', birthDate: '1990-**-**', phone: '6281211112222', occupation: 'Penjahit' }
    });
    // The sekretaris keeps the register: the earlier period's birth date in full, and the view is audited.
    const seen = (await call(app, s.sekretaris, 'GET', url(`/members/${id}/periods`))).json();
    expect(seen[0].details.birthDate).toBe('1990-04-12');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('coop_id', '=', coop.id).where('entity_id', '=', id).where('action', '=', 'member.personal.view').execute();
    expect(audit.map((a) => a.after)).toContainEqual({ fields: ['nik', 'birthDate'], of: 'periods' });
    expect(pending[1]).toMatchObject({ periodNo: 2, memberNo: number, joinedOn: null, leftOn: null, outcome: null, latest: true, details: { fullName: 'Rini Lestari Wibowo', phone: '6281333334444' } });
    expect(pending[1].appliedAt.slice(0, 10)).toBe('2025-07-01');

    // The board admits the new period on 2025-08-01: same number, new join date.
    await visit('2025-08-01');
    const back = await call(app, s.ketua, 'POST', url(`/members/${id}/approve`), {});
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'active', memberNo: number, joinedOn: '2025-08-01', leftOn: null });
    await business(id, '2025-09-09', 20_000, 'p2');
    // Period 1 and period 2 count; the gap does not.
    expect(await volumeTotal(id)).toBe(120_000);

    const periods = (await call(app, s.pengawas, 'GET', url(`/members/${id}/periods`))).json();
    expect(periods.map((p: { periodNo: number; memberNo: number; joinedOn: string; leftOn: string | null; outcome: string | null }) => [p.periodNo, p.memberNo, p.joinedOn, p.leftOn, p.outcome])).toEqual([
      [1, number, '2025-02-03', '2025-05-10', 'resigned'],
      [2, number, '2025-08-01', null, null]
    ]);
    expect(periods[0].details.fullName).toBe('Rini Lestari');
    expect(periods[1].details.fullName).toBe('Rini Lestari Wibowo');

    const history = (await call(app, s.pengawas, 'GET', url(`/members/${id}/history`))).json();
    expect(history.map((h: { fromStatus: string | null; toStatus: string }) => `${h.fromStatus}>${h.toStatus}`)).toEqual([
      'null>applicant',
      'applicant>active',
      'active>resigned',
      'resigned>applicant',
      'applicant>active'
    ]);

    // The SHU of 2025 sees both periods and not the gap.
    const [shuMember] = await withTenant(t.db, coop.id, (trx) => membersForPeriod(trx, coop.id, '2025-01-01', '2025-12-31'));
    expect(shuMember).toMatchObject({
      id,
      joinDate: '2025-02-03',
      exitDate: null,
      periods: [
        { joinDate: '2025-02-03', exitDate: '2025-05-10' },
        { joinDate: '2025-08-01', exitDate: null }
      ]
    });

    // A second resignation ends period 2 and keeps period 1 as it was.
    await visit('2025-10-01');
    await call(app, s.sekretaris, 'POST', url(`/members/${id}/resign`), {});
    await business(id, '2025-10-05', 1_000, 'after');
    expect(await volumeTotal(id)).toBe(120_000);
    const ended = (await call(app, s.pengawas, 'GET', url(`/members/${id}/periods`))).json();
    expect(ended.map((p: { leftOn: string | null; outcome: string | null }) => [p.leftOn, p.outcome])).toEqual([
      ['2025-05-10', 'resigned'],
      ['2025-10-01', 'resigned']
    ]);
  });

  it('lets the members’ meeting decide the new period where the charter says so', async () => {
    const c = await seedCoop(t.db);
    await t.db.insertInto('charters').values({ coop_id: c.id, version: 1, template: 'tujuh_prinsip', rules: JSON.stringify({ approvalBy: 'meeting' }), adopted_by: c.accounts.ketua.id }).execute();
    const acc = await createAccount(t.db, { name: 'Bayu Aji', email: 'bayu@contoh.id', password: 'rahasia-koperasi-1' });
    await t.db.insertInto('members').values({ coop_id: c.id, account_id: acc.id, status: 'resigned', full_name: 'Bayu Aji', gender: 'M', birth_date: '1988-01-02', member_no: 4, joined_on: '2024-01-05', left_on: '2024-12-20' }).execute();
    const bayu = await signInAs(app, { email: 'bayu@contoh.id', password: 'rahasia-koperasi-1' });
    const again = await call(app, bayu, 'POST', `/api/v1/coops/${c.id}/apply`, { fullName: 'Bayu Aji Santoso' });
    expect(again.json()).toMatchObject({ status: 'applicant', memberNo: 4, fullName: 'Bayu Aji Santoso', birthDate: '1988-01-02', gender: 'M' });
    const ketua = await signInAs(app, c.accounts.ketua);
    const base = `/api/v1/coops/${c.id}/members/${again.json().id}`;
    const refused = await call(app, ketua, 'POST', `${base}/approve`, {});
    expect(refused.json().code).toBe('MEMBER_APPROVAL_BY_MEETING');
    const admitted = await call(app, ketua, 'POST', `${base}/approve`, { meetingRef: 'Keputusan RAT 2025 No. 3' });
    expect(admitted.json()).toMatchObject({ status: 'active', memberNo: 4 });
    const periods = (await call(app, ketua, 'GET', `${base}/periods`)).json();
    expect(periods.map((p: { joinedOn: string; leftOn: string | null; details: { fullName: string } }) => [p.joinedOn, p.leftOn, p.details.fullName])).toEqual([
      ['2024-01-05', '2024-12-20', 'Bayu Aji'],
      [today, null, 'Bayu Aji Santoso']
    ]);
  });

  it('keeps the periods to those who may read the member', async () => {
    await moveTo('2025-10-01');
    const c = await seedCoop(t.db);
    const m = await t.db.insertInto('members').values({ coop_id: c.id, status: 'active', full_name: 'Orang Lain', gender: 'M', member_no: 1, joined_on: '2024-01-01' }).returning('id').executeTakeFirstOrThrow();
    const anggota = await signInAs(app, c.accounts.anggota);
    expect((await call(app, anggota, 'GET', `/api/v1/coops/${c.id}/members/${m.id}/periods`)).statusCode).toBe(403);
    expect((await call(app, s.ketua, 'GET', `/api/v1/coops/${c.id}/members/${m.id}/periods`)).statusCode).toBe(404);
  });
});
