import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { t as translate } from '../../src/kernel/i18n.js';
import { LOCALE_COOKIE } from '../../src/server/cookies.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { changedTables, fingerprint } from '../support/fingerprint.js';
import { seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import { startWebServer } from '../support/web.js';

/**
 * NUL characters (U+0000) sent to the pages — in the address, in form posts (urlencoded and
 * multipart), signed in or not — are refused with a 400 page in the visitor's language before
 * any page code runs, and change nothing (decision 0103). Needs a build (npm run build).
 */
let t: TestDb;
let app: App;
let server: { url: string; close: () => Promise<void> };
let a: SeededCoop;
let ketua: Session;
let work: { id: string; slug: string };

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  const m = await addMember(a.ctx('ketua'), { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' });
  const w = await createWork(a.ctx('ketua'), { productLine: 'busana', title: 'Kaos Panen Raya', publicPrice: 150_000, attributes: { material: 'katun' }, variants: [{ size: 'M', colour: 'Hitam', sku: 'KPR-M', stock: 7 }] } as never);
  await setWorkCreators(a.ctx('ketua'), w.id, { creators: [{ memberId: m.id, shareBp: 10_000 }] });
  await publishWork(a.ctx('ketua'), w.id);
  work = { id: w.id, slug: (w as unknown as { slug: string }).slug };
  ketua = await signInAs(app, a.accounts.ketua);
  server = await startWebServer(t.db);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await t?.drop();
});

type Case = { what: string; path: string; method?: 'GET' | 'POST'; body?: URLSearchParams | FormData; session?: Session };

function cases(): Case[] {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  const multipart = new FormData();
  multipart.set('asStatus', 'active\u0000');
  multipart.set('file', new Blob(['nama,jenis_kelamin\nSiti,P\n'], { type: 'text/csv' }), 'anggota.csv');
  const nulFileName = new FormData();
  nulFileName.set('file', new Blob(['nama,jenis_kelamin\nSiti,P\n'], { type: 'text/csv' }), 'ang\u0000gota.csv');
  return [
    { what: 'NUL in a path', path: `/koperasi/${a.slug}%00/toko` },
    { what: 'NUL in a query', path: `/koperasi/${a.slug}/toko?q=batik%00` },
    { what: 'sign-in form', path: '/masuk', method: 'POST', body: form({ identifier: 'siti\u0000@contoh.id', password: 'rahasia-koperasi-1' }) },
    { what: 'sign-up form', path: '/daftar-akun', method: 'POST', body: form({ name: 'Siti\u0000', email: 'siti.baru@contoh.id', password: 'rahasia-koperasi-1' }) },
    { what: 'public checkout form', path: `/koperasi/${a.slug}/bayar`, method: 'POST', body: form({ paymentMethod: 'transfer', buyerName: 'Rina\u0000', buyerPhone: '081300000001', [`qty_${work.id}`]: '1' }) },
    { what: 'new member form (signed in)', path: `/k/${a.slug}/anggota/baru`, method: 'POST', body: form({ fullName: 'Joko\u0000Susilo', gender: 'M', asStatus: 'active' }), session: ketua },
    { what: 'member import, multipart text field (signed in)', path: `/k/${a.slug}/anggota/impor`, method: 'POST', body: multipart, session: ketua },
    { what: 'member import, multipart file name (signed in)', path: `/k/${a.slug}/anggota/impor`, method: 'POST', body: nulFileName, session: ketua }
  ];
}

describe('NUL characters sent to the pages', () => {
  it('are refused with a 400 page in the visitor\'s language, changing nothing', async () => {
    const before = await fingerprint(t.url);
    const failures: string[] = [];
    for (const locale of ['id', 'en'] as const) {
      for (const c of cases()) {
        const cookie = [c.session?.cookie, `${LOCALE_COOKIE}=${locale}`].filter(Boolean).join('; ');
        const res = await fetch(`${server.url}${c.path}`, {
          method: c.method ?? 'GET',
          body: c.body,
          redirect: 'manual',
          headers: { cookie, origin: server.url, accept: 'text/html' }
        });
        const html = await res.text();
        if (res.status !== 400) failures.push(`${locale} ${c.what}: ${res.status} ${html.slice(0, 120)}`);
        else if (!html.includes(translate(locale, 'fields.text_nul'))) failures.push(`${locale} ${c.what}: message not in ${locale}`);
        else if (!html.includes(`lang="${locale}"`)) failures.push(`${locale} ${c.what}: page not marked ${locale}`);
      }
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await fingerprint(t.url))).toEqual([]);
  });

  it('lets the same forms through without the NUL (the refusal above is the NUL, not the form)', async () => {
    const res = await fetch(`${server.url}/k/${a.slug}/anggota/baru`, {
      method: 'POST',
      body: new URLSearchParams({ fullName: 'Joko Susilo', gender: 'M', asStatus: 'active' }),
      redirect: 'manual',
      headers: { cookie: ketua.cookie, origin: server.url, accept: 'text/html' }
    });
    expect(res.status).toBe(303);
    const joko = await t.db.selectFrom('members').select('full_name').where('coop_id', '=', a.id).where('full_name', '=', 'Joko Susilo').execute();
    expect(joko).toHaveLength(1);
    // A multipart post still reaches the page whole after the hook has read its copy.
    const upload = new FormData();
    upload.set('asStatus', 'active');
    upload.set('file', new Blob(['nama,jenis_kelamin\nDewi Lestari,P\n'], { type: 'text/csv' }), 'anggota.csv');
    const imported = await fetch(`${server.url}/k/${a.slug}/anggota/impor`, { method: 'POST', body: upload, redirect: 'manual', headers: { cookie: ketua.cookie, origin: server.url, accept: 'text/html' } });
    expect(imported.status).toBe(200);
    const dewi = await t.db.selectFrom('members').select('full_name').where('coop_id', '=', a.id).where('full_name', '=', 'Dewi Lestari').execute();
    expect(dewi).toHaveLength(1);
    const page = await fetch(`${server.url}/koperasi/${a.slug}/toko?q=batik`);
    expect(page.status).toBe(200);
  });
});
