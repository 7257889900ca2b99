import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, testApp } from '../support/fixtures.js';
import { mimePart, startSmtpSink, type ReceivedMail } from '../support/governance.js';
import type { App } from '../../src/server/types.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { drainOutbox, setMailer, type Mailer } from '../../src/governance/mailer.js';
import { SESSION_COOKIE } from '../../src/server/cookies.js';

let t: TestDb;
let app: App;
let sink: { mailer: Mailer; messages: ReceivedMail[]; close: () => Promise<void> };

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  sink = await startSmtpSink();
  setMailer(null); // mail waits in the outbox until the test drains it into the sink
});
afterAll(async () => {
  setMailer(null);
  await sink?.close();
  await app?.close();
  await t?.drop();
});

const GOOD = 'Lumbung padi di lereng Merapi';
let n = 0;
const signUp = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: payload as never, headers, remoteAddress: `192.0.2.${++n}` });
const accountCount = async () => Number((await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
async function mailsTo(address: string): Promise<{ subject: string; text: string }[]> {
  await drainOutbox(t.db, sink.mailer);
  return sink.messages
    .filter((m) => m.to.includes(address))
    .map((m) => ({ subject: /^Subject: (.*)$/m.exec(m.raw)?.[1] ?? '', text: mimePart(m.raw, 'text/plain') ?? m.raw }));
}
const tokenIn = (text: string) => /\/daftar-akun\/selesai\/(su_[A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('signing up without revealing whether an e-mail is registered (issue 12 item 13)', () => {
  it('answers a registered and a new address alike, creates nothing yet, and mails each owner what fits', async () => {
    await createAccount(t.db, { name: 'Ayu Lama', email: 'ayu.lama@contoh.id', password: PASSWORD });
    const before = await accountCount();
    const taken = await signUp({ name: 'Penyelidik', email: 'Ayu.Lama@contoh.id', password: GOOD });
    const fresh = await signUp({ name: 'Bayu Baru', email: 'bayu.baru@contoh.id', password: GOOD });
    for (const res of [taken, fresh]) {
      expect(res.statusCode).toBe(202);
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    }
    expect(taken.json()).toEqual({ status: 'check_email', message: fresh.json().message.replace('bayu.baru@contoh.id', 'ayu.lama@contoh.id') });
    expect(fresh.json().message).toMatch(/^Kami mengirim surel ke bayu\.baru@contoh\.id\./);
    expect(await accountCount()).toBe(before);

    const notice = await mailsTo('ayu.lama@contoh.id');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.subject).toContain('Ada yang mencoba mendaftar');
    expect(notice[0]!.text).toContain('/masuk');
    expect(tokenIn(notice[0]!.text)).toBeUndefined();
    const link = await mailsTo('bayu.baru@contoh.id');
    expect(link).toHaveLength(1);
    const token = tokenIn(link[0]!.text)!;
    expect(token).toBeTruthy();
    const stored = await t.db.selectFrom('account_sign_ups').select(['token_hash', 'password_hash']).where('email', '=', 'bayu.baru@contoh.id').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);

    // The link creates the account and signs in; the password given at sign-up works.
    const done = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up/complete', payload: { token } });
    expect(done.statusCode).toBe(201);
    const cookie = done.cookies.find((c) => c.name === SESSION_COOKIE)!;
    const me = await call(app, { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrf: done.json().csrfToken }, 'GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ name: 'Bayu Baru', isPlatformAdmin: false, coops: [] });
    expect(await accountCount()).toBe(before + 1);
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { identifier: 'bayu.baru@contoh.id', password: GOOD } });
    expect(signIn.statusCode).toBe(200);

    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up/complete', payload: { token } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SIGN_UP_LINK_USED');
    const forged = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up/complete', payload: { token: `su_${'A'.repeat(43)}` } });
    expect(forged.statusCode).toBe(404);
    expect(forged.json().message).toMatch(/tidak dikenal/);
  });

  it('says so in English, refuses an expired link, and refuses a link whose address was registered meanwhile', async () => {
    const en = await signUp({ name: 'Citra', email: 'citra@contoh.id', password: GOOD }, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(202);
    expect(en.json().message).toMatch(/^We sent an e-mail to citra@contoh\.id\./);
    const [mail] = await mailsTo('citra@contoh.id');
    expect(mail!.subject).toBe('Finish creating your Lumbung account');
    await t.db.updateTable('account_sign_ups').set({ expires_at: new Date(Date.now() - 1000) }).where('email', '=', 'citra@contoh.id').execute();
    const expired = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up/complete', payload: { token: tokenIn(mail!.text) } });
    expect(expired.statusCode).toBe(410);

    await signUp({ name: 'Dodi', email: 'dodi@contoh.id', password: GOOD });
    const [link] = await mailsTo('dodi@contoh.id');
    await createAccount(t.db, { name: 'Dodi Lain', email: 'dodi@contoh.id', password: PASSWORD });
    const late = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up/complete', payload: { token: tokenIn(link!.text) } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('EMAIL_TAKEN');
  });

  it('mails one address at most three times an hour, however often it is typed', async () => {
    for (let i = 0; i < 5; i++) expect((await signUp({ name: 'Eka', email: 'eka@contoh.id', password: GOOD })).statusCode).toBe(202);
    expect(await mailsTo('eka@contoh.id')).toHaveLength(3);
  });

  it('creates a phone-only account at once (no SMS channel) and says when the number is taken', async () => {
    const res = await signUp({ name: 'Fajar', phone: '0813-2222-3333', password: GOOD });
    expect(res.statusCode).toBe(201);
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeTruthy();
    const taken = await signUp({ name: 'Fajar Lain', phone: '+6281322223333', password: GOOD });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('PHONE_TAKEN');
  });
});

describe('password rules at sign-up (issue 12 item 13)', () => {
  it('refuses common passwords, English and Indonesian, in the user\'s language, before anything is mailed', async () => {
    const before = sink.messages.length;
    for (const password of ['password123', 'sayang12345', 'bismillah123', 'merdeka1945', 'indonesia2026']) {
      const res = await signUp({ name: 'Gita', email: 'gita@contoh.id', password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().fields, password).toEqual([expect.objectContaining({ field: 'password', code: 'password_common' })]);
      expect(res.json().fields[0].message).toMatch(/terlalu mudah ditebak/);
    }
    const en = await signUp({ name: 'Gita', phone: '081344445555', password: 'rahasia123' }, { 'accept-language': 'en' });
    expect(en.json().fields[0].message).toMatch(/too easy to guess/);
    await drainOutbox(t.db, sink.mailer);
    expect(sink.messages.length).toBe(before);
    expect(await t.db.selectFrom('account_sign_ups').select('id').where('email', '=', 'gita@contoh.id').execute()).toHaveLength(0);
  });

  it('refuses a password that is, or contains, the email or phone number', async () => {
    const byEmail = await signUp({ name: 'Hadi', email: 'hadi.santoso@contoh.id', password: 'hadi.santoso@contoh.id' });
    expect(byEmail.statusCode).toBe(400);
    expect(byEmail.json().fields).toEqual([{ field: 'password', code: 'password_contains_identifier', message: 'Kata sandi tidak boleh sama dengan atau memuat surel atau nomor HP Anda.' }]);
    const byPhone = await signUp({ name: 'Hadi', phone: '081355556666', password: 'hp: 0813-5555-6666' }, { 'accept-language': 'en' });
    expect(byPhone.statusCode).toBe(400);
    expect(byPhone.json().fields).toEqual([{ field: 'password', code: 'password_contains_identifier', message: 'The password must not be or contain your email address or phone number.' }]);
    const loosePhone = await signUp({ name: 'Hadi', phone: '081355556666', password: '+6281355556666' });
    expect(loosePhone.json().fields[0].code).toBe('password_contains_identifier');
  });
});
