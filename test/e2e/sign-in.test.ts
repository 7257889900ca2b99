import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';

let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db, { name: 'Koperasi Seni Rupa Kotagede' });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('signing in through the web page', () => {
  it('shows a translated error for a wrong password, without JavaScript', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/masuk`);
    await page.getByLabel('Email atau nomor HP').fill(coop.accounts.ketua.email);
    await page.getByLabel('Kata sandi').fill('bukan-kata-sandinya');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('kata sandi salah');
    await page.context().close();
  });

  it('signs in without JavaScript and switches the interface to English and back', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    expect(new URL(page.url()).pathname).toBe(`/k/${coop.slug}`);
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('heading', { name: 'Koperasi saya' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'My cooperatives' }).count()).resolves.toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await expect(page.getByRole('heading', { name: 'Koperasi saya' }).count()).resolves.toBe(1);
    await page.context().close();
  });
});
