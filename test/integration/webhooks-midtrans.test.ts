import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import type { Ctx } from '../../src/kernel/context.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { checkout } from '../../src/orders/checkout.js';
import { midtrans, parseGrossAmount } from '../../src/payments/providers/midtrans.js';

const SERVER_KEY = 'SB-Mid-server-UjiKunciRahasia123';

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let workId: string;

/** A Midtrans HTTP notification, signed here with the coop's server key as Midtrans would. */
function notification(o: { orderNo: string; gross: string; status: string; txId: string; statusCode?: string; fraud?: string; key?: string }) {
  const statusCode = o.statusCode ?? (o.status === 'settlement' || o.status === 'capture' ? '200' : o.status === 'pending' ? '201' : '202');
  const signature_key = createHash('sha512').update(o.orderNo + statusCode + o.gross + (o.key ?? SERVER_KEY)).digest('hex');
  return {
    transaction_time: '2026-11-23 20:00:00',
    transaction_status: o.status,
    transaction_id: o.txId,
    status_message: 'midtrans payment notification',
    status_code: statusCode,
    signature_key,
    payment_type: 'qris',
    order_id: o.orderNo,
    merchant_id: 'G000000000',
    gross_amount: o.gross,
    fraud_status: o.fraud ?? 'accept',
    currency: 'IDR'
  };
}

const publicCtx = (): Ctx => ({ db: t.db, clock: { now: () => new Date() }, log: a.ctx('ketua').log, locale: 'id', actor: null });

async function newOrder(): Promise<{ orderNo: string; orderId: string; total: number }> {
  const r = await checkout(publicCtx(), a.slug, { lines: [{ workId, quantity: 1 }], paymentMethod: 'qris', buyer: { name: 'Pembeli Umum', email: 'pembeli@contoh.id' } });
  return { orderNo: r.orderNo, orderId: r.orderId, total: r.total };
}

const post = (slug: string, body: unknown) => call(app, null, 'POST', `/api/v1/public/payments/midtrans/${slug}`, body);
const entriesFor = (orderNo: string) => t.db.selectFrom('journal_entries').select('id').where('coop_id', '=', a.id).where('source_ref', '=', orderNo).execute();
const orderRow = (id: string) => t.db.selectFrom('orders').select(['status', 'paid_at', 'paid_amount']).where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
  const m = await addMember(a.ctx('ketua'), { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' });
  const w = await createWork(a.ctx('ketua'), {
    productLine: 'suara',
    title: 'Album Lereng Merapi',
    description: 'Rekaman musik rakyat.',
    publicPrice: 150_000,
    attributes: { format: 'album', tracks: [{ title: 'Lagu Sawah', durationSec: 215 }] },
    creators: [{ memberId: m.id, creditName: 'Sri', shareBp: 10_000 }]
  });
  await publishWork(a.ctx('ketua'), w.id);
  workId = w.id;
  const s = await signInAs(app, a.accounts.bendahara);
  const saved = await call(app, s, 'PUT', `/api/v1/coops/${a.id}/payments/providers/midtrans`, { serverKey: SERVER_KEY, enabled: true });
  expect(saved.statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('Midtrans adapter (pure)', () => {
  it('verifies SHA512(order_id + status_code + gross_amount + ServerKey) and maps statuses', () => {
    const n = notification({ orderNo: 'ORD-1', gross: '150000.00', status: 'settlement', txId: 'tx-1' });
    expect(midtrans.verify(n, SERVER_KEY)).toBe(true);
    expect(midtrans.verify(n, 'another-server-key')).toBe(false);
    expect(midtrans.verify({ ...n, gross_amount: '1.00' }, SERVER_KEY)).toBe(false);
    expect(midtrans.parse(n)).toMatchObject({ eventId: 'tx-1:settlement', orderNo: 'ORD-1', status: 'paid', amount: 150_000, amountExact: true });
    expect(midtrans.parse({ ...n, transaction_status: 'capture', fraud_status: 'challenge' })!.status).toBe('pending');
    expect(midtrans.parse({ ...n, transaction_status: 'capture', fraud_status: 'accept' })!.status).toBe('paid');
    expect(midtrans.parse({ ...n, transaction_status: 'expire' })!.status).toBe('expired');
    expect(midtrans.parse({ ...n, transaction_status: 'deny' })!.status).toBe('cancelled');
    expect(midtrans.parse({ ...n, transaction_status: 'cancel' })!.status).toBe('cancelled');
    expect(parseGrossAmount('150000.50')).toEqual({ amount: 150000, exact: false });
    expect(parseGrossAmount('15e4')).toBeNull();
  });
});

describe('POST /api/v1/public/payments/midtrans/:coopSlug', () => {
  it('refuses a wrong signature with 401 and stores nothing', async () => {
    const o = await newOrder();
    const res = await post(a.slug, notification({ orderNo: o.orderNo, gross: `${o.total}.00`, status: 'settlement', txId: 'tx-bad', key: 'kunci-palsu-123456' }));
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('PAYMENT_SIGNATURE_INVALID');
    expect(await t.db.selectFrom('payment_provider_events').selectAll().where('event_key', 'like', 'tx-bad%').execute()).toHaveLength(0);
    expect((await orderRow(o.orderId)).paid_at).toBeNull();
    // Another cooperative's key does not open this one either; a coop without a gateway answers 404.
    expect((await post(b.slug, notification({ orderNo: o.orderNo, gross: `${o.total}.00`, status: 'settlement', txId: 'tx-b' }))).statusCode).toBe(404);
  });

  it('the same settlement replayed 3 times in parallel (and again later) marks the order paid once and posts one ledger entry', async () => {
    const o = await newOrder();
    const n = notification({ orderNo: o.orderNo, gross: `${o.total}.00`, status: 'settlement', txId: 'tx-settle-1' });
    const results = await Promise.all([post(a.slug, n), post(a.slug, n), post(a.slug, n)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.json().outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    expect((await post(a.slug, n)).json().outcome).toBe('duplicate');
    const row = await orderRow(o.orderId);
    expect(row.paid_at).not.toBeNull();
    expect(row.paid_amount).toBe(o.total);
    expect(await entriesFor(o.orderNo)).toHaveLength(1);
    expect(await t.db.selectFrom('order_payments').selectAll().where('order_id', '=', o.orderId).execute()).toHaveLength(1);
    expect(await t.db.selectFrom('payment_provider_events').select('outcome').where('event_key', '=', 'tx-settle-1:settlement').execute()).toEqual([{ outcome: 'applied' }]);
    // A capture for the same (already paid) order is a different event, and changes nothing.
    const cap = await post(a.slug, notification({ orderNo: o.orderNo, gross: `${o.total}.00`, status: 'capture', txId: 'tx-settle-1' }));
    expect(cap.json().outcome).toBe('already_final');
    expect(await entriesFor(o.orderNo)).toHaveLength(1);
  });

  it('an amount that differs from the order total never marks it paid: it goes to the reconciliation queue, listed for the board', async () => {
    const o = await newOrder();
    const less = await post(a.slug, notification({ orderNo: o.orderNo, gross: `${o.total - 1000}.00`, status: 'settlement', txId: 'tx-short' }));
    expect(less.statusCode).toBe(200);
    expect(less.json().outcome).toBe('mismatch');
    const cents = await post(a.slug, notification({ orderNo: o.orderNo, gross: `${o.total}.50`, status: 'settlement', txId: 'tx-cents' }));
    expect(cents.json().outcome).toBe('mismatch');
    expect((await orderRow(o.orderId)).paid_at).toBeNull();
    expect(await entriesFor(o.orderNo)).toHaveLength(0);

    const unknown = await post(a.slug, notification({ orderNo: 'TIDAK-ADA-99', gross: '5000.00', status: 'settlement', txId: 'tx-unknown' }));
    expect(unknown.json().outcome).toBe('unknown_order');

    const bendahara = await signInAs(app, a.accounts.bendahara);
    const list = await call(app, bendahara, 'GET', `/api/v1/coops/${a.id}/payments/reconciliation`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; orderNo: string; reason: string; expectedAmount: number | null; receivedAmount: number }[];
    expect(items.filter((i) => i.orderNo === o.orderNo).map((i) => [i.reason, i.expectedAmount, i.receivedAmount]).sort()).toEqual(
      [
        ['amount_mismatch', o.total, o.total - 1000],
        ['amount_mismatch', o.total, o.total]
      ].sort()
    );
    expect(items.find((i) => i.orderNo === 'TIDAK-ADA-99')).toMatchObject({ reason: 'unknown_order', expectedAmount: null, receivedAmount: 5000 });
    const staf = await signInAs(app, a.accounts.staf);
    expect((await call(app, staf, 'GET', `/api/v1/coops/${a.id}/payments/reconciliation`)).statusCode).toBe(403);
    const resolved = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/payments/reconciliation/${items[0]!.id}/resolve`, { note: 'Dikembalikan lewat transfer bank.' });
    expect(resolved.statusCode).toBe(200);
    expect((await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/payments/reconciliation/${items[0]!.id}/resolve`, { note: 'lagi' })).statusCode).toBe(404);

    // The right amount then pays it.
    expect((await post(a.slug, notification({ orderNo: o.orderNo, gross: `${o.total}.00`, status: 'settlement', txId: 'tx-right' }))).json().outcome).toBe('applied');
    expect((await orderRow(o.orderId)).paid_at).not.toBeNull();
  });

  it('expire and cancel close an unpaid order once', async () => {
    const o = await newOrder();
    const n = notification({ orderNo: o.orderNo, gross: `${o.total}.00`, status: 'expire', txId: 'tx-exp' });
    const [r1, r2] = await Promise.all([post(a.slug, n), post(a.slug, n)]);
    expect([r1.json().outcome, r2.json().outcome].sort()).toEqual(['applied', 'duplicate']);
    expect((await orderRow(o.orderId)).status).toBe('cancelled');
    const late = await post(a.slug, notification({ orderNo: o.orderNo, gross: `${o.total}.00`, status: 'settlement', txId: 'tx-late' }));
    expect(late.json().outcome).toBe('already_final');
    expect((await orderRow(o.orderId)).paid_at).toBeNull();
    const items = (await call(app, await signInAs(app, a.accounts.ketua), 'GET', `/api/v1/coops/${a.id}/payments/reconciliation`)).json().items;
    expect(items.find((i: { orderNo: string }) => i.orderNo === o.orderNo)).toMatchObject({ reason: 'order_not_payable' });
  });

  it('never shows the server key back in full; only ketua/bendahara see the settings', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    const res = await call(app, s, 'GET', `/api/v1/coops/${a.id}/payments/providers/midtrans`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(SERVER_KEY);
    expect(res.json()).toMatchObject({ configured: true, enabled: true, serverKeyHint: '••••a123' });
    expect(res.json().notificationUrl).toContain(`/api/v1/public/payments/midtrans/${a.slug}`);
    for (const role of ['sekretaris', 'staf', 'anggota', 'pengawas'] as const) {
      expect((await call(app, await signInAs(app, a.accounts[role]), 'GET', `/api/v1/coops/${a.id}/payments/providers/midtrans`)).statusCode).toBe(403);
    }
    const audit = await t.db.selectFrom('audit_log').select('after').where('action', '=', 'payments.provider.save').execute();
    expect(JSON.stringify(audit)).not.toContain(SERVER_KEY);
  });
});
