import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, silentLog, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import { headerOf, startSmtpSink, type ReceivedMail } from '../support/governance.js';
import { startWebServer } from '../support/web.js';
import type { App } from '../../src/server/types.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Ctx, TenantCtx } from '../../src/kernel/context.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { checkout } from '../../src/orders/checkout.js';
import { getCheckoutOptions } from '../../src/orders/checkout-options.js';
import { expireOrders } from '../../src/orders/expire-orders.js';
import { getOrderSettings, saveOrderSettings } from '../../src/orders/order-settings.js';
import { isAppError } from '../../src/kernel/errors.js';
import { DEFAULT_ORDER_SETTINGS } from '../../src/orders/model.js';
import { drainOutbox, setMailer, type Mailer } from '../../src/governance/mailer.js';
import { regionChildren } from '../../src/regions/model.js';
import { withTenant } from '../../src/db/tenant.js';
import type { ShippingSettings } from '../../src/orders/shipping.js';

/**
 * A storefront that sells (decision 0155): a shirt shipped by courier to another province,
 * paid by bank transfer with a unique code, confirmed, shipped with a resi; the shipping line
 * in the total, the invoice and the journal entry; the buyer's and producer's mail through a
 * real SMTP server; one reminder before a transfer lapses, however many sweeps run.
 */

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let bendahara: Session;
let otherBendahara: Session;
let web: { url: string; close: () => Promise<void> };
let sink: { mailer: Mailer; messages: ReceivedMail[]; close: () => Promise<void> };
let now = new Date('2026-12-01T03:00:00Z');
const clock: Clock = { now: () => now };
const w = {} as { kemeja: string; kemejaM: string; producer: string };
const ACCOUNT = { bankName: 'BRI', accountNo: '0123-01-000456-30-1', accountName: 'Koperasi Batik Sari' };
const SHIPPING: ShippingSettings = {
  booking: 'revenue',
  unitWeightGrams: { busana: 300, rupa: 1000, aksara: 400 },
  freeFrom: 1_000_000,
  pickup: { enabled: true },
  local: { enabled: true, rate: 15_000, regencyCodes: ['34.71'] },
  courier: { enabled: true, rates: [{ region: '34', firstKg: 12_000, nextKg: 5_000 }, { region: '*', firstKg: 45_000, nextKg: 20_000 }] }
};
const guestCtx = (locale: 'id' | 'en' = 'id'): Ctx => ({ db: t.db, clock, log: silentLog, locale, actor: null });
const ketua = (): TenantCtx => a.ctx('ketua', clock);
const count = async (table: 'orders') => Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
let bali: { provinceCode: string; regencyCode: string; districtCode: string };
const buyer = { name: 'Made Wirawan', email: 'made@contoh.id', phone: '081338000111' };
const address = () => ({ recipient: 'Made Wirawan', phone: '081338000111', ...bali, street: 'Jl. Gatot Subroto Barat No. 12', postalCode: '80117' });
const mailsTo = (addr: string) => sink.messages.filter((m) => m.to.includes(addr));
/** Mail leaves in the background after each commit (and through explicit drains): wait until `n` messages reached the address. */
async function waitForMail(addr: string, n: number): Promise<ReceivedMail[]> {
  for (let i = 0; i < 100 && mailsTo(addr).length < n; i++) {
    await drainOutbox(t.db, sink.mailer, { coopId: a.id });
    await new Promise((r) => setTimeout(r, 50));
  }
  return mailsTo(addr);
}
const bodyOf = (m: ReceivedMail) => m.raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db, { clock });
  a = await seedCoop(t.db, { slug: 'kop-batik-sari' });
  b = await seedCoop(t.db, { slug: 'kop-lain-sari' });
  await t.db.updateTable('coops').set({ province_code: '34', regency_code: '34.71', phone: '0274123456' }).where('id', '=', a.id).execute();
  const producer = await addMember(ketua(), { fullName: 'Sri Rahayu', gender: 'F', asStatus: 'active', email: 'sri.batik@contoh.id' } as never);
  w.producer = producer.id;
  const kemeja = await createWork(ketua(), {
    productLine: 'busana',
    title: 'Kemeja Batik Parang',
    publicPrice: 350_000,
    attributes: { material: 'katun primisima' },
    variants: [{ size: 'M', colour: 'Indigo', sku: 'KBP-M', stock: 20 }]
  } as never);
  await setWorkCreators(ketua(), kemeja.id, { creators: [{ memberId: producer.id, shareBp: 10_000 }] });
  await publishWork(ketua(), kemeja.id);
  w.kemeja = kemeja.id;
  w.kemejaM = kemeja.variants[0]!.id;
  const regency = (await regionChildren('51')).find((r) => r.code === '51.71')!;
  bali = { provinceCode: '51', regencyCode: regency.code, districtCode: (await regionChildren(regency.code))[0]!.code };
  bendahara = await signInAs(app, a.accounts.bendahara);
  otherBendahara = await signInAs(app, b.accounts.bendahara);
  sink = await startSmtpSink();
  setMailer(sink.mailer);
  web = await startWebServer(t.db);
});
afterAll(async () => {
  setMailer(null);
  await web?.close();
  await sink?.close();
  await app?.close();
  await t?.drop();
});

describe('ways to pay the coop can receive', () => {
  it('refuses QRIS without a QRIS and transfer without a bank account (409, no order); offers transfer once an account is set', async () => {
    const before = await count('orders');
    for (const method of ['qris', 'transfer'] as const) {
      await expect(checkout(guestCtx(), a.slug, { lines: [{ workId: w.kemeja, variantId: w.kemejaM, quantity: 1 }], paymentMethod: method, buyer, shipping: { method: 'pickup' } })).rejects.toSatisfy(
        (e: unknown) => isAppError(e) && e.code === 'ORDER_METHOD_NOT_OFFERED' && e.status === 409
      );
    }
    expect(await count('orders')).toBe(before);
    const lines = [{ workId: w.kemeja, variantId: w.kemejaM, quantity: 1 }];
    expect((await getCheckoutOptions(guestCtx(), a.slug, { lines })).methods).toEqual(['cod', 'cash']);
    await saveOrderSettings(a.ctx('bendahara', clock), { ...DEFAULT_ORDER_SETTINGS, transferAccount: undefined, bankAccounts: [ACCOUNT], transferUniqueCode: true, transferWindowDays: 2, shipping: SHIPPING });
    expect((await getCheckoutOptions(guestCtx(), a.slug, { lines })).methods).toEqual(['transfer', 'cod', 'cash']);
  });
});

describe('shipping (decision 0155)', () => {
  it('prices by destination and weight; free from the threshold exactly; refuses what cannot be delivered with a clear 4xx', async () => {
    const lines = (quantity: number) => [{ workId: w.kemeja, variantId: w.kemejaM, quantity }];
    const quote = async (quantity: number, dest: { provinceCode: string; regencyCode: string }) => (await getCheckoutOptions(guestCtx(), a.slug, { lines: lines(quantity), dest })).shipping.quotes;
    // 2 shirts × 300 g = 600 g → 1 kg; Bali has no rate of its own: the "anywhere" rate.
    expect((await quote(2, bali)).find((q) => q.method === 'courier')).toMatchObject({ cost: 45_000, available: true });
    expect((await quote(2, { provinceCode: '34', regencyCode: '34.02' })).find((q) => q.method === 'courier')!.cost).toBe(12_000);
    expect((await quote(2, bali)).find((q) => q.method === 'local')!.available).toBe(false);
    // 1.000.000 is the threshold: 2 × 350.000 pays, 3 × 350.000 = 1.050.000 is free.
    expect((await quote(3, bali)).find((q) => q.method === 'courier')).toMatchObject({ cost: 0, free: true });
    await saveOrderSettings(ketua(), { ...(await getOrderSettings(ketua())), transferAccount: undefined, shipping: { ...SHIPPING, freeFrom: 700_000 } });
    expect((await quote(2, bali)).find((q) => q.method === 'courier')).toMatchObject({ cost: 0, free: true });
    await saveOrderSettings(ketua(), { ...(await getOrderSettings(ketua())), transferAccount: undefined, shipping: { ...SHIPPING, freeFrom: 700_001 } });
    expect((await quote(2, bali)).find((q) => q.method === 'courier')).toMatchObject({ cost: 45_000, free: false });
    await saveOrderSettings(ketua(), { ...(await getOrderSettings(ketua())), transferAccount: undefined, shipping: SHIPPING });

    const before = await count('orders');
    const refused = async (input: Record<string, unknown>, code: string, field: string) =>
      expect(checkout(guestCtx(), a.slug, { lines: lines(1), paymentMethod: 'cod', buyer, ...input })).rejects.toSatisfy((e: unknown) => isAppError(e) && e.code === code && e.status < 500 && e.fields.some((f) => f.field === field));
    await refused({}, 'ORDER_SHIPPING_REQUIRED', 'shipping.method');
    await refused({ shipping: { method: 'courier' } }, 'ORDER_SHIPPING_REQUIRED', 'shipping.address.street');
    await refused({ shipping: { method: 'local', address: address() } }, 'ORDER_SHIPPING_UNAVAILABLE', 'shipping.method');
    await refused({ shipping: { method: 'courier', address: { ...address(), regencyCode: '34.71' } } }, 'VALIDATION_FAILED', 'shipping.address.regencyCode');
    await refused({ shipping: { method: 'courier', address: { ...address(), districtCode: '12345' } } }, 'VALIDATION_FAILED', 'shipping.address.districtCode');
    expect(await count('orders')).toBe(before);
    // A Suara download needs no shipping at all (only physical goods travel).
  });

  it('a shirt by courier to Bali, paid by transfer: total = items + shipping + unique code, in the invoice and one balanced entry; resi on the order page and by mail', async () => {
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.kemeja, variantId: w.kemejaM, quantity: 2 }], paymentMethod: 'transfer', buyer, shipping: { method: 'courier', address: address() } });
    const row = await t.db.selectFrom('orders').selectAll().where('id', '=', o.orderId).executeTakeFirstOrThrow();
    expect(row.unique_code).toBeGreaterThanOrEqual(1);
    expect(row.unique_code).toBeLessThanOrEqual(999);
    expect(row).toMatchObject({ subtotal: 700_000, shipping_total: 45_000, shipping_method: 'courier', weight_grams: 600, total: 700_000 + 45_000 + row.unique_code });
    expect(o.total).toBe(row.total);
    // Two days to pay a transfer.
    expect(new Date(o.expiresAt!).getTime() - now.getTime()).toBe(2 * 86_400_000);

    // The order page: the account, the exact amount with its unique code, the time in the buyer's zone (Bali: WITA), the delivery.
    const html = await (await fetch(`${web.url}/koperasi/${a.slug}/pesanan/${o.token}`)).text();
    expect(html).toContain(ACCOUNT.accountNo);
    expect(html).toContain(`data-transfer-amount="${row.total}"`);
    expect(html).toContain(`data-unique-code="${row.unique_code}"`);
    expect(html).toMatch(/data-pay-by[^>]*>[^<]*WITA/);
    expect(html).toContain('Jl. Gatot Subroto Barat No. 12');
    expect(html).not.toContain('data-resi');

    // Fulfilling a courier order needs the courier and the resi.
    const noResi = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/fulfil`, {});
    expect(noResi.statusCode).toBe(400);
    expect(noResi.json().code).toBe('ORDER_TRACKING_REQUIRED');
    // Another coop's bendahara cannot touch it.
    expect((await call(app, otherBendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/confirm-payment`, { amount: row.total })).statusCode).toBe(404);

    const paid = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/confirm-payment`, { amount: row.total, reference: 'mutasi BRI' });
    expect(paid.statusCode).toBe(200);
    const entry = (await sql<{ system_key: string; debit: number; credit: number; memo: string | null }>`SELECT a.system_key, l.debit, l.credit, l.memo FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id WHERE l.entry_id = ${paid.json().ledgerEntryIds[0]} ORDER BY l.line_no`.execute(t.db)).rows;
    expect(entry.reduce((s, l) => s + Number(l.debit), 0)).toBe(row.total);
    expect(entry.reduce((s, l) => s + Number(l.credit), 0)).toBe(row.total);
    expect(entry.find((l) => l.system_key === 'SERVICE_NON_MEMBER')).toMatchObject({ credit: 45_000 });
    expect(entry.find((l) => l.system_key === 'OTHER_INCOME')).toMatchObject({ credit: row.unique_code });
    const invoice = await t.db.selectFrom('invoices').select(['data', 'total']).where('order_id', '=', o.orderId).executeTakeFirstOrThrow();
    expect(invoice.total).toBe(row.total);
    expect(invoice.data).toMatchObject({ shipping: { method: 'courier', amount: 45_000 }, uniqueCode: row.unique_code, subtotal: 700_000 });

    const shipped = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/fulfil`, { courier: 'JNE', trackingNo: 'jne 0123 4567 89' });
    expect(shipped.statusCode).toBe(200);
    const after = await (await fetch(`${web.url}/koperasi/${a.slug}/pesanan/${o.token}`)).text();
    expect(after).toMatch(/data-resi[^>]*>JNE0123456789</);

    const toBuyer = await waitForMail(buyer.email, 3);
    const subjects = toBuyer.map((m) => headerOf(m.raw, 'Subject'));
    expect(subjects).toEqual(expect.arrayContaining([`Pesanan ${o.orderNo} di Koperasi ${a.slug}`, `Pembayaran ${o.orderNo} diterima`, `Pesanan ${o.orderNo} sudah dikirim`]));
    const placed = toBuyer.find((m) => headerOf(m.raw, 'Subject').startsWith('Pesanan ') && headerOf(m.raw, 'Subject').includes(' di '))!;
    expect(bodyOf(placed)).toContain(`/koperasi/${a.slug}/pesanan/${o.token}`);
    expect(bodyOf(placed)).toContain('WITA');
    expect(bodyOf(toBuyer.find((m) => headerOf(m.raw, 'Subject').includes('dikirim'))!)).toContain('JNE0123456789');
    const toProducer = await waitForMail('sri.batik@contoh.id', 1);
    expect(toProducer).toHaveLength(1);
    expect(headerOf(toProducer[0]!.raw, 'Subject')).toBe('Karya Anda terjual: Kemeja Batik Parang');
    // Nothing is sent twice.
    await new Promise((r) => setTimeout(r, 200));
    expect(await drainOutbox(t.db, sink.mailer, { coopId: a.id })).toEqual({ sent: 0, failed: 0 });
    expect(mailsTo(buyer.email)).toHaveLength(3);
    expect(mailsTo('sri.batik@contoh.id')).toHaveLength(1);
  });

  it('a buyer who checked out in English is mailed in English', async () => {
    const o = await checkout(guestCtx('en'), a.slug, { lines: [{ workId: w.kemeja, variantId: w.kemejaM, quantity: 1 }], paymentMethod: 'cod', buyer: { ...buyer, email: 'english@contoh.id' }, shipping: { method: 'pickup' } });
    expect(o.total).toBe(350_000);
    expect((await waitForMail('english@contoh.id', 1)).map((m) => headerOf(m.raw, 'Subject'))).toEqual([`Order ${o.orderNo} at Koperasi ${a.slug}`]);
  });
});

describe('payment reminder', () => {
  it('goes out once before a transfer lapses, even with sweeps running side by side', async () => {
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.kemeja, variantId: w.kemejaM, quantity: 1 }], paymentMethod: 'transfer', buyer: { ...buyer, email: 'pengingat@contoh.id' }, shipping: { method: 'pickup' } });
    const saved = now;
    try {
      const reminders = () => withTenant(t.db, a.id, (trx) => trx.selectFrom('mail_outbox').select('id').where('coop_id', '=', a.id).where('kind', '=', 'order_reminder').where('to_address', '=', 'pengingat@contoh.id').execute());
      // A two-day window: the reminder is due a quarter of it (12 hours) before it lapses, not before.
      now = new Date(saved.getTime() + 36 * 3_600_000 - 60_000);
      await expireOrders(t.db, clock, silentLog, { coopId: a.id });
      expect(await reminders()).toHaveLength(0);
      now = new Date(saved.getTime() + 36 * 3_600_000 + 60_000);
      await Promise.all([expireOrders(t.db, clock, silentLog, { coopId: a.id }), expireOrders(t.db, clock, silentLog, { coopId: a.id }), expireOrders(t.db, clock, silentLog, { coopId: a.id })]);
      await expireOrders(t.db, clock, silentLog, { coopId: a.id });
      expect(await reminders()).toHaveLength(1);
      await waitForMail('pengingat@contoh.id', 2);
      const got = mailsTo('pengingat@contoh.id').filter((m) => headerOf(m.raw, 'Subject').startsWith('Pengingat'));
      expect(got).toHaveLength(1);
      expect(headerOf(got[0]!.raw, 'Subject')).toContain(o.orderNo);
    } finally {
      now = saved;
    }
  });
});
