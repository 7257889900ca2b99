import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD, seedCoop, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { addMember } from '../../src/members/add-member.js';

/**
 * Personal data in the browser at phone width (decision 0106): staff see a member's NIK and
 * birth date masked; the member downloads "Data saya" as JSON and PDF; after leaving, they
 * ask for erasure from /koperasi/<slug>/data-saya — all without JavaScript.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;
let memberId: string;
const NAME = 'Dewi Lestari Handayani';
const person = { email: 'dewi.lestari@contoh.id', password: PASSWORD };

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db);
  const acc = await createAccount(t.db, { name: NAME, email: person.email, password: PASSWORD });
  const m = await addMember(coop.ctx('ketua'), { fullName: NAME, gender: 'F', birthDate: '1995-08-17', nik: '3322015708950001', asStatus: 'active' });
  memberId = m.id;
  await t.db.updateTable('members').set({ account_id: acc.id }).where('id', '=', memberId).execute();
  await t.db.insertInto('coop_users').values({ coop_id: coop.id, account_id: acc.id, roles: ['anggota'] }).execute();
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('personal data in the browser', () => {
  it('shows staff the member list and record with NIK and birth date masked, within the phone width', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.staf);
    await page.goto(`${server.url}/k/${coop.slug}/anggota`);
    await expect(page.locator('main').textContent()).resolves.toContain(NAME);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto(`${server.url}/k/${coop.slug}/anggota/${memberId}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('3322********0001');
    expect(text).toContain('1995-**-**');
    expect(text).not.toContain('3322015708950001');
    await expect(page.locator('#member-masked').isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it("lets the member download 'Data saya' as JSON and PDF, then ask for erasure after leaving", async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, person);
    await page.goto(`${server.url}/k/${coop.slug}/saya`);
    await expect(page.locator('#my-data h2').textContent()).resolves.toBe('Data saya');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#my-data-json').click()]);
    const data = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(data).toMatchObject({ format: 'lumbung.personal-data.v1', member: { id: memberId, fullName: NAME, nik: '3322015708950001' } });
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('#my-data-pdf').click()]);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Leaving ends the member pages; the data page outside them still serves the leaver.
    await page.getByLabel('Alasan').fill('Pindah kota');
    await Promise.all([page.waitForURL(/\/daftar\?keluar=1/), page.getByRole('button', { name: 'Saya ingin keluar dari koperasi' }).click()]);
    await Promise.all([page.waitForURL(/\/data-saya$/), page.locator('#my-data-link').click()]);
    await page.getByLabel('Catatan').fill('Mohon hapus data saya');
    await page.getByRole('button', { name: 'Minta penghapusan data' }).click();
    await expect(page.locator('#erasure-requested').textContent()).resolves.toContain('Permintaan penghapusan data tercatat');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const row = await t.db.selectFrom('member_erasure_requests').select(['status', 'requested_via', 'note']).where('member_id', '=', memberId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', requested_via: 'member', note: 'Mohon hapus data saya' });
    await page.context().close();
  });
});
