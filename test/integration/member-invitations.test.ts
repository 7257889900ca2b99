import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { addMember } from '../../src/members/add-member.js';
import { approveMember } from '../../src/members/approve-member.js';
import { inviteMember } from '../../src/members/invite-member.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { SESSION_COOKIE } from '../../src/server/cookies.js';

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

/** A coop with one active member the board entered (no account), with an e-mail. */
async function boardEnteredMember(email: string | null = 'sari@contoh.id'): Promise<{ coop: SeededCoop; ketua: Session; memberId: string }> {
  const coop = await seedCoop(t.db);
  const ctx = coop.ctx('ketua');
  const m = await addMember(ctx, { fullName: 'Sari Wulandari', gender: 'F', ...(email ? { email } : {}) });
  await approveMember(ctx, m.id);
  return { coop, ketua: await signInAs(app, coop.accounts.ketua), memberId: m.id };
}

const tokenOf = (link: string) => link.split('/undangan/')[1]!;

async function signUpApi(body: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: body as never });
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  return { res, session: cookie ? { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrf: res.json().csrfToken as string } : null };
}

/** Sign up with an e-mail address and open the mailed link (decision 0102): the account and its session. */
async function signUpByMail(body: Record<string, unknown>): Promise<Session> {
  const { res } = await signUpApi(body);
  expect(res.statusCode).toBe(202);
  const mail = await t.db.selectFrom('platform_mail_outbox').select('text_body').where('kind', '=', 'sign_up_link').where('to_address', '=', String(body.email).toLowerCase()).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const token = /\/daftar-akun\/selesai\/(su_[A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
  const done = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up/complete', payload: { token } });
  expect(done.statusCode).toBe(201);
  const cookie = done.cookies.find((c) => c.name === SESSION_COOKIE)!;
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrf: done.json().csrfToken as string };
}

describe('signing up', () => {
  it('creates an account with an argon2id hash once the mailed link is opened, and opens a session', async () => {
    const session = await signUpByMail({ name: 'Rina Penjahit', email: 'Rina@Contoh.id', password: 'benang-emas-2026' });
    const me = await call(app, session, 'GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ name: 'Rina Penjahit', coops: [] });
    const row = await t.db.selectFrom('accounts').select(['email', 'password_hash', 'is_platform_admin']).where('email', '=', 'rina@contoh.id').executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.is_platform_admin).toBe(false);
  });

  it('refuses a short password in Indonesian; a taken e-mail is not revealed and creates nothing; no one signs up as an administrator', async () => {
    const before = await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const weak = await signUpApi({ name: 'Pendek', email: 'pendek@contoh.id', password: 'pendek' });
    expect(weak.res.statusCode).toBe(400);
    expect(weak.res.json().fields.map((f: { field: string }) => f.field)).toContain('password');
    const taken = await signUpApi({ name: 'Kembar', email: 'rina@contoh.id', password: 'benang-emas-2026' });
    expect(taken.res.statusCode).toBe(202);
    expect(taken.res.json().message).toMatch(/surel/i);
    expect(taken.session).toBeNull();
    const session = await signUpByMail({ name: 'Penyusup', email: 'penyusup@contoh.id', password: 'benang-emas-2026', isPlatformAdmin: true });
    expect((await call(app, session, 'GET', '/api/v1/me')).json().isPlatformAdmin).toBe(false);
    const row = await t.db.selectFrom('accounts').select('is_platform_admin').where('email', '=', 'penyusup@contoh.id').executeTakeFirstOrThrow();
    expect(row.is_platform_admin).toBe(false);
    const after = await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });
});

describe('inviting a member the board entered to link an account', () => {
  it('mails a one-time link; a new account accepts it, gets the anggota role and sees its own member data', async () => {
    const { coop, ketua, memberId } = await boardEnteredMember();
    const res = await call(app, ketua, 'POST', `/api/v1/coops/${coop.id}/members/${memberId}/invitation`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ memberId, email: 'sari@contoh.id' });
    expect(JSON.stringify(res.json())).not.toContain('li_');
    const mail = await t.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body']).where('coop_id', '=', coop.id).where('kind', '=', 'member_invitation').executeTakeFirstOrThrow();
    expect(mail.to_address).toBe('sari@contoh.id');
    const token = /\/undangan\/(li_[A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
    const stored = await t.db.selectFrom('member_invitations').select('token_hash').where('member_id', '=', memberId).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const info = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${coop.slug}/invitations/${token}` });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ memberName: 'Sari Wulandari', memberNo: 1, email: 'sari@contoh.id' });

    const session = await signUpByMail({ name: 'Sari Wulandari', email: 'sari@contoh.id', password: 'kain-tenun-2026' });
    const anon = await app.inject({ method: 'POST', url: `/api/v1/public/coops/${coop.slug}/invitations/${token}/accept` });
    expect(anon.statusCode).toBe(401);
    const accepted = await call(app, session, 'POST', `/api/v1/public/coops/${coop.slug}/invitations/${token}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ memberId });

    const me = await call(app, session, 'GET', '/api/v1/me');
    expect(me.json().coops).toEqual([expect.objectContaining({ id: coop.id, roles: ['anggota'] })]);
    const linked = await t.db.selectFrom('members').select('account_id').where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(linked.account_id).toBe(me.json().accountId);

    const again = await call(app, session, 'POST', `/api/v1/public/coops/${coop.slug}/invitations/${token}/accept`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVITATION_USED');
    const reinvite = await call(app, ketua, 'POST', `/api/v1/coops/${coop.id}/members/${memberId}/invitation`, {});
    expect(reinvite.statusCode).toBe(409);
    expect(reinvite.json().code).toBe('MEMBER_ALREADY_LINKED');
    const audit = await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', coop.id).where('entity_id', '=', memberId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['member.invite', 'member.link_account']));
  });

  it('links once when ten accounts press the same link at the same moment', async () => {
    const { coop, memberId } = await boardEnteredMember();
    const { link } = await inviteMember(coop.ctx('sekretaris'), memberId, {});
    const sessions: Session[] = [];
    for (let i = 0; i < 10; i++) {
      const email = `rebut${i}.${coop.slug}@contoh.id`;
      await createAccount(t.db, { name: `Perebut ${i}`, email, password: PASSWORD });
      sessions.push(await signInAs(app, { email, password: PASSWORD }));
    }
    const results = await Promise.all(sessions.map((s) => call(app, s, 'POST', `/api/v1/public/coops/${coop.slug}/invitations/${tokenOf(link)}/accept`)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409 && r.json().code === 'INVITATION_USED')).toHaveLength(9);
    const users = await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', coop.id).execute();
    expect(users.filter((u) => u.roles.includes('anggota'))).toHaveLength(2); // the seeded anggota and the one winner
    const linked = await t.db.selectFrom('members').select('account_id').where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(results[sessions.findIndex((_, i) => results[i]!.statusCode === 200)]!.statusCode).toBe(200);
    expect(linked.account_id).not.toBeNull();
  });

  it('refuses an expired link, a superseded link, a forged link and a second membership of one account', async () => {
    const { coop, memberId } = await boardEnteredMember();
    const ctx = coop.ctx('ketua');
    const first = await inviteMember(ctx, memberId, {});
    const second = await inviteMember(ctx, memberId, { email: 'sari.baru@contoh.id' });
    const superseded = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${coop.slug}/invitations/${tokenOf(first.link)}` });
    expect(superseded.statusCode).toBe(410);
    expect(superseded.json().message).toMatch(/kedaluwarsa/);
    const forged = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${coop.slug}/invitations/li_${'A'.repeat(43)}` });
    expect(forged.statusCode).toBe(404);
    const otherCoop = await seedCoop(t.db);
    const wrongCoop = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${otherCoop.slug}/invitations/${tokenOf(second.link)}` });
    expect(wrongCoop.statusCode).toBe(404);

    // The seeded anggota account already is a member here: it cannot become a second one.
    const anggota = coop.accounts.anggota;
    await t.db.insertInto('members').values({ coop_id: coop.id, account_id: anggota.id, status: 'active', full_name: 'Anggota Lama', gender: 'M', member_no: 99 }).execute();
    const dup = await call(app, await signInAs(app, anggota), 'POST', `/api/v1/public/coops/${coop.slug}/invitations/${tokenOf(second.link)}/accept`);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('ACCOUNT_ALREADY_MEMBER');

    await t.db.updateTable('member_invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('member_id', '=', memberId).execute();
    const expired = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${coop.slug}/invitations/${tokenOf(second.link)}`, headers: { 'accept-language': 'en' } });
    expect(expired.statusCode).toBe(410);
    const linked = await t.db.selectFrom('members').select('account_id').where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(linked.account_id).toBeNull();
  });

  it('needs an e-mail, and only the board may invite', async () => {
    const { coop, ketua, memberId } = await boardEnteredMember(null);
    const none = await call(app, ketua, 'POST', `/api/v1/coops/${coop.id}/members/${memberId}/invitation`, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().fields).toEqual([expect.objectContaining({ field: 'email' })]);
    const anggota = await call(app, await signInAs(app, coop.accounts.anggota), 'POST', `/api/v1/coops/${coop.id}/members/${memberId}/invitation`, { email: 'x@contoh.id' });
    expect(anggota.statusCode).toBe(403);
    const count = await t.db.selectFrom('member_invitations').select((eb) => eb.fn.countAll<string>().as('n')).where('member_id', '=', memberId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
