import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, testApp, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import type { App } from '../../src/server/types.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { setEventSettings } from '../../src/events/set-event-settings.js';

/**
 * In a real browser on a phone with JavaScript OFF: a visitor registers for a free event and
 * gets a ticket page with a QR code; the staf checks the ticket in by pasting its address into
 * the scanner form; a second scan is rejected on screen; the attendance page adds up.
 * Needs a build (npm run build).
 */
let t: TestDb;
let app: App;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let a: SeededCoop;
let ev: { id: string; slug: string };
const SHOTS = process.env.LUMBUNG_SHOTS;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  const m = await addMember(a.ctx('ketua'), { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' });
  const w = await createWork(a.ctx('ketua'), {
    productLine: 'agenda',
    title: 'Lokakarya Cukil Kayu',
    description: 'Belajar cukil kayu bersama.',
    publicPrice: 25_000,
    attributes: { kind: 'workshop' },
    event: { startsAt: '2026-12-20T09:00:00+07:00', venue: 'Balai RW 05', capacity: 2 },
    creators: [{ memberId: m.id, creditName: 'Sri', shareBp: 10_000 }]
  });
  await publishWork(a.ctx('ketua'), w.id);
  await setEventSettings(a.ctx('ketua'), w.id, { freeRegistration: true });
  ev = { id: w.id, slug: w.slug };
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
  await t?.drop();
});

describe('events in the browser without JavaScript', () => {
  it('registers, shows the ticket QR, checks it in once, rejects the second scan and reports attendance', async () => {
    const visitor = await phonePage(browser, { javaScriptEnabled: false });
    // From the event's own page in the storefront: seats left, a map link and a "Daftar" button (no typing of addresses).
    await visitor.goto(`${server.url}/koperasi/${a.slug}/toko/${ev.slug}`);
    await expect(visitor.locator('[data-seats-left]').getAttribute('data-seats-left')).resolves.toBe('2');
    await expect(visitor.getByRole('link', { name: 'Lihat peta' }).getAttribute('href')).resolves.toBe('https://www.google.com/maps/search/?api=1&query=Balai%20RW%2005');
    await Promise.all([visitor.waitForURL(new RegExp(`/tiket/daftar/${ev.slug}$`)), visitor.locator('[data-free-register]').click()]);
    await visitor.getByLabel('Nama / Name').fill('Ani Lestari');
    await visitor.getByLabel('Email').fill('ani@contoh.id');
    await Promise.all([visitor.waitForURL(/\/tiket\/[A-Za-z0-9_-]{43}$/), visitor.getByRole('button', { name: 'Daftar' }).click()]);
    expect(await visitor.locator('figure.qr svg').count()).toBe(1);
    // The ticket says the day AND the time (WIB), and links the venue to a map.
    await expect(visitor.locator('[data-when]').textContent()).resolves.toMatch(/20 Desember 2026.*09[.:]00 WIB$/);
    await expect(visitor.getByRole('link', { name: 'Lihat peta' }).count()).resolves.toBe(1);
    expect(await visitor.locator('script').count()).toBe(0);
    const ticketUrl = visitor.url();
    if (SHOTS) await visitor.screenshot({ path: `${SHOTS}/ticket.png`, fullPage: true });

    // The other seat goes by API; then the event is full and the form offers the waitlist.
    expect((await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/registrations`, { name: 'Budi', email: 'budi@contoh.id' })).statusCode).toBe(201);
    await visitor.goto(`${server.url}/koperasi/${a.slug}/toko/${ev.slug}`);
    await expect(visitor.locator('[data-seats-left]').getAttribute('data-seats-left')).resolves.toBe('0');
    expect(await visitor.locator('[data-free-register]').count()).toBe(0);
    await visitor.goto(`${server.url}/koperasi/${a.slug}/tiket/daftar/${ev.slug}`);
    await visitor.getByLabel('Nama / Name').fill('Citra');
    await visitor.getByLabel('Email').fill('citra@contoh.id');
    await Promise.all([visitor.waitForURL(/antrean=1/), visitor.getByRole('button', { name: 'Masuk antrean' }).click()]);
    await expect(visitor.getByRole('status').textContent()).resolves.toContain('antrean nomor 1');

    const staf = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(staf, server.url, a.accounts.staf);
    await staf.goto(`${server.url}/k/${a.slug}/acara/${ev.id}/pindai`);
    await staf.getByLabel('Kode tiket').fill(ticketUrl);
    await staf.getByRole('button', { name: 'Periksa' }).click();
    await expect(staf.locator('.scan-result').getAttribute('data-result')).resolves.toBe('admitted');
    await expect(staf.locator('.scan-result').textContent()).resolves.toContain('Ani Lestari');
    if (SHOTS) await staf.screenshot({ path: `${SHOTS}/scan-ok.png`, fullPage: true });

    await staf.goto(`${server.url}/k/${a.slug}/acara/${ev.id}/pindai`);
    await staf.getByLabel('Kode tiket').fill(ticketUrl.split('/').pop()!);
    await staf.getByRole('button', { name: 'Periksa' }).click();
    await expect(staf.locator('.scan-result').getAttribute('data-result')).resolves.toBe('TICKET_ALREADY_USED');
    if (SHOTS) await staf.screenshot({ path: `${SHOTS}/scan-dup.png`, fullPage: true });

    await staf.goto(`${server.url}/k/${a.slug}/acara/${ev.id}`);
    await expect(staf.getByTestId('sold').textContent()).resolves.toBe('2');
    await expect(staf.getByTestId('attendees').textContent()).resolves.toBe('1');
    await expect(staf.getByTestId('noshows').textContent()).resolves.toBe('1');
    if (SHOTS) await staf.screenshot({ path: `${SHOTS}/attendance.png`, fullPage: true });
    await staf.goto(`${server.url}/k/${a.slug}/acara`);
    if (SHOTS) await staf.screenshot({ path: `${SHOTS}/events.png`, fullPage: true });
    await staf.goto(`${server.url}/k/${a.slug}/produksi`);
    if (SHOTS) await staf.screenshot({ path: `${SHOTS}/production.png`, fullPage: true });
  });

  it('logs hours typed as "1,5" on the production page and shows the totals (no JavaScript)', async () => {
    const ketua = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(ketua, server.url, a.accounts.ketua);
    await ketua.goto(`${server.url}/k/${a.slug}/produksi`);
    await ketua.getByLabel('Proyek produksi', { exact: true }).fill('Rekaman Album Kampung');
    await Promise.all([ketua.waitForURL(/\/produksi\/[0-9a-f-]{36}$/), ketua.getByRole('button', { name: 'Tambah' }).click()]);
    await ketua.locator('#lhours').fill('1,5');
    await Promise.all([ketua.waitForLoadState('load'), ketua.locator('form[action="?/log"] button').click()]);
    await ketua.locator('#camount').fill('150.000');
    await ketua.locator('#cdesc').fill('Sewa mikrofon');
    await Promise.all([ketua.waitForLoadState('load'), ketua.locator('form[action="?/cost"] button').click()]);
    await expect(ketua.getByTestId('total-hours').textContent()).resolves.toBe('1 j 30 m');
    await expect(ketua.getByTestId('total-cost').textContent()).resolves.toMatch(/^Rp\s?150\.000$/);
    if (SHOTS) await ketua.screenshot({ path: `${SHOTS}/project.png`, fullPage: true });
    await ketua.goto(`${server.url}/k/${a.slug}/rekonsiliasi`);
    await expect(ketua.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Antrean rekonsiliasi pembayaran');
    if (SHOTS) await ketua.screenshot({ path: `${SHOTS}/reconciliation.png`, fullPage: true });
  });
});
