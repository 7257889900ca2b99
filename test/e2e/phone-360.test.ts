import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/cli/demo.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, signInThroughForm, startWebServer } from '../support/web.js';

/**
 * Issue 14 at the narrowest common phone, 360 px, on the demo cooperative, without JavaScript:
 * the savings statement's receipt numbers are whole on the screen (item 7), the general ledger
 * is a page of one account and one month, not 85,000 px (item 7), and the home page fits (item 9).
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
const slug = 'lumbung-sari';

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

async function phone360(who: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false, locale: 'id-ID' });
  const page = await context.newPage();
  await signInThroughForm(page, server.url, { email: `${who}@lumbung.test`, password: DEMO_PASSWORD });
  return page;
}

describe('pages at 360 px', () => {
  it('shows every receipt number of the member’s statement whole, inside the screen', async () => {
    const page = await phone360('anggota');
    await page.goto(`${server.url}/k/${slug}/saya`);
    const links = page.locator('table[data-statement] td:last-child a');
    expect(await links.count()).toBeGreaterThan(3);
    for (const box of await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })))) {
      expect(box.right).toBeLessThanOrEqual(360);
    }
    const wrap = await page.locator('table[data-statement]').evaluate((el) => ({ scroll: el.parentElement!.scrollWidth, client: el.parentElement!.clientWidth }));
    expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
    await page.context().close();
  });

  it('keeps the general ledger page short: a list of accounts, then one account’s month', async () => {
    const page = await phone360('bendahara');
    await page.goto(`${server.url}/k/${slug}/buku/laporan/buku-besar`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(6000);
    await page.locator('#gl-accounts a').first().click();
    await page.waitForSelector('#gl-months');
    // The form's dates stay the whole period, not the month shown: sending it again keeps every month.
    expect(await page.locator('#bulan option').count()).toBeGreaterThan(1);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tampilkan' }).click()]);
    expect(await page.locator('#bulan option').count()).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(6000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('fits the home page of a member and of the ketua in the width of the screen', async () => {
    for (const who of ['anggota', 'ketua']) {
      const page = await phone360(who);
      await page.goto(`${server.url}/k/${slug}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), who).toBeLessThanOrEqual(360);
      await page.context().close();
    }
  });

  it('lets a person apply with their village picked by name, province to village, and RT/RW, without JavaScript', async () => {
    await createAccount(t.db, { name: 'Ratih Kusuma', email: 'ratih@lumbung.test', password: DEMO_PASSWORD });
    const page = await phone360('ratih');
    await page.goto(`${server.url}/koperasi/${slug}/daftar`);
    await page.getByLabel('Nama lengkap').fill('Ratih Kusuma');
    await page.getByLabel('Jenis kelamin').selectOption('F');
    // No code typing: each level lists the names under the one chosen.
    expect(await page.locator('input[name="villageCode"]').count()).toBe(0);
    const pick = async (field: string, label: string) => {
      await page.locator(`select#${field}`).selectOption({ label });
      await Promise.all([page.waitForLoadState('load'), page.locator(`select#${field} + button[name="pilih"]`).click()]);
    };
    await pick('provinceCode', 'Daerah Istimewa Yogyakarta');
    await pick('regencyCode', 'Kabupaten Bantul');
    await pick('districtCode', 'Jetis');
    await page.locator('select#villageCode').selectOption({ label: 'Patalan' });
    // What was typed before picking is still there.
    expect(await page.getByLabel('Nama lengkap').inputValue()).toBe('Ratih Kusuma');
    await page.getByLabel('RT', { exact: true }).fill('4');
    await page.getByLabel('RW', { exact: true }).fill('7');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await Promise.all([page.waitForLoadState('load'), page.locator('form[action="?/kirim"] button[type="submit"]:not(.offscreen):not([name="pilih"])').last().click()]);
    await page.waitForSelector('#apply-sent');
    const row = await t.db.selectFrom('members').select(['village_code', 'rt', 'rw', 'status']).where('full_name', '=', 'Ratih Kusuma').executeTakeFirstOrThrow();
    expect(row).toEqual({ village_code: '34.02.09.2001', rt: 4, rw: 7, status: 'applicant' });
    await page.context().close();
  });

  it('records an excused absence (izin) from the minutes page, and the minutes list it apart, without JavaScript', async () => {
    const meeting = await t.db.selectFrom('meetings').select('id').where('title', '=', 'Rapat bulanan dan kelas menulis').executeTakeFirstOrThrow();
    const page = await phone360('sekretaris');
    await page.goto(`${server.url}/k/${slug}/rapat/${meeting.id}/notulen`);
    const name = (await page.locator('#excuse-member option').first().textContent())!.replace(/^\d+ · /, '');
    await page.getByLabel('Alasan (boleh kosong)').fill('Sakit');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Catat izin' }).click()]);
    await expect(page.locator('#excused').textContent()).resolves.toContain(`${name} (Sakit)`);
    await expect(page.locator('#absentees').textContent()).resolves.not.toContain(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});
