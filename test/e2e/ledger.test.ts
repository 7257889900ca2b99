import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer, waitForHydration } from '../support/web.js';

let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;

async function submit(page: Page, button: ReturnType<Page['locator']>): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), button.click()]);
}

async function entries(): Promise<{ description: string; total: number }[]> {
  return t.db.selectFrom('journal_entries').select(['description', 'total']).where('coop_id', '=', coop.id).execute();
}

async function fillLine(page: Page, i: number, account: string, side: 'debit' | 'credit', amount: string): Promise<void> {
  await page.locator(`select[name="lines.${i}.account"]`).selectOption(account);
  await page.locator(`input[name="lines.${i}.${side}"]`).fill(amount);
}

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db, { name: 'Koperasi Batik Giriloyo' });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('the books in the browser', () => {
  it('refuses an unbalanced entry with a clear message and writes nothing, then posts it balanced without JavaScript', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.bendahara);
    await page.goto(`${server.url}/k/${coop.slug}/buku/jurnal/baru`);
    await page.getByLabel('Tanggal').first().fill('2025-03-14');
    await page.getByLabel('Keterangan').fill('Penjualan kain batik di pameran');
    await fillLine(page, 0, '1.1.01', 'debit', '1.250.000');
    await fillLine(page, 1, '4.2.01', 'credit', '1.200.000');
    await submit(page, page.getByRole('button', { name: 'Bukukan' }));
    const alert = await page.getByRole('alert').first().textContent();
    expect(alert).toContain('Jurnal tidak seimbang');
    expect(alert).toContain('Rp');
    expect(await entries()).toEqual([]);
    // What was typed survives; fix the credit and post.
    await expect(page.locator('input[name="lines.0.debit"]').inputValue()).resolves.toBe('1.250.000');
    await page.locator('input[name="lines.1.credit"]').fill('1.250.000');
    await submit(page, page.getByRole('button', { name: 'Bukukan' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('Jurnal tersimpan');
    expect(await entries()).toEqual([{ description: 'Penjualan kain batik di pameran', total: 1_250_000 }]);
    await page.context().close();
  });

  it('shows the running balance while typing, and the balance sheet with the figures', async () => {
    const page = await phonePage(browser);
    await signInThroughForm(page, server.url, coop.accounts.bendahara);
    await page.goto(`${server.url}/k/${coop.slug}/buku/jurnal/baru`);
    // Type only once the page is hydrated (the live check runs in the browser).
    await waitForHydration(page);
    await page.getByLabel('Tanggal').first().fill('2025-04-02');
    await page.getByLabel('Keterangan').fill('Beli peralatan canting');
    await fillLine(page, 0, '1.2.01', 'debit', '400000');
    await expect.poll(() => page.getByTestId('balance').textContent()).toContain('Belum seimbang');
    await fillLine(page, 1, '1.1.01', 'credit', '400000');
    await expect.poll(() => page.getByTestId('balance').textContent()).toContain('Seimbang');
    await Promise.all([page.waitForURL(/selesai=posted/), page.getByRole('button', { name: 'Bukukan' }).click()]);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Jurnal tersimpan');

    await page.goto(`${server.url}/k/${coop.slug}/buku/laporan/posisi-keuangan?from=2025-01-01&to=2025-12-31`);
    const cash = page.getByRole('row').filter({ hasText: 'Kas' }).first();
    expect((await cash.textContent())?.replace(/\s/g, ' ')).toContain('Rp850.000');
    const assets = page.getByRole('row').filter({ hasText: /JUMLAH ASET/ });
    expect((await assets.textContent())?.replace(/\s/g, ' ')).toContain('Rp1.250.000');
    await expect(page.locator('.badge.pass').textContent()).resolves.toContain('Cocok');
    const download = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh PDF' }).click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toBe('posisi-keuangan_2025-01-01_2025-12-31.pdf');
    await page.context().close();
  });

  it('keeps the form away from a member without a finance role', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.anggota);
    const res = await page.goto(`${server.url}/k/${coop.slug}/buku/jurnal/baru`);
    expect(res?.status()).toBe(403);
    await page.context().close();
  });
});
