import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD, silentLog, testApp } from '../support/fixtures.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { buildApp } from '../../src/server/app.js';
import { parseTrustProxy } from '../../src/server/trust-proxy.js';
import type { App } from '../../src/server/types.js';

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

const signIn = (a: App, identifier: string, password: string, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  a.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { identifier, password }, ...extra });

describe('sign-in lockout for phone accounts (issue 12 item 7)', () => {
  it('counts failures against the account whichever way the number is typed', async () => {
    await createAccount(t.db, { name: 'Wayan Telepon', phone: '081234567847', password: PASSWORD });
    const spellings = ['081234567847', '+6281234567847', '6281234567847', '0812-3456-7847', '0812 3456 7847', '(0812) 3456-7847', ' 081234567847 '];
    // Five failures, each typed differently (one address, well under the address limit).
    for (const [i, s] of spellings.slice(0, 5).entries()) {
      const res = await signIn(app, s, `salah-${i}-xxxxxxxx`, { remoteAddress: '192.0.2.7' });
      expect(res.statusCode, s).toBe(401);
    }
    // Now every spelling is refused, even with the right password, from any address.
    for (const [i, s] of spellings.entries()) {
      const res = await signIn(app, s, PASSWORD, { remoteAddress: `192.0.2.${20 + i}` });
      expect(res.statusCode, s).toBe(429);
      expect(res.json().code).toBe('RATE_LIMITED');
    }
  });

  it('locks an account with email and phone whether the email or the number was guessed', async () => {
    await createAccount(t.db, { name: 'Ketut Dua', email: 'ketut.dua@contoh.id', phone: '081298765432', password: PASSWORD });
    for (const [i, s] of ['KETUT.DUA@contoh.id', '081298765432', '+62 812 9876 5432', 'ketut.dua@contoh.id ', '6281298765432'].entries()) {
      expect((await signIn(app, s, `salah-${i}-xxxxxxxx`, { remoteAddress: '192.0.2.40' })).statusCode).toBe(401);
    }
    expect((await signIn(app, 'ketut.dua@contoh.id', PASSWORD, { remoteAddress: '192.0.2.41' })).statusCode).toBe(429);
    expect((await signIn(app, '0812-9876-5432', PASSWORD, { remoteAddress: '192.0.2.42' })).statusCode).toBe(429);
  });

  it('locks an unknown number under its normalised form too (no way to tell known from unknown)', async () => {
    for (const [i, s] of ['081311112222', '+6281311112222', '0813-1111-2222', '6281311112222', '0813 1111 2222'].entries()) {
      expect((await signIn(app, s, `salah-${i}-xxxxxxxx`, { remoteAddress: '192.0.2.50' })).statusCode).toBe(401);
    }
    expect((await signIn(app, '0813.1111.2222', 'salah-lagi-xxxxxxxx', { remoteAddress: '192.0.2.51' })).statusCode).toBe(429);
  });

  it('a success on the account clears the count for every spelling', async () => {
    await createAccount(t.db, { name: 'Made Tiga', phone: '081355556666', password: PASSWORD });
    for (let i = 0; i < 4; i++) expect((await signIn(app, i % 2 ? '081355556666' : '+6281355556666', `salah-${i}-xxxxxxxx`, { remoteAddress: '192.0.2.60' })).statusCode).toBe(401);
    expect((await signIn(app, '0813-5555-6666', PASSWORD, { remoteAddress: '192.0.2.60' })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(app, '6281355556666', `salah-${i}-xxxxxxxx`, { remoteAddress: '192.0.2.60' })).statusCode).toBe(401);
    expect((await signIn(app, '081355556666', PASSWORD, { remoteAddress: '192.0.2.60' })).statusCode).toBe(200);
  });
});

describe('forwarded addresses are believed only from configured proxies (issue 12 item 8)', () => {
  it('reads TRUST_PROXY: off by default, addresses/CIDRs, or a hop count; refuses nonsense', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1, fd00::/8')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
    const hops = parseTrustProxy('1') as (a: string, i: number) => boolean;
    expect([hops('203.0.113.1', 0), hops('203.0.113.1', 1)]).toEqual([true, false]);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('10.0.0.0/99')).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy('proxy.example')).toThrow(/TRUST_PROXY/);
  });

  it('by default a forged X-Forwarded-For does not escape the general API limit', async () => {
    const limited = await buildApp({ db: t.db, log: silentLog, rateLimitMax: 5 });
    await limited.ready();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await limited.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '198.51.100.9', headers: { 'x-forwarded-for': `203.0.113.${i}` } });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('by default a forged X-Forwarded-For does not escape the sign-in address lock', async () => {
    // 50 failures (each for a different unknown account, so the per-account lock is not what stops it).
    for (let i = 0; i < 50; i++) {
      const res = await signIn(app, `tamu${i}@contoh.id`, 'salah-sekali-xxxx', { remoteAddress: '198.51.100.20', headers: { 'x-forwarded-for': `203.0.113.${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const res = await signIn(app, 'tamu-baru@contoh.id', 'salah-sekali-xxxx', { remoteAddress: '198.51.100.20', headers: { 'x-forwarded-for': '203.0.113.200' } });
    expect(res.statusCode).toBe(429);
  });

  it('with TRUST_PROXY set, the header counts only when the trusted proxy sent it', async () => {
    const proxied = await buildApp({ db: t.db, log: silentLog, rateLimitMax: 3, trustProxy: parseTrustProxy('10.1.2.3') });
    await proxied.ready();
    try {
      // Through the proxy: each client address has its own budget.
      for (let round = 0; round < 3; round++) {
        for (const client of ['203.0.113.70', '203.0.113.71']) {
          const res = await proxied.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': client } });
          expect(res.statusCode).toBe(401);
        }
      }
      expect((await proxied.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '203.0.113.70' } })).statusCode).toBe(429);
      expect((await proxied.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '203.0.113.72' } })).statusCode).toBe(401);
      // A client reaching the server directly cannot pick its address with the header.
      const direct: number[] = [];
      for (let i = 0; i < 5; i++) {
        direct.push((await proxied.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '198.51.100.30', headers: { 'x-forwarded-for': `203.0.113.${80 + i}` } })).statusCode);
      }
      expect(direct).toEqual([401, 401, 401, 429, 429]);
      // Nor by putting a trusted proxy's address in the header.
      expect((await proxied.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '198.51.100.30', headers: { 'x-forwarded-for': '203.0.113.99, 10.1.2.3' } })).statusCode).toBe(429);
    } finally {
      await proxied.close();
    }
  });
});
