import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, signInAs, testApp, type Session } from '../support/fixtures.js';
import { startWebServer } from '../support/web.js';

/**
 * Issue 14 items 6 and 9 on the demo cooperative: one rupiah form per language on every page
 * people read money on, shares that add up to 100 %, and a person's own home at /k/<slug>.
 * Needs the web build.
 */
let t: TestDb;
let app: App;
let server: { url: string; close: () => Promise<void> };
let coopId: string;
const slug = 'lumbung-sari';
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  app = await testApp(t.db);
  server = await startWebServer(t.db);
  coopId = (await t.db.selectFrom('coops').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  for (const who of ['ketua', 'bendahara', 'anggota', 'pengawas']) sessions[who] = await signInAs(app, { email: `${who}@lumbung.test`, password: DEMO_PASSWORD });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await app?.close();
  await t?.drop();
});

async function page(who: string, path: string, lang: 'id' | 'en' = 'id'): Promise<string> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: `${sessions[who]!.cookie}; lang=${lang}` } });
  expect(res.status, `${who} ${path}`).toBe(200);
  // The text people read: markup and scripts (whose JSON data carries raw numbers) left out.
  return (await res.text()).replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\u00a0/g, ' ');
}

const PAGES: [string, string][] = [
  ['ketua', ''],
  ['bendahara', '/simpanan'],
  ['bendahara', '/buku'],
  ['bendahara', '/buku/jurnal'],
  ['bendahara', '/buku/laporan/posisi-keuangan'],
  ['bendahara', '/buku/laporan/neraca-saldo'],
  ['bendahara', '/buku/laporan/buku-besar'],
  ['bendahara', '/shu'],
  ['bendahara', '/pesanan'],
  ['bendahara', '/pembayaran'],
  ['bendahara', '/karya'],
  ['pengawas', '/laporan-rat'],
  ['pengawas', '/buku-administrasi/simpanan-anggota'],
  ['anggota', ''],
  ['anggota', '/saya'],
  ['anggota', '/saya/shu'],
  ['anggota', '/saya/penjualan']
];

describe('rupiah on the pages, one form per language (item 6)', () => {
  it('never prints the English form (or a spaced "Rp 1.000") on an Indonesian page, nor the Indonesian form on an English one', async () => {
    let amounts = 0;
    for (const [who, path] of PAGES) {
      const id = await page(who, `/k/${slug}${path}`, 'id');
      const en = await page(who, `/k/${slug}${path}`, 'en');
      expect(id.match(/Rp\s?\d{1,3}(,\d{3})+/g) ?? [], `id ${path}`).toEqual([]);
      expect(id.match(/Rp\s\d/g) ?? [], `id ${path}`).toEqual([]);
      expect(en.match(/Rp\s?\d{1,3}(\.\d{3})+/g) ?? [], `en ${path}`).toEqual([]);
      expect(en.match(/Rp\s\d/g) ?? [], `en ${path}`).toEqual([]);
      amounts += (id.match(/Rp\d{1,3}(\.\d{3})+/g) ?? []).length;
    }
    // The check looked at real amounts, not at empty pages.
    expect(amounts).toBeGreaterThan(20);
  });
});

describe('shares on the dashboard (item 6)', () => {
  it('shows the women and men of the active members as shares that add up to exactly 100 %', async () => {
    const html = await page('anggota', `/k/${slug}`);
    const shares = [...html.matchAll(/([\d,]+) % dari anggota aktif/g)].map((m) => Number(m[1]!.replace(',', '.')));
    expect(shares).toHaveLength(2);
    expect(Math.round(shares.reduce((s, x) => s + x, 0) * 100)).toBe(10_000);
  });
});

describe('a person’s own home (item 9)', () => {
  it('shows a member the vote and meeting waiting for them, with the calendar file, and their arrears with how to pay', async () => {
    const ketua = sessions.ketua!;
    const startsAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const meeting = await call(app, ketua, 'POST', `/api/v1/coops/${coopId}/meetings`, { kind: 'regular', title: 'Rapat persiapan pameran', startsAt, location: 'Sanggar' });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const decision = await call(app, ketua, 'POST', `/api/v1/coops/${coopId}/decisions`, { kind: 'general', title: 'Ikut pameran kriya di Yogyakarta', body: 'Usulan pengurus.' });
    expect(decision.statusCode, decision.body).toBe(201);
    const opened = await call(app, ketua, 'POST', `/api/v1/coops/${coopId}/decisions/${decision.json().id}/open-vote`, { closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    expect(opened.statusCode, opened.body).toBe(200);

    const res = await fetch(`${server.url}/k/${slug}`, { headers: { cookie: sessions.anggota!.cookie } });
    const html = await res.text();
    const needs = html.slice(html.indexOf('id="needs-you"'), html.indexOf('id="full-menu"'));
    expect(needs).toContain('Berikan suara: No. ');
    expect(needs).toContain('Ikut pameran kriya di Yogyakarta');
    expect(needs).toContain(`href="/k/${slug}/keputusan/${decision.json().id}"`);
    expect(needs).toContain('Rapat persiapan pameran');
    const ics = new RegExp(`href="(/api/v1/coops/${coopId}/meetings/${meeting.json().id}/calendar\\.ics)"`).exec(needs);
    expect(ics).not.toBeNull();
    const cal = await fetch(`${server.url}${ics![1]}`, { headers: { cookie: sessions.anggota!.cookie } });
    expect(cal.headers.get('content-type')).toContain('text/calendar');
    expect(await cal.text()).toContain('BEGIN:VEVENT');
    // The demo member owes three months of simpanan wajib: the amount, and how to pay it.
    expect(needs).toMatch(/Simpanan wajib tertunggak Rp[\d.]+ \(\d+ periode\)/);
    expect(needs).toContain('Cara membayar');
    // The menu is there, folded below.
    expect(html).toMatch(/<details class="card home-menu[^"]*" id="full-menu">/);

    // Once the member has voted, the vote no longer waits for them.
    const anggota = sessions.anggota!;
    const voted = await call(app, anggota, 'POST', `/api/v1/coops/${coopId}/decisions/${decision.json().id}/ballots`, { choice: 'yes' });
    expect(voted.statusCode, voted.body).toBeLessThan(300);
    const after = await page('anggota', `/k/${slug}`);
    expect(after).not.toContain('Ikut pameran kriya di Yogyakarta');
  });

  it('puts an officer’s work queue first, and none for a plain member', async () => {
    const html = await (await fetch(`${server.url}/k/${slug}`, { headers: { cookie: sessions.ketua!.cookie } })).text();
    const queue = html.indexOf('id="work-queue"');
    expect(queue).toBeGreaterThan(0);
    expect(queue).toBeLessThan(html.indexOf('id="needs-you"'));
    const queueHtml = html.slice(queue, html.indexOf('id="needs-you"'));
    expect(queueHtml).toMatch(/data-queue="applications"[^]*permohonan anggota menunggu keputusan/);
    expect(queueHtml).toMatch(/data-queue="payments"/);
    expect(queueHtml).toMatch(/data-queue="minutes"/);
    const member = await (await fetch(`${server.url}/k/${slug}`, { headers: { cookie: sessions.anggota!.cookie } })).text();
    expect(member).not.toContain('id="work-queue"');
  });
});

describe('the general ledger on a phone (item 7)', () => {
  it('pages the ledger by account and month, and offers the whole of it as PDF and XLSX', async () => {
    const base = `/k/${slug}/buku/laporan/buku-besar`;
    const index = await fetch(`${server.url}${base}`, { headers: { cookie: sessions.bendahara!.cookie } });
    const html = await index.text();
    // No account chosen: a list of accounts, not every line of every account.
    expect(html).toContain('id="gl-accounts"');
    expect(html).not.toMatch(/href="\/k\/[^"]+\/buku\/jurnal\/[0-9a-f-]{36}"/);
    // The busiest account of the demo, month by month.
    const busiest = await t.db
      .selectFrom('journal_lines')
      .select(['account_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('coop_id', '=', coopId)
      .groupBy('account_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const link = new RegExp(`href="(\\?[^"]*accountId=${busiest.account_id}[^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toBeDefined();
    const url = new URL(`${server.url}${base}${link}`);
    // Its first month with lines within the page's period (the current financial year).
    const firstInPeriod = await t.db
      .selectFrom('journal_lines')
      .select((eb) => eb.fn.min('entry_date').as('d'))
      .where('coop_id', '=', coopId)
      .where('account_id', '=', busiest.account_id)
      .where(sql<boolean>`entry_date >= ${url.searchParams.get('from')!}::date`)
      .executeTakeFirstOrThrow();
    const d = firstInPeriod.d as unknown;
    const first = (d instanceof Date ? d.toISOString() : String(d)).slice(0, 7);
    url.searchParams.set('bulan', first);
    const monthPage = await (await fetch(url, { headers: { cookie: sessions.bendahara!.cookie } })).text();
    expect(monthPage).toContain('id="gl-months"');
    const dates = [...monthPage.matchAll(/<td class="date[^"]*">(\d{4}-\d{2}-\d{2})<\/td>/g)].map((m) => m[1]!);
    const monthEnd = new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const periodFrom = url.searchParams.get('from')!;
    const inMonth = await t.db
      .selectFrom('journal_lines')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('coop_id', '=', coopId)
      .where('account_id', '=', busiest.account_id)
      .where(sql<boolean>`entry_date BETWEEN greatest(${`${first}-01`}::date, ${periodFrom}::date) AND ${monthEnd}::date`)
      .executeTakeFirstOrThrow();
    // One linked row per journal line of the month (the opening and closing rows carry dates too).
    const lines = [...monthPage.matchAll(/href="\/k\/[^"]+\/buku\/jurnal\/[0-9a-f-]{36}"/g)].length;
    expect(lines).toBe(Number(inMonth.n));
    expect(lines).toBeGreaterThan(0);
    expect(dates.every((d) => d.startsWith(first))).toBe(true);
    // The downloads hold the whole period, every account.
    const xlsxHref = /data-testid="gl-xlsx"|href="([^"]+format=xlsx[^"]*)"/.exec(monthPage.slice(monthPage.indexOf('gl-xlsx') - 400))?.[1]?.replace(/&amp;/g, '&');
    expect(xlsxHref).toBeDefined();
    expect(xlsxHref).not.toContain('accountId');
    expect(xlsxHref).not.toContain('bulan');
    const xlsx = await fetch(`${server.url}${xlsxHref}`, { headers: { cookie: sessions.bendahara!.cookie } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheet');
  });
});
