import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';

let t: TestDb;
let app: App;
let coop: SeededCoop;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  coop = await seedCoop(t.db);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('sign-in and sessions', () => {
  it('signs in with email and password and lists the account\'s cooperatives', async () => {
    const s = await signInAs(app, coop.accounts.ketua);
    const me = await call(app, s, 'GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().coops.map((c: { slug: string }) => c.slug)).toEqual([coop.slug]);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.db.selectFrom('accounts').select('password_hash').where('id', '=', coop.accounts.ketua.id).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('rejects a wrong password with a translated 401 and opens no session', async () => {
    const before = await t.db.selectFrom('sessions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { identifier: coop.accounts.anggota.email, password: 'salah-sekali-123' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Email/nomor HP atau kata sandi salah.' });
    const en = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { 'accept-language': 'en' }, payload: { identifier: coop.accounts.anggota.email, password: 'salah-sekali-123' } });
    expect(en.json().message).toBe('Wrong email/phone number or password.');
    const after = await t.db.selectFrom('sessions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('answers bad input with 400 and a message per field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { identifier: 'x' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['identifier', 'password']);
    expect(body.fields.every((f: { message: string }) => f.message.length > 0)).toBe(true);
  });

  it('throttles repeated failed sign-ins for one identifier', async () => {
    const target = coop.accounts.pengawas;
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { identifier: target.email, password: `salah-${i}-xxxxxxxx` } });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    // Even the right password is refused while throttled.
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { identifier: target.email, password: target.password } });
    expect(res.statusCode).toBe(429);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const s = await signInAs(app, coop.accounts.sekretaris);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
    const ok = await call(app, s, 'POST', '/api/v1/auth/sign-out');
    expect(ok.statusCode).toBe(204);
    const me = await call(app, s, 'GET', '/api/v1/me');
    expect(me.statusCode).toBe(401);
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/auth/sign-in'].post.requestBody).toBeTruthy();
  });
});
