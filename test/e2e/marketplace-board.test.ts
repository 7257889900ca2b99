import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/cli/demo.js';
import { withTenant } from '../../src/db/tenant.js';
import { memberBalance } from '../../src/ledger/get-member-ledger-balance.js';
import { findSettingsRow } from '../../src/orders/store.js';

/**
 * The board's order and payout screens at phone width, JavaScript off: a guest pays a book by
 * bank transfer and uploads the receipt through a plain multipart form; the bendahara sees the
 * receipt, confirms, hands the book over and refunds part of it; the pengawas may look but not
 * act; the bendahara pays the author part of his balance (never more than it) and the author
 * sees the payout on his own sales page.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coopId: string;

const BOOK = 'lumbung-dan-cerita-cerita-lain';
// A 1×1 PNG: what a phone's screenshot of a transfer receipt is, in miniature.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  coopId = (await t.db.selectFrom('coops').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()).id;
  // The demo adds a unique code to transfers (decision 0155); this journey's arithmetic is on the book's price alone.
  await withTenant(t.db, coopId, (trx) => trx.updateTable('order_settings').set({ transfer_unique_code: false }).where('coop_id', '=', coopId).execute());
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

const author = () =>
  withTenant(t.db, coopId, async (trx) => {
    const m = await trx.selectFrom('members').select(['id']).where('coop_id', '=', coopId).where('full_name', '=', 'Bagus Prasetyo').executeTakeFirstOrThrow();
    return { id: m.id, balance: await memberBalance(trx, coopId, m.id, 'PAYABLE_TO_PRODUCERS') };
  });

describe('the board handles a transfer order on a phone without JavaScript', () => {
  it('receipt upload → confirm → fulfil → partial refund → payout to the author', async () => {
    const ordersBefore = (await t.db.selectFrom('orders').select('id').execute()).length;
    const buyer = await phonePage(browser, { javaScriptEnabled: false });
    await buyer.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko/${BOOK}`);
    await Promise.all([buyer.waitForURL(/\/keranjang/), buyer.getByRole('button', { name: 'Masukkan ke keranjang' }).click()]);
    await Promise.all([buyer.waitForURL(/\/bayar$/), buyer.getByRole('link', { name: 'Lanjut ke pembayaran' }).click()]);
    await buyer.getByLabel('Nama').fill('Tono Raharjo');
    // Neither email nor phone: refused in Indonesian, nothing ordered. (The book is picked up: decision 0155.)
    await buyer.getByRole('radio', { name: /Ambil di koperasi/ }).check();
    await buyer.getByRole('radio', { name: /Transfer bank/ }).check();
    await buyer.getByRole('button', { name: /^Pesan/ }).click();
    await expect(buyer.getByRole('alert').isVisible()).resolves.toBe(true);
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(ordersBefore);
    await buyer.getByLabel('Nomor HP/WA').fill('0812 3456 7890');
    await Promise.all([buyer.waitForURL(/\/pesanan\/[A-Za-z0-9_-]{20,}$/), buyer.getByRole('button', { name: /^Pesan/ }).click()]);
    const orderUrl = buyer.url();
    const orderNo = (await buyer.getByRole('heading', { level: 1 }).textContent())!.replace(/^Pesanan\s+/, '').trim();

    await buyer.getByLabel(/Foto\/tangkapan layar bukti/).setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: PNG });
    await buyer.getByLabel('Nomor referensi (jika ada)').fill('BCA 1234');
    await Promise.all([buyer.waitForURL(/selesai=bukti/), buyer.getByRole('button', { name: 'Kirim bukti' }).click()]);
    await expect(buyer.getByRole('status').textContent()).resolves.toContain('Bukti transfer terkirim');

    // The pengawas may read the order but has no buttons to act on it.
    const pengawas = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(pengawas, server.url, { email: 'pengawas@lumbung.test', password: DEMO_PASSWORD });
    await pengawas.goto(`${server.url}/k/${DEMO_SLUG}/pesanan?method=transfer`);
    await Promise.all([pengawas.waitForURL(/\/pesanan\/[0-9a-f-]{36}$/), pengawas.locator(`.cards [data-order="${orderNo}"] a`).click()]);
    expect(await pengawas.locator('[data-form]').count()).toBe(0);

    const board = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(board, server.url, { email: 'bendahara@lumbung.test', password: DEMO_PASSWORD });
    await board.goto(`${server.url}/k/${DEMO_SLUG}/pesanan?method=transfer&paid=no`);
    const card = board.locator(`.cards [data-order="${orderNo}"]`);
    await expect(card.getByText('ada bukti').isVisible()).resolves.toBe(true);
    await Promise.all([board.waitForURL(/\/pesanan\/[0-9a-f-]{36}$/), card.locator('a').click()]);
    const orderPage = board.url();
    // The receipt is shown to the board as the image uploaded, byte for byte.
    const proofSrc = await board.locator('img.proof').getAttribute('src');
    const proof = await board.request.get(new URL(proofSrc!, orderPage).toString());
    expect(proof.headers()['content-type']).toBe('image/png');
    expect(Buffer.from(await proof.body()).equals(PNG)).toBe(true);
    // …and to nobody else.
    expect((await buyer.request.get(new URL(proofSrc!, orderPage).toString(), { maxRedirects: 0 })).status()).toBe(303);

    // A wrong amount is refused (the order stays unpaid), the right one confirms.
    await board.getByLabel('Jumlah diterima (Rp)').fill('80.000');
    await board.getByRole('button', { name: 'Konfirmasi lunas' }).click();
    await expect(board.getByRole('alert').first().isVisible()).resolves.toBe(true);
    await board.goto(orderPage);
    await expect(board.locator('[data-paid]').first().getAttribute('data-paid')).resolves.toBe('false');
    const before = await author();
    await board.getByLabel('Jumlah diterima (Rp)').fill('85.000');
    await board.getByLabel('Referensi (nomor mutasi/struk)').fill('BCA 1234');
    await Promise.all([board.waitForURL(/selesai=confirmed/), board.getByRole('button', { name: 'Konfirmasi lunas' }).click()]);
    await expect(board.locator('[data-paid]').first().getAttribute('data-paid')).resolves.toBe('true');
    const afterPay = await author();
    // Aksara commission 15% of Rp85.000 = Rp12.750; the sole author gets the rest.
    expect(afterPay.balance - before.balance).toBe(85_000 - 12_750);

    // The day's collections list the transfer under the officer who confirmed it.
    await board.goto(`${server.url}/k/${DEMO_SLUG}/pesanan/setoran`);
    await expect(board.locator('[data-collections] li', { hasText: 'Transfer bank' }).filter({ hasText: 'Ratna Kusumawati' }).count()).resolves.toBe(1);
    await board.goto(orderPage);
    await Promise.all([board.waitForURL(/selesai=fulfilled/), board.getByRole('button', { name: 'Tandai selesai diserahkan' }).click()]);
    await expect(board.locator('[data-status]').first().getAttribute('data-status')).resolves.toBe('fulfilled');

    await board.getByLabel('Jumlah (Rp; kosong = semua sisa)').fill('17.000');
    await board.getByLabel('Alasan', { exact: true }).first().fill('Sampul buku sobek, potongan harga');
    await Promise.all([board.waitForURL(/selesai=refunded/), board.getByRole('button', { name: 'Kembalikan dana' }).click()]);
    const afterRefund = await author();
    // A fifth of the money back: a fifth of the author's part comes off his balance.
    expect(afterPay.balance - afterRefund.balance).toBe((85_000 - 12_750) / 5);
    await buyer.goto(orderUrl);
    await expect(buyer.getByText('Dikembalikan: Rp17.000').isVisible()).resolves.toBe(true);

    // Payouts: never more than the balance; then a payout that fits.
    await board.goto(`${server.url}/k/${DEMO_SLUG}/pembayaran`);
    await expect(board.locator(`[data-member="${before.id}"] [data-balance]`).getAttribute('data-balance')).resolves.toBe(String(afterRefund.balance));
    await board.getByLabel('Anggota').selectOption(before.id);
    await board.getByLabel('Jumlah (Rp)').fill(String(afterRefund.balance + 1));
    await board.getByRole('button', { name: 'Catat pembayaran' }).click();
    await expect(board.getByRole('alert').isVisible()).resolves.toBe(true);
    expect((await author()).balance).toBe(afterRefund.balance);
    await board.getByLabel('Anggota').selectOption(before.id);
    await board.getByLabel('Jumlah (Rp)').fill('50.000');
    await board.getByLabel('Catatan').fill('Transfer BRI 7 Desember');
    await Promise.all([board.waitForURL(/selesai=paid/), board.getByRole('button', { name: 'Catat pembayaran' }).click()]);
    expect((await author()).balance).toBe(afterRefund.balance - 50_000);
    // The payout list shows the officer's note, not the form's raw idempotency reference (issue 14 item 7).
    await expect(board.locator('[data-note]').first().textContent()).resolves.toBe('Transfer BRI 7 Desember');
    expect(await board.locator('main').textContent()).not.toContain('payout-');
    expect(await board.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The author sees the sale, his share and the payout on his own page.
    const bagus = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(bagus, server.url, { email: 'sekretaris@lumbung.test', password: DEMO_PASSWORD });
    await bagus.goto(`${server.url}/k/${DEMO_SLUG}/saya/penjualan`);
    await expect(bagus.locator('[data-my-balance]').getAttribute('data-my-balance')).resolves.toBe(String(afterRefund.balance - 50_000));
    await expect(bagus.locator(`[data-my-sales] [data-order="${orderNo}"]`).isVisible()).resolves.toBe(true);
    await expect(bagus.getByText('Rp50.000').first().isVisible()).resolves.toBe(true);
  });

  it('lets the bendahara set the store’s commission and MDR as percentages; bad input changes nothing', async () => {
    const board = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(board, server.url, { email: 'bendahara@lumbung.test', password: DEMO_PASSWORD });
    await board.goto(`${server.url}/k/${DEMO_SLUG}/pengaturan/toko`);
    await board.getByLabel('Aksara (%)').fill('abc');
    await board.getByRole('button', { name: 'Simpan' }).click();
    await expect(board.getByRole('alert').isVisible()).resolves.toBe(true);
    const settings = () => withTenant(t.db, coopId, (trx) => findSettingsRow(trx, coopId));
    const before = await settings();
    expect((before?.commission_bp as Record<string, number> | undefined)?.aksara ?? 1500).toBe(1500);
    await board.getByLabel('Aksara (%)').fill('12,5');
    await board.getByLabel('QRIS (%)').fill('0,7');
    await Promise.all([board.waitForURL(/tersimpan/), board.getByRole('button', { name: 'Simpan' }).click()]);
    const after = await settings();
    expect((after!.commission_bp as Record<string, number>).aksara).toBe(1250);
    expect((after!.mdr_bp as Record<string, number>).qris).toBe(70);
    await expect(board.getByLabel('Aksara (%)').inputValue()).resolves.toBe('12,5');
  });
});
