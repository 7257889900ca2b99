import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/cli/demo.js';

/**
 * A visitor on a phone, with JavaScript off, searches the demo cooperative's storefront
 * through its GET form, filters by line and opens a product page; a signed-in active member
 * sees the member price. The pages ship no script and stay light.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

/** Bytes on the wire (node:http does not decompress) for a GET asking for brotli or gzip, or not. */
function wireBytes(url: string, compressed: boolean): Promise<{ bytes: number; text: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: compressed ? { 'accept-encoding': 'br, gzip' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        const text = enc === 'br' ? brotliDecompressSync(body).toString() : enc === 'gzip' ? gunzipSync(body).toString() : body.toString();
        resolve({ bytes: body.length, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The bytes a first visit downloads — the HTML and the stylesheets it links (there are no
 * scripts) — as a browser asking for brotli/gzip receives them (decision 0140), and uncompressed.
 */
async function pageWeight(url: string): Promise<{ compressed: number; plain: number }> {
  const [html, plainHtml] = await Promise.all([wireBytes(url, true), wireBytes(url, false)]);
  let compressed = html.bytes;
  let plain = plainHtml.bytes;
  for (const [tag] of html.text!.matchAll(/<link\b[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (href && /rel="stylesheet"/.test(tag)) {
      compressed += (await wireBytes(new URL(href, url).href, true)).bytes;
      plain += (await wireBytes(new URL(href, url).href, false)).bytes;
    }
  }
  return { compressed, plain };
}

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('the public storefront on a phone without JavaScript', () => {
  it('searches, filters by line and opens a product page', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}`);
    await Promise.all([page.waitForURL(/\/toko$/), page.getByRole('link', { name: 'Kunjungi toko' }).click()]);
    // Nine of the ten demo works are published; the draft is not shown.
    await expect(page.getByText('9 karya').isVisible()).resolves.toBe(true);
    expect(await page.getByText('Kaos Lumbung Sari').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    const storeBytes = await pageWeight(page.url());

    await page.getByLabel('Cari karya').fill('kali code');
    await Promise.all([page.waitForURL(/q=kali\+code/), page.getByRole('button', { name: 'Cari' }).click()]);
    const titles = await page.locator('.works h2').allTextContents();
    expect(titles.sort()).toEqual(['Keroncong Kali Code', 'Malam Keroncong Kali Code']);

    await page.getByLabel('Lini produk').selectOption('agenda');
    await Promise.all([page.waitForURL(/lini=agenda/), page.getByRole('button', { name: 'Cari' }).click()]);
    expect(await page.locator('.works h2').allTextContents()).toEqual(['Malam Keroncong Kali Code']);

    await Promise.all([page.waitForURL(/\/toko\/malam-keroncong-kali-code$/), page.getByRole('link', { name: 'Malam Keroncong Kali Code' }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Malam Keroncong Kali Code');
    await expect(page.locator('.price').textContent()).resolves.toContain('Rp50.000');
    await expect(page.getByText('oleh Sri Wahyuni, Dewi Lestari').or(page.getByText('oleh Dewi Lestari, Sri Wahyuni')).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Kapasitas 150 orang').isVisible()).resolves.toBe(true);
    expect(await page.locator('script').count()).toBe(0);
    // No horizontal scrolling at phone width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const productBytes = await pageWeight(page.url());
    console.log(
      `storefront page: ${storeBytes.compressed} bytes compressed (${storeBytes.plain} uncompressed); product page: ${productBytes.compressed} bytes compressed (${productBytes.plain} uncompressed) — HTML + stylesheets`
    );
    expect(storeBytes.plain).toBeLessThan(40_000);
    expect(productBytes.plain).toBeLessThan(40_000);
    // What a phone downloads on a first visit: compressed, well under the 40 kB budget.
    expect(storeBytes.compressed).toBeLessThan(15_000);
    expect(productBytes.compressed).toBeLessThan(15_000);
    expect(storeBytes.compressed).toBeLessThan(storeBytes.plain / 2);
  });

  it('shows a Busana work with its sizes, colours and stock', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko/kemeja-batik-tulis-parang`);
    const rows = await page.locator('table tbody tr').allTextContents();
    expect(rows).toHaveLength(5);
    expect(rows[4]).toContain('Habis');
  });

  it('gives a signed-in active member the member price', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, { email: 'anggota@lumbung.test', password: DEMO_PASSWORD });
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko/malam-keroncong-kali-code`);
    await expect(page.locator('.price').getAttribute('data-price-kind')).resolves.toBe('member');
    await expect(page.locator('.price').textContent()).resolves.toContain('Rp35.000');
  });

  it('lets the board enter a work through the forms, refusing shares that do not make 100%', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, { email: 'sekretaris@lumbung.test', password: DEMO_PASSWORD });
    await page.goto(`${server.url}/k/${DEMO_SLUG}/karya`);
    await page.getByRole('link', { name: 'Tambah karya' }).click();
    await page.getByRole('radio', { name: /Aksara/ }).check();
    await Promise.all([page.waitForURL(/lini=aksara/), page.getByRole('button', { name: 'Lanjut' }).click()]);
    await page.getByLabel('Judul').fill('Catatan Pasar Legi');
    await page.getByLabel('Harga umum (Rp)').fill('45.000');
    await page.getByLabel('Halaman').fill('64');
    await page.getByLabel('Anggota 1').selectOption({ index: 1 });
    await page.getByLabel('Bagian (%)').first().fill('60');
    await page.getByLabel('Anggota 2').selectOption({ index: 2 });
    await page.getByLabel('Bagian (%)').nth(1).fill('30');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect(page.getByText('Jumlah persentase harus tepat 100% (10.000 basis poin).').isVisible()).resolves.toBe(true);
    expect(await t.db.selectFrom('works').select('id').where('title', '=', 'Catatan Pasar Legi').execute()).toHaveLength(0);
    await page.getByLabel('Bagian (%)').nth(1).fill('40');
    await Promise.all([page.waitForURL(/selesai=saved/), page.getByRole('button', { name: 'Simpan' }).click()]);
    await Promise.all([page.waitForURL(/selesai=published/), page.getByRole('button', { name: 'Terbitkan' }).click()]);
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko?q=pasar+legi&lini=aksara`);
    expect(await page.locator('.works h2').allTextContents()).toEqual(['Catatan Pasar Legi']);
  });
});
