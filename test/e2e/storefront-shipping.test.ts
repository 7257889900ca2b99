import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/cli/demo.js';
import { withTenant } from '../../src/db/tenant.js';

/**
 * A storefront that sells, in the browser at phone width and without JavaScript (decision
 * 0155): a buyer in Bali orders a batik shirt from the Yogyakarta demo coop, picks the address
 * with the region picker (no code typed), chooses the courier (priced for Bali by weight),
 * pays by bank transfer to an account shown with the exact amount and its unique code, in
 * WITA; the bendahara confirms the transfer and ships it with a resi; the buyer's page then
 * shows the resi. Screenshots of the pages go to SCREENSHOT_DIR when it is set.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coopId: string;
const SHIRT = 'kemeja-batik-tulis-parang';
const shots = process.env.SCREENSHOT_DIR;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  coopId = (await t.db.selectFrom('coops').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()).id;
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('a shirt shipped by courier to another province, paid by transfer', () => {
  it('region picker → courier price → transfer details in the buyer’s zone → bendahara confirms and ships → the buyer sees the resi', async () => {
    const buyer = await phonePage(browser, { javaScriptEnabled: false });
    await buyer.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko/${SHIRT}`);
    await buyer.getByRole('radio', { name: /^M \/ Sogan/ }).check();
    await Promise.all([buyer.waitForURL(/\/keranjang/), buyer.getByRole('button', { name: 'Masukkan ke keranjang' }).click()]);
    await Promise.all([buyer.waitForURL(/\/bayar$/), buyer.getByRole('link', { name: 'Lanjut ke pembayaran' }).click()]);
    const goods = Number((await buyer.locator('[data-checkout-total]').textContent())!.replace(/\D/g, ''));
    await buyer.getByLabel('Nama').fill('Made Wirawan');
    await buyer.getByLabel('Email').fill('made@contoh.test');
    await buyer.getByLabel('Nomor HP/WA').fill('081338000111');
    // Before an address is chosen the courier cannot be priced.
    expect(await buyer.getByRole('radio', { name: /^Kurir/ }).isDisabled()).toBe(true);

    // The region picker: each "Pilih" reloads the level below, keeping what was typed.
    const pick = async (field: string, code: string, level: number) => {
      await buyer.locator(`select[name="${field}"]`).selectOption(code);
      await Promise.all([buyer.waitForLoadState('load'), buyer.locator('[data-shipping] button.secondary').nth(level).click()]);
    };
    await pick('provinceCode', '51', 0);
    await expect(buyer.getByLabel('Nama').inputValue()).resolves.toBe('Made Wirawan');
    await pick('regencyCode', '51.71', 1);
    const district = await buyer.locator('select[name="districtCode"] option').nth(1).getAttribute('value');
    await pick('districtCode', district!, 2);
    await buyer.getByLabel(/Jalan, nomor rumah/).fill('Jl. Gunung Agung No. 18');
    await buyer.getByLabel('Kode pos').fill('80117');
    // Own delivery does not reach Bali; the courier does, priced by Bali's rate for one kilogram.
    expect(await buyer.getByRole('radio', { name: /^Diantar koperasi/ }).isDisabled()).toBe(true);
    const courierCost = Number((await buyer.locator('[data-ship-cost="courier"]').textContent())!.replace(/\D/g, ''));
    expect(courierCost).toBe(24_000);
    await buyer.getByRole('radio', { name: /^Kurir/ }).check();
    await buyer.getByRole('radio', { name: /Transfer bank/ }).check();
    expect(await buyer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (shots) await buyer.screenshot({ path: `${shots}/0155-checkout.png`, fullPage: true });
    await Promise.all([buyer.waitForURL(/\/pesanan\/[A-Za-z0-9_-]{20,}$/), buyer.getByRole('button', { name: /^Pesan/ }).click()]);

    // The order page: the shipping line, the accounts, the exact amount with its unique code, the deadline in WITA.
    const orderNo = (await buyer.getByRole('heading', { level: 1 }).textContent())!.replace(/^Pesanan\s+/, '').trim();
    const order = await withTenant(t.db, coopId, (trx) => trx.selectFrom('orders').select(['id', 'total', 'unique_code', 'shipping_total']).where('coop_id', '=', coopId).where('order_no', '=', orderNo).executeTakeFirstOrThrow());
    expect(order.shipping_total).toBe(24_000);
    expect(order.total).toBe(goods + 24_000 + order.unique_code);
    expect(order.unique_code).toBeGreaterThan(0);
    await expect(buyer.locator('[data-transfer-amount]').getAttribute('data-transfer-amount')).resolves.toBe(String(order.total));
    expect(await buyer.locator('[data-bank-account]').count()).toBe(2);
    await expect(buyer.locator('[data-pay-by]').textContent()).resolves.toMatch(/WITA/);
    await expect(buyer.locator('[data-order-total]').getAttribute('data-order-total')).resolves.toBe(String(order.total));
    expect(await buyer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (shots) await buyer.screenshot({ path: `${shots}/0155-order-transfer.png`, fullPage: true });

    // The bendahara confirms the transfer, then ships it with the courier and resi.
    const board = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(board, server.url, { email: 'bendahara@lumbung.test', password: DEMO_PASSWORD });
    await board.goto(`${server.url}/k/${DEMO_SLUG}/pesanan/${order.id}`);
    await expect(board.getByLabel('Jumlah diterima (Rp)').inputValue()).resolves.toBe(String(order.total));
    await board.getByLabel('Referensi (nomor mutasi/struk)').fill('BRI-MUTASI-0042');
    await Promise.all([board.waitForURL(/selesai=confirmed/), board.getByRole('button', { name: 'Konfirmasi lunas' }).click()]);
    // Without a resi the courier order is not handed over.
    await board.getByLabel(/^Kurir/).fill('JNE');
    await board.getByLabel('Nomor resi').fill('JNE 0102 7788 99');
    await Promise.all([board.waitForURL(/selesai=fulfilled/), board.locator('[data-form="fulfil"] button[type="submit"]').click()]);

    await buyer.reload();
    await expect(buyer.locator('[data-resi]').textContent()).resolves.toBe('JNE0102778899');
    await expect(buyer.locator('[data-paid]').first().getAttribute('data-paid')).resolves.toBe('true');
    if (shots) await buyer.screenshot({ path: `${shots}/0155-order-shipped.png`, fullPage: true });
    // The buyer was mailed at order, payment and shipping (queued in the coop's outbox).
    const kinds = await withTenant(t.db, coopId, (trx) => trx.selectFrom('mail_outbox').select('kind').where('coop_id', '=', coopId).where('to_address', '=', 'made@contoh.test').orderBy('id').execute());
    expect(kinds.map((k) => k.kind)).toEqual(['order_placed', 'order_paid', 'order_shipped']);
  });
});
