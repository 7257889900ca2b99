import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { approveMember } from '../../src/members/approve-member.js';
import { addMember } from '../../src/members/add-member.js';
import { isAppError } from '../../src/kernel/errors.js';
import { createAccount } from '../../src/accounts/create-account.js';

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

async function freshCoop(): Promise<{ coop: SeededCoop; ketua: Session; sekretaris: Session; url: string }> {
  const coop = await seedCoop(t.db);
  return { coop, ketua: await signInAs(app, coop.accounts.ketua), sekretaris: await signInAs(app, coop.accounts.sekretaris), url: `/api/v1/coops/${coop.id}/members` };
}

describe('approvals at the same moment', () => {
  it('gives one member number when 20 approvals of one applicant race, and 19 clean 409s', async () => {
    const { coop, ketua, sekretaris, url } = await freshCoop();
    const account = (await t.db.insertInto('accounts').values({ name: 'Pelamar Rebutan', email: 'rebutan@contoh.id', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
    const m = (await call(app, ketua, 'POST', url, { fullName: 'Pelamar Rebutan', gender: 'F' })).json();
    await t.db.updateTable('members').set({ account_id: account }).where('id', '=', m.id).execute();

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call(app, i % 2 ? ketua : sekretaris, 'POST', `${url}/${m.id}/approve`, {})));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('MEMBER_ALREADY_ACTIVE');

    const rows = await t.db.selectFrom('members').select(['member_no', 'status']).where('coop_id', '=', coop.id).execute();
    expect(rows).toEqual([{ member_no: 1, status: 'active' }]);
    const counter = await t.db.selectFrom('coop_counters').select('value').where('coop_id', '=', coop.id).where('name', '=', 'member_no').executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(1);
    const history = await t.db.selectFrom('member_status_history').select('to_status').where('member_id', '=', m.id).execute();
    expect(history.filter((h) => h.to_status === 'active')).toHaveLength(1);
    const roles = await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', coop.id).where('account_id', '=', account).execute();
    expect(roles).toEqual([{ roles: ['anggota'] }]);
  });

  it('numbers 10 applicants approved at once 1..10 with no gap and no duplicate', async () => {
    const { coop, ketua, url } = await freshCoop();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await call(app, ketua, 'POST', url, { fullName: `Pelamar ${i + 1}`, gender: i % 2 ? 'M' : 'F' })).json().id);
    const results = await Promise.all(ids.map((id) => call(app, ketua, 'POST', `${url}/${id}/approve`, {})));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const numbers = results.map((r) => r.json().memberNo as number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const stored = await t.db.selectFrom('members').select('member_no').where('coop_id', '=', coop.id).orderBy('member_no').execute();
    expect(stored.map((r) => r.member_no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives back the number of an approval that fails later in its transaction', async () => {
    const { coop } = await freshCoop();
    const ctx = coop.ctx('ketua');
    const a = await addMember(ctx, { fullName: 'Pertama', gender: 'F' });
    await approveMember(ctx, a.id);
    // A failing approval (already active) must not burn a number.
    await expect(approveMember(ctx, a.id)).rejects.toSatisfy((e: unknown) => isAppError(e) && e.code === 'MEMBER_ALREADY_ACTIVE');
    const b = await addMember(ctx, { fullName: 'Kedua', gender: 'M' });
    expect((await approveMember(ctx, b.id)).memberNo).toBe(2);
  });

  it('creates one applicant when one account applies twice at the same moment', async () => {
    const { coop } = await freshCoop();
    await createAccount(t.db, { name: 'Pendaftar Dua', email: 'dua@contoh.id', password: 'rahasia-koperasi-1' });
    const session = await signInAs(app, { email: 'dua@contoh.id', password: 'rahasia-koperasi-1' });
    const results = await Promise.all(Array.from({ length: 8 }, () => call(app, session, 'POST', `/api/v1/coops/${coop.id}/apply`, { fullName: 'Pendaftar Dua', gender: 'M' })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'MEMBER_ALREADY_APPLIED')).toBe(true);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(7);
    const rows = await t.db.selectFrom('members').select('id').where('coop_id', '=', coop.id).execute();
    expect(rows).toHaveLength(1);
  });
});
