import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD, silentLog } from '../support/fixtures.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { buildApp } from '../../src/server/app.js';
import { setRuntime } from '../../src/server/runtime.js';
import { loadWebHandler } from '../../src/server/start.js';
import { parseTrustProxy } from '../../src/server/trust-proxy.js';
import { systemClock } from '../../src/kernel/clock.js';
import type { App } from '../../src/server/types.js';

/**
 * The sign-in page's form action (/masuk) counts failures with the API (issue 12 items 7 and 8):
 * against the account however its number is typed, and per client address as derived under
 * TRUST_PROXY — the page never believes a forwarding header the server does not.
 */
let t: TestDb;
let direct: { app: App; url: string };
let proxied: { app: App; url: string };

async function serve(trustProxy: ReturnType<typeof parseTrustProxy>) {
  const app = await buildApp({ db: t.db, log: silentLog, web: await loadWebHandler(), rateLimitMax: 100_000, trustProxy });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

beforeAll(async () => {
  t = await createTestDb();
  setRuntime({ db: t.db, clock: systemClock, log: silentLog });
  direct = await serve(false);
  proxied = await serve(parseTrustProxy('127.0.0.1'));
});
afterAll(async () => {
  await direct?.app.close();
  await proxied?.app.close();
  await t?.drop();
});

/** Post the sign-in form (SvelteKit answers a non-browser client with the action's result as JSON): the result's status, 303 for a redirect. */
async function formSignIn(base: string, identifier: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...headers },
    body: new URLSearchParams({ identifier, password })
  });
  const body = (await res.json()) as { type: string; status: number };
  return body.type === 'redirect' ? 303 : body.status;
}
const apiSignIn = async (base: string, identifier: string, password: string) =>
  (await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier, password }) })).status;

describe('the sign-in form and the API share one lock per account', () => {
  it('five failures on the form, each spelling the number differently, lock every spelling on the form and the API', async () => {
    await createAccount(t.db, { name: 'Nyoman Formulir', phone: '081234567847', password: PASSWORD });
    const spellings = ['081234567847', '+6281234567847', '6281234567847', '0812-3456-7847', '0812 3456 7847'];
    for (const [i, s] of spellings.entries()) expect(await formSignIn(direct.url, s, `salah-${i}-xxxxxxxx`), s).toBe(401);
    for (const s of [...spellings, '+62 812-3456-7847']) expect(await formSignIn(direct.url, s, PASSWORD), s).toBe(429);
    expect(await apiSignIn(direct.url, '0812.3456.7847', PASSWORD)).toBe(429);
  });
});

describe('the sign-in form sees the address the server derived', () => {
  it('ignores a forged X-Forwarded-For by default', async () => {
    // This address already failed a few times above; a fresh header each try does not reset its count.
    const codes: number[] = [];
    for (let i = 0; i < 55 && !codes.includes(429); i++) codes.push(await formSignIn(direct.url, `tamu${i}@contoh.id`, 'salah-sekali-xxxx', { 'x-forwarded-for': `203.0.113.${i}` }));
    expect(codes.at(-1)).toBe(429);
    expect(codes.length).toBeLessThanOrEqual(51);
    expect(codes.slice(0, -1).every((c) => c === 401)).toBe(true);
  });

  it('behind a trusted proxy, counts each forwarded client on its own', async () => {
    for (let i = 0; i < 50; i++) expect(await formSignIn(proxied.url, `klien-a${i}@contoh.id`, 'salah-sekali-xxxx', { 'x-forwarded-for': '198.51.100.1' })).toBe(401);
    expect(await formSignIn(proxied.url, 'klien-a-akhir@contoh.id', 'salah-sekali-xxxx', { 'x-forwarded-for': '198.51.100.1' })).toBe(429);
    expect(await formSignIn(proxied.url, 'klien-b@contoh.id', 'salah-sekali-xxxx', { 'x-forwarded-for': '198.51.100.2' })).toBe(401);
    // A client cannot pose as another by sending the server's own address header.
    expect(await formSignIn(proxied.url, 'klien-a-lagi@contoh.id', 'salah-sekali-xxxx', { 'x-forwarded-for': '198.51.100.1', 'x-lumbung-client-address': '198.51.100.77' })).toBe(429);
  });
});
