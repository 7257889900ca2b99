import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD, seedCoop, type SeededCoop } from '../support/fixtures.js';
import { startWebServer } from '../support/web.js';

/**
 * Issue 14 item 8: pages are Indonesian whatever the browser sends; English only when the
 * person picks it — remembered in a cookie and, when signed in, on the account. Needs a build.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let coop: SeededCoop;
beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db);
  server = await startWebServer(t.db);
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
});

const heading = async (res: Response) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await res.text())?.[1];

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${server.url}/masuk`, { method: 'POST', redirect: 'manual', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ identifier: email, password: PASSWORD }) });
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

describe('the language of the pages', () => {
  it('is Indonesian for a browser that asks for English, and English once the person picks it (cookie)', async () => {
    expect(await heading(await fetch(`${server.url}/masuk`, { headers: { 'accept-language': 'en-US,en;q=0.9' } }))).toBe('Masuk');
    const pick = await fetch(`${server.url}/bahasa`, { method: 'POST', redirect: 'manual', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ lang: 'en', ke: '/masuk' }) });
    const cookie = pick.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(await heading(await fetch(`${server.url}/masuk`, { headers: { cookie, 'accept-language': 'id-ID' } }))).toBe('Sign in');
  });

  it('keeps a signed-in person’s pick on their account, so it follows them without the cookie', async () => {
    const session = await signIn(coop.accounts.anggota.email);
    await fetch(`${server.url}/bahasa`, { method: 'POST', redirect: 'manual', headers: { cookie: session, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ lang: 'en', ke: '/' }) });
    const row = await t.db.selectFrom('accounts').select('locale').where('id', '=', coop.accounts.anggota.id).executeTakeFirstOrThrow();
    expect(row.locale).toBe('en');
    // A new sign-in elsewhere, without the language cookie and with an Indonesian browser.
    const fresh = (await signIn(coop.accounts.anggota.email)).split('; ').filter((c) => !c.startsWith('lumbung_lang') && !c.startsWith('lang')).join('; ');
    expect(await heading(await fetch(`${server.url}/lupa-kata-sandi`, { headers: { cookie: fresh, 'accept-language': 'id-ID' } }))).toBe('Forgot your password');
  });
});
