import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/cli/demo.js';

/**
 * The cart with JavaScript OFF on a phone: add from product pages (a Busana size/colour and an
 * event seat), change a quantity, remove a line; the cart lives in a cookie that holds only ids
 * and quantities, so a doctored cookie cannot set a price; the member price appears only for a
 * signed-in active member. The storefront and product pages stay light and script-free.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

const cookieName = `lumbung_cart_${DEMO_SLUG}`;
const rupiah = (n: number) => `Rp${new Intl.NumberFormat('id-ID').format(n)}`;

/** The bytes a first visit downloads: the HTML and the stylesheets it links (there are no scripts). */
async function pageWeight(url: string): Promise<number> {
  const html = await (await fetch(url)).text();
  let total = Buffer.byteLength(html);
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (href && /rel="stylesheet"/.test(tag)) total += (await (await fetch(new URL(href, url))).arrayBuffer()).byteLength;
  }
  return total;
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

describe('the cart without JavaScript', () => {
  it('adds, changes and removes lines through plain forms, priced on the server', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko/kemeja-batik-tulis-parang`);
    // Sold-out variants cannot be picked.
    await expect(page.getByRole('radio', { name: /^XL \/ Indigo/ }).isDisabled()).resolves.toBe(true);
    await page.getByRole('radio', { name: /^L \/ Sogan/ }).check();
    await Promise.all([page.waitForURL(/\/keranjang\?ditambah=1$/), page.getByRole('button', { name: 'Masukkan ke keranjang' }).click()]);
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko/malam-keroncong-kali-code`);
    await Promise.all([page.waitForURL(/\/keranjang/), page.getByRole('button', { name: 'Masukkan ke keranjang' }).click()]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('[data-line]').count()).toBe(2);
    await expect(page.locator('[data-cart-total]').textContent()).resolves.toBe(rupiah(650_000 + 50_000));

    // Change the ticket quantity and press Enter: the whole-cart form updates (not "remove").
    const ticketQty = page.locator('[data-line]').nth(1).getByLabel('Jumlah');
    await ticketQty.fill('3');
    await Promise.all([page.waitForURL(/\/keranjang$/), ticketQty.press('Enter')]);
    expect(await page.locator('[data-line]').count()).toBe(2);
    await expect(page.locator('[data-cart-total]').textContent()).resolves.toBe(rupiah(650_000 + 3 * 50_000));

    // Asking for more than is in stock is flagged and blocks checkout.
    const shirtQty = page.locator('[data-line]').nth(0).getByLabel('Jumlah');
    await shirtQty.fill('9');
    await Promise.all([page.waitForURL(/\/keranjang$/), page.getByRole('button', { name: 'Perbarui jumlah' }).click()]);
    const left = await t.db.selectFrom('work_variants').select('stock').where('size', '=', 'L').where('colour', '=', 'Sogan').executeTakeFirstOrThrow();
    expect(left.stock).toBeLessThan(9);
    await expect(page.getByText(`Stok tinggal ${left.stock}.`).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('link', { name: 'Lanjut ke pembayaran' }).count()).toBe(0);

    // Remove the shirt.
    await Promise.all([page.waitForURL(/\/keranjang$/), page.locator('[data-line]').nth(0).getByRole('button', { name: 'Hapus' }).click()]);
    expect(await page.locator('[data-line]').count()).toBe(1);
    await expect(page.locator('[data-cart-total]').textContent()).resolves.toBe(rupiah(3 * 50_000));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The cookie holds ids and quantities only.
    const cookie = (await page.context().cookies()).find((c) => c.name === cookieName)!;
    const stored = JSON.parse(Buffer.from(cookie.value, 'base64url').toString('utf8')) as Record<string, unknown>[];
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0]!).sort()).toEqual(['q', 'w']);
    expect(stored[0]!.q).toBe(3);

    // A doctored cookie with a price is priced from the catalogue anyway; a broken one is an empty cart.
    const doctored = Buffer.from(JSON.stringify([{ ...stored[0], price: 1, unitPrice: 1, p: 1 }])).toString('base64url');
    await page.context().addCookies([{ ...cookie, value: doctored }]);
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/keranjang`);
    await expect(page.locator('[data-cart-total]').textContent()).resolves.toBe(rupiah(3 * 50_000));
    await page.context().addCookies([{ ...cookie, value: 'bm90LWpzb24' }]);
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/keranjang`);
    await expect(page.getByText('Keranjang Anda kosong.').isVisible()).resolves.toBe(true);
  });

  it('prices the cart at the member price only for a signed-in active member', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, { email: 'anggota@lumbung.test', password: DEMO_PASSWORD });
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko/malam-keroncong-kali-code`);
    await Promise.all([page.waitForURL(/\/keranjang/), page.getByRole('button', { name: 'Masukkan ke keranjang' }).click()]);
    await expect(page.locator('[data-cart-total]').textContent()).resolves.toBe(rupiah(35_000));
    await expect(page.getByText('Anda anggota aktif: harga anggota berlaku.').isVisible()).resolves.toBe(true);
    // The checkout form is prefilled from the account.
    await Promise.all([page.waitForURL(/\/bayar$/), page.getByRole('link', { name: 'Lanjut ke pembayaran' }).click()]);
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe('anggota@lumbung.test');
    await expect(page.locator('[data-checkout-total]').textContent()).resolves.toBe(rupiah(35_000));

    // She pays cash at the coop; later she finds the order under "Pesanan saya" by its number, without the secret link.
    await page.getByRole('radio', { name: /^Tunai/ }).check();
    await Promise.all([page.waitForURL(/\/pesanan\/[A-Za-z0-9_-]{20,}$/), page.getByRole('button', { name: /^Pesan/ }).click()]);
    const orderNo = (await page.getByRole('heading', { level: 1 }).textContent())!.replace(/^Pesanan\s+/, '').trim();
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/pesanan`);
    await Promise.all([page.waitForURL(new RegExp(`/pesanan/${orderNo}$`)), page.locator(`[data-my-orders] [data-order="${orderNo}"] a`).click()]);
    await expect(page.locator('[data-order-total]').getAttribute('data-order-total')).resolves.toBe('35000');
    // The number alone opens nothing for anybody else.
    const stranger = await phonePage(browser, { javaScriptEnabled: false });
    expect((await stranger.goto(`${server.url}/koperasi/${DEMO_SLUG}/pesanan/${orderNo}`))!.status()).toBe(404);
    await signInThroughForm(stranger, server.url, { email: 'pengawas@lumbung.test', password: DEMO_PASSWORD });
    expect((await stranger.goto(`${server.url}/koperasi/${DEMO_SLUG}/pesanan/${orderNo}`))!.status()).toBe(404);
  });

  it('keeps the storefront and product pages light and script-free at phone width', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    const sizes: Record<string, number> = {};
    for (const [name, path] of [
      ['storefront', `/koperasi/${DEMO_SLUG}/toko`],
      ['product (Busana)', `/koperasi/${DEMO_SLUG}/toko/kemeja-batik-tulis-parang`],
      ['product (event)', `/koperasi/${DEMO_SLUG}/toko/malam-keroncong-kali-code`],
      ['cart (empty)', `/koperasi/${DEMO_SLUG}/keranjang`]
    ] as const) {
      await page.goto(`${server.url}${path}`);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      sizes[name] = await pageWeight(`${server.url}${path}`);
    }
    console.log(`page weights (HTML + CSS, uncompressed bytes): ${JSON.stringify(sizes)}`);
    for (const bytes of Object.values(sizes)) expect(bytes).toBeLessThan(40_000);
  });
});
