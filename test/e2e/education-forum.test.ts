import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD } from '../support/fixtures.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { setMailer } from '../../src/governance/mailer.js';
import { createProgramme } from '../../src/education/create-programme.js';
import { addSession } from '../../src/education/add-session.js';
import { enrolParticipant } from '../../src/education/enrol.js';

/**
 * The peer-learning forum in Chromium at phone width without JavaScript (decision 0165): a
 * member of coop A opens a theme and a thread, a member of coop B replies, the first marks the
 * reply helpful, another member of B posts an advert, and A's ketua hides it with a reason —
 * which the member of B then sees only as a marker.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let a: GovCoop;
let b: GovCoop;

beforeAll(async () => {
  t = await createTestDb();
  setMailer(null);
  a = await seedGovernanceCoop(t.db, { members: 2, accounts: 2 });
  b = await seedGovernanceCoop(t.db, { members: 2, accounts: 2 });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

const voter = (c: GovCoop, i: number) => ({ email: c.voters[i]!.email!, password: PASSWORD });
const submit = async (page: import('playwright-core').Page, name: string) => Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).first().click()]);

describe('the peer-learning forum in the browser', () => {
  it('a theme of coop A gets a reply from coop B, marked helpful; A’s board hides an advert with a reason', async () => {
    // A member of coop A opens a theme (with a scheduled discussion) and a first thread.
    const pa = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(pa, server.url, voter(a, 0));
    await pa.goto(`${server.url}/k/${a.slug}/forum`);
    await pa.getByLabel('Judul tema').fill('Menentukan harga karya bersama');
    await pa.getByLabel('Pengantar pemantik').fill('Bagaimana koperasi Anda menghitung harga karya?');
    await pa.getByLabel('Tanggal diskusi terjadwal (boleh kosong)').fill('2030-05-01');
    await pa.getByLabel('Mulai (WIB)').fill('19:00');
    await pa.getByLabel('Selesai (WIB)').fill('21:00');
    await submit(pa, 'Buka tema baru');
    expect(pa.url()).toMatch(new RegExp(`/k/${a.slug}/forum/${a.id}/[0-9a-f-]{36}$`));
    const themePath = new URL(pa.url()).pathname.replace(`/k/${a.slug}/forum/`, '');
    await expect(pa.locator('.notice').textContent()).resolves.toContain('1 Mei 2030 19:00–21:00 WIB');
    await pa.getByLabel('Tulisan Anda').fill('Apakah jam kerja ikut dihitung?');
    await submit(pa, 'Buka utas');

    // A member of coop B finds it in their own coop's forum list and replies.
    const pb = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(pb, server.url, voter(b, 0));
    await pb.goto(`${server.url}/k/${b.slug}/forum`);
    await Promise.all([pb.waitForLoadState('load'), pb.getByRole('link', { name: 'Menentukan harga karya bersama' }).click()]);
    expect(pb.url()).toContain(`/k/${b.slug}/forum/${themePath}`);
    await pb.getByLabel('Balas').fill('Ya: Rp25.000 per jam, ditambah 10 % untuk dana bersama.');
    await submit(pb, 'Balas');
    const reply = pb.locator('[data-post]', { hasText: 'Rp25.000 per jam' });
    await expect(reply.textContent()).resolves.toContain(b.voters[0]!.name);

    // Another member of B posts an advert.
    const pb2 = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(pb2, server.url, voter(b, 1));
    await pb2.goto(`${server.url}/k/${b.slug}/forum/${themePath}`);
    await pb2.getByLabel('Balas').fill('Beli kain di toko kami, murah!');
    await submit(pb2, 'Balas');

    // The pemantik (A) marks B's reply helpful.
    await pa.goto(`${server.url}/k/${a.slug}/forum/${themePath}`);
    const replyA = pa.locator('[data-post]', { hasText: 'Rp25.000 per jam' });
    await Promise.all([pa.waitForLoadState('load'), replyA.getByRole('button', { name: 'Tandai membantu' }).click()]);
    await expect(pa.locator('[data-post]', { hasText: 'Rp25.000 per jam' }).locator('[data-helpful]').count()).resolves.toBe(1);

    // A's ketua hides the advert with a reason.
    const ketua = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(ketua, server.url, a.accounts.ketua);
    await ketua.goto(`${server.url}/k/${a.slug}/forum/${themePath}`);
    const advert = ketua.locator('[data-post]', { hasText: 'murah' });
    await advert.locator('summary', { hasText: 'Sembunyikan' }).click();
    await advert.getByLabel('Alasan menyembunyikan').fill('Iklan, bukan diskusi');
    await Promise.all([ketua.waitForLoadState('load'), advert.getByRole('button', { name: 'Sembunyikan' }).click()]);
    await expect(ketua.locator('[data-hidden]').textContent()).resolves.toContain('Iklan, bukan diskusi');

    // The member of B sees the reply helpful and the advert only as hidden, with the reason.
    await pb.reload();
    await expect(pb.locator('[data-post]', { hasText: 'Rp25.000 per jam' }).locator('[data-helpful]').count()).resolves.toBe(1);
    await expect(pb.locator('[data-hidden]').textContent()).resolves.toBe('Disembunyikan oleh pengurus: Iklan, bukan diskusi');
    expect(await pb.content()).not.toContain('murah');
    // Light on a phone: no scripts, fits 390 px.
    expect(await pb.locator('script').count()).toBe(0);
    expect(await pb.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The link in reply mails leads each reader to the theme under their own cooperative.
    await pb.goto(`${server.url}/forum/${themePath}`);
    expect(new URL(pb.url()).pathname).toBe(`/k/${b.slug}/forum/${themePath}`);
    if (process.env.FORUM_SCREENSHOT) await pb.screenshot({ path: process.env.FORUM_SCREENSHOT, fullPage: true });
  });

  it('the facilitator uploads a material on the session page; an enrolled member downloads it, others cannot', async () => {
    const ketua = a.ctx('ketua');
    const programme = await createProgramme(ketua, { title: 'Literasi keuangan', kind: 'literasi_keuangan', audience: 'members' });
    const session = await addSession(ketua, programme.id, { topic: 'Anggaran keluarga', startsAt: '2030-02-01T09:00:00+07:00', endsAt: '2030-02-01T11:00:00+07:00' });
    await enrolParticipant(ketua, programme.id, { memberId: a.voters[0]!.memberId });
    const board = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(board, server.url, a.accounts.ketua);
    await board.goto(`${server.url}/k/${a.slug}/pendidikan/sesi/${session.id}`);
    const pdf = Buffer.from('%PDF-1.4\n% materi\n%%EOF\n');
    await board.setInputFiles('#material-file', { name: 'Modul anggaran.pdf', mimeType: 'application/pdf', buffer: pdf });
    await submit(board, 'Unggah');
    const link = board.locator('[data-material="Modul anggaran.pdf"] a');
    const href = await link.getAttribute('href');
    // A file whose content is not an accepted type is refused with the reason, even named .pdf.
    await board.setInputFiles('#material-file', { name: 'bukan.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x4d, 0x5a, 0x00, 0x01, 0xff]) });
    await submit(board, 'Unggah');
    await expect(board.locator('[role=alert]').textContent()).resolves.toBeTruthy();
    const enrolled = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(enrolled, server.url, voter(a, 0));
    const got = await enrolled.request.get(`${server.url}${href}`);
    expect(got.status()).toBe(200);
    expect(Buffer.from(await got.body()).equals(pdf)).toBe(true);
    const other = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(other, server.url, voter(a, 1));
    expect((await other.request.get(`${server.url}${href}`)).status()).toBe(403);
  });
});
