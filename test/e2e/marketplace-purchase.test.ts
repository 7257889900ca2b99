import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/cli/demo.js';
import { withTenant } from '../../src/db/tenant.js';
import { upsertQrisSettings } from '../../src/payments/qris-store.js';
import { dynamicQris, encodeTlv, withCrc } from '../../src/payments/qris.js';
import { qrisSvg } from '../../src/payments/qris-for-amount.js';
import { DEFAULT_COMMISSION_BP } from '../../src/orders/model.js';

/**
 * The marketplace through the browser at phone width: a visitor who is NOT a member buys a
 * Busana shirt (size M, colour Sogan, two of them) and pays with QRIS; the order page shows
 * the QR of the dynamic QRIS for exactly the order's total. The bendahara signs in and
 * confirms the payment; the variant's stock fell by two; and the shirt's creator (the
 * bendahara herself is one of its two makers) sees her balance on her own sales page rise
 * by exactly her share, computed here from the price, the commission and the shares.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coopId: string;

const STATIC_QRIS = withCrc([
  { tag: '00', value: '01' },
  { tag: '01', value: '11' },
  { tag: '26', value: encodeTlv([{ tag: '00', value: 'ID.CO.QRIS.WWW' }, { tag: '01', value: '936009153456789012' }, { tag: '02', value: 'ID1024567890123' }, { tag: '03', value: 'UMI' }]) },
  { tag: '52', value: '5947' },
  { tag: '53', value: '360' },
  { tag: '58', value: 'ID' },
  { tag: '59', value: 'KOPERASI LUMBUNG SARI' },
  { tag: '60', value: 'YOGYAKARTA' },
  { tag: '61', value: '55281' }
]);

const SHIRT = 'kemeja-batik-tulis-parang';

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  coopId = (await t.db.selectFrom('coops').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()).id;
  await withTenant(t.db, coopId, (trx) => upsertQrisSettings(trx, coopId, { static_payload: STATIC_QRIS, merchant_name: 'KOPERASI LUMBUNG SARI', merchant_city: 'YOGYAKARTA', updated_by: null }));
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

async function shirt() {
  return withTenant(t.db, coopId, async (trx) => {
    const work = await trx.selectFrom('works').select(['id', 'public_price', 'member_price']).where('coop_id', '=', coopId).where('slug', '=', SHIRT).executeTakeFirstOrThrow();
    const variant = await trx.selectFrom('work_variants').select(['id', 'stock']).where('coop_id', '=', coopId).where('work_id', '=', work.id).where('size', '=', 'M').where('colour', '=', 'Sogan').executeTakeFirstOrThrow();
    const creators = await trx
      .selectFrom('work_creators as c')
      .innerJoin('members as m', (j) => j.onRef('m.id', '=', 'c.member_id').onRef('m.coop_id', '=', 'c.coop_id'))
      .select(['c.member_id', 'c.share_bp', 'm.full_name'])
      .where('c.coop_id', '=', coopId)
      .where('c.work_id', '=', work.id)
      .execute();
    return { work, variant, creators };
  });
}

/** Largest remainder of `total` over `weights` (ties to the smaller member id), written out here so the test does not reuse the code it checks. */
function largestRemainder(total: number, parts: { id: string; weight: number }[]): Map<string, number> {
  const sum = parts.reduce((s, p) => s + p.weight, 0);
  const rows = parts.map((p) => ({ id: p.id, floor: Math.floor((total * p.weight) / sum), rem: (total * p.weight) % sum }));
  let left = total - rows.reduce((s, r) => s + r.floor, 0);
  for (const r of [...rows].sort((a, b) => b.rem - a.rem || (a.id < b.id ? -1 : 1))) {
    if (left-- <= 0) break;
    r.floor += 1;
  }
  return new Map(rows.map((r) => [r.id, r.floor]));
}

async function myBalance(page: Page): Promise<number> {
  await page.goto(`${server.url}/k/${DEMO_SLUG}/saya/penjualan`);
  return Number(await page.locator('[data-my-balance]').getAttribute('data-my-balance'));
}

describe('buying from the storefront on a phone', () => {
  it('a non-member buys a Busana shirt with QRIS; the bendahara confirms; stock falls; the creator’s balance rises by her share', async () => {
    const before = await shirt();
    const QTY = 2;
    // The bendahara, Ratna Kusumawati, is one of the shirt's two makers.
    const ratna = before.creators.find((c) => c.full_name === 'Ratna Kusumawati');
    expect(ratna).toBeDefined();

    const board = await phonePage(browser);
    await signInThroughForm(board, server.url, { email: 'bendahara@lumbung.test', password: DEMO_PASSWORD });
    const balanceBefore = await myBalance(board);

    // The buyer: no account, no member price.
    const buyer = await phonePage(browser);
    await buyer.goto(`${server.url}/koperasi/${DEMO_SLUG}/toko/${SHIRT}`);
    expect(await buyer.locator('script').count()).toBe(0);
    await buyer.getByRole('radio', { name: /^M \/ Sogan/ }).check();
    await buyer.getByLabel('Jumlah').fill(String(QTY));
    await Promise.all([buyer.waitForURL(/\/keranjang/), buyer.getByRole('button', { name: 'Masukkan ke keranjang' }).click()]);
    const total = before.work.public_price * QTY;
    const rupiah = (n: number) => `Rp${new Intl.NumberFormat('id-ID').format(n)}`;
    await expect(buyer.locator('[data-cart-total]').textContent()).resolves.toBe(rupiah(total));

    await Promise.all([buyer.waitForURL(/\/bayar$/), buyer.getByRole('link', { name: 'Lanjut ke pembayaran' }).click()]);
    await buyer.getByLabel('Nama').fill('Wulan Anggraini');
    await buyer.getByLabel('Email').fill('wulan@contoh.test');
    await buyer.getByRole('radio', { name: /QRIS/ }).check();
    // The demo ships physical goods (decision 0155): she picks the shirts up at the coop, so the total stays the goods'.
    await buyer.getByRole('radio', { name: /Ambil di koperasi/ }).check();
    await Promise.all([buyer.waitForURL(/\/pesanan\/[A-Za-z0-9_-]{20,}$/), buyer.getByRole('button', { name: /^Pesan/ }).click()]);

    // The QR shown is the dynamic QRIS for exactly the total, rendered on the server.
    const qr = buyer.locator('img.qr');
    await expect(qr.getAttribute('data-qris-amount')).resolves.toBe(String(total));
    const src = (await qr.getAttribute('src'))!;
    expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(src.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8')).toBe(await qrisSvg(dynamicQris(STATIC_QRIS, total)));
    expect(await qr.boundingBox().then((b) => b!.width)).toBeGreaterThanOrEqual(200);
    expect(await buyer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect(buyer.locator('[data-paid]').first().getAttribute('data-paid')).resolves.toBe('false');
    const orderNo = (await buyer.getByRole('heading', { level: 1 }).textContent())!.replace(/^Pesanan\s+/, '').trim();

    // Stock was taken at checkout: exactly QTY units.
    expect((await shirt()).variant.stock).toBe(before.variant.stock - QTY);
    const order = await withTenant(t.db, coopId, (trx) => trx.selectFrom('orders').select(['id', 'buyer_kind', 'total', 'status']).where('coop_id', '=', coopId).where('order_no', '=', orderNo).executeTakeFirstOrThrow());
    expect(order).toMatchObject({ buyer_kind: 'non_member', total, status: 'awaiting_payment' });
    // The demo's charter names no commission, so the coop's default rate for Busana applies (snapshotted on the line).
    const line = await withTenant(t.db, coopId, (trx) => trx.selectFrom('order_lines').select(['commission_bp', 'price_kind']).where('coop_id', '=', coopId).where('order_id', '=', order.id).executeTakeFirstOrThrow());
    expect(line).toEqual({ commission_bp: DEFAULT_COMMISSION_BP.busana, price_kind: 'public' });

    // The bendahara finds it among the payments awaiting confirmation and confirms it.
    await board.goto(`${server.url}/k/${DEMO_SLUG}/pesanan`);
    await Promise.all([board.waitForURL(new RegExp(`/pesanan/${order.id}$`)), board.locator(`[data-awaiting] [data-order="${orderNo}"] a`).click()]);
    await expect(board.getByLabel('Jumlah diterima (Rp)').inputValue()).resolves.toBe(String(total));
    await board.getByLabel('Referensi (nomor mutasi/struk)').fill('QRIS-MUTASI-0001');
    await Promise.all([board.waitForURL(/selesai=confirmed/), board.getByRole('button', { name: 'Konfirmasi lunas' }).click()]);
    await expect(board.locator('[data-paid]').first().getAttribute('data-paid')).resolves.toBe('true');

    // The buyer's page now says paid and shows no QR any more.
    await buyer.reload();
    await expect(buyer.locator('[data-paid]').first().getAttribute('data-paid')).resolves.toBe('true');
    expect(await buyer.locator('img.qr').count()).toBe(0);

    // Stock stays down by QTY after payment (taken once, not again).
    expect((await shirt()).variant.stock).toBe(before.variant.stock - QTY);

    // Her share: the public price (a non-member paid it), minus the coop's commission for Busana
    // (per unit, half up, times the quantity), split between the makers by their shares.
    const commissionBp = DEFAULT_COMMISSION_BP.busana;
    const commission = Math.floor((before.work.public_price * commissionBp + 5000) / 10_000) * QTY;
    const shares = largestRemainder(total - commission, before.creators.map((c) => ({ id: c.member_id, weight: c.share_bp })));
    const expectedShare = shares.get(ratna!.member_id)!;
    expect(expectedShare).toBeGreaterThan(0);

    expect(await myBalance(board)).toBe(balanceBefore + expectedShare);
    const row = board.locator(`[data-my-sales] [data-order="${orderNo}"]`);
    await expect(row.locator('[data-my-share]').getAttribute('data-my-share')).resolves.toBe(String(expectedShare));
    expect(await board.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
