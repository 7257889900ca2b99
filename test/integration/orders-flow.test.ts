import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, silentLog, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Ctx, TenantCtx } from '../../src/kernel/context.js';
import { withTenant } from '../../src/db/tenant.js';
import { ticketLinksForOrder } from '../../src/events/order-hooks.js';
import { applyForMembership } from '../../src/members/apply-for-membership.js';
import { approveMember } from '../../src/members/approve-member.js';
import { addMember } from '../../src/members/add-member.js';
import { suspendMember } from '../../src/members/suspend-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { quoteCart } from '../../src/orders/quote-cart.js';
import { updateWork } from '../../src/catalogue/update-work.js';
import { saveQrisSettings } from '../../src/payments/qris-save-settings.js';
import { encodeTlv, parseTlv, withCrc } from '../../src/payments/qris.js';
import { checkout } from '../../src/orders/checkout.js';
import { applyPayment } from '../../src/orders/apply-payment.js';
import { expireOrders } from '../../src/orders/expire-orders.js';
import { getOrderSettings, saveOrderSettings } from '../../src/orders/order-settings.js';
import { isAppError } from '../../src/kernel/errors.js';
import { getOrder } from '../../src/orders/get-order.js';
import { memberBalance } from '../../src/ledger/get-member-ledger-balance.js';
import { DEFAULT_ORDER_SETTINGS } from '../../src/orders/model.js';
import { uploadWorkFile } from '../../src/downloads/upload-work-file.js';

let t: TestDb;
let app: App;
let base: string;
let a: SeededCoop;
let b: SeededCoop;
let ketua: TenantCtx;
let now = new Date('2026-11-23T03:00:00Z');
const clock: Clock = { now: () => now };
const m = {} as { sri: string; joko: string; dewi: string; suspended: string };
const w = {} as { kaos: string; kaosM: string; kaosL: string; album: string; zine: string; cheap: string };
let bendahara: Session;
let anggota: Session;
let otherBendahara: Session;
const STATIC_QRIS = withCrc([
  { tag: '00', value: '01' },
  { tag: '01', value: '11' },
  { tag: '26', value: encodeTlv([{ tag: '00', value: 'ID.CO.QRIS.WWW' }, { tag: '01', value: '936009153456789012' }, { tag: '02', value: 'ID1024567890123' }, { tag: '03', value: 'UMI' }]) },
  { tag: '52', value: '5947' },
  { tag: '53', value: '360' },
  { tag: '58', value: 'ID' },
  { tag: '59', value: 'KOPERASI PASAR UJI' },
  { tag: '60', value: 'YOGYAKARTA' }
]);

const guest = { name: 'Pembeli Umum', email: 'pembeli@contoh.id' };
/** Transfer is offered only with a bank account (decision 0155): the coop's settings carry one. */
const ACCOUNT = { bankName: 'BRI', accountNo: '0123-01-000456-30-1', accountName: 'Koperasi Lumbung Sari' };
const BASE = { ...DEFAULT_ORDER_SETTINGS, transferAccount: undefined, bankAccounts: [ACCOUNT] };
const http = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/v1${path}`, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
const ctxOf = (coop: SeededCoop, role: 'ketua' | 'bendahara' | 'anggota' | 'staf' | 'pengawas'): TenantCtx => coop.ctx(role, clock);
const plain = (tc: TenantCtx): Ctx => ({ db: tc.db, clock: tc.clock, log: tc.log, locale: tc.locale, actor: tc.actor });
const guestCtx = (): Ctx => ({ db: t.db, clock, log: silentLog, locale: 'id', actor: null });
const count = async (table: 'orders' | 'journal_entries' | 'invoices' | 'order_payments' | 'member_business_volume' | 'payouts') =>
  Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
const stockOf = async (variantId: string) => (await t.db.selectFrom('work_variants').select('stock').where('id', '=', variantId).executeTakeFirstOrThrow()).stock;
/** A real HTTP request over the socket as a signed-in session (parallel requests run in parallel transactions). */
const httpAs = async (s: Session, method: string, path: string, body?: unknown) => {
  const res = await http(method, path, body, { cookie: s.cookie, 'x-csrf-token': s.csrf });
  const text = await res.text();
  return { statusCode: res.status, headers: Object.fromEntries(res.headers), json: () => JSON.parse(text) };
};
const confirm = (coop: SeededCoop, s: Session, orderId: string, body: unknown) => httpAs(s, 'POST', `/coops/${coop.id}/orders/${orderId}/confirm-payment`, body);
const entryLines = async (entryId: string) =>
  (await sql<{ system_key: string; debit: number; credit: number; member_id: string | null }>`SELECT a.system_key, l.debit, l.credit, l.member_id FROM journal_lines l JOIN ledger_accounts a ON a.coop_id = l.coop_id AND a.id = l.account_id WHERE l.entry_id = ${entryId} ORDER BY l.line_no`.execute(t.db)).rows;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db, { clock });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  a = await seedCoop(t.db, { slug: 'kop-pasar-uji' });
  b = await seedCoop(t.db, { slug: 'kop-lain-pasar' });
  ketua = ctxOf(a, 'ketua');
  const asCtx = (role: 'anggota' | 'pengawas') => ({ ...plain(ctxOf(a, role)), coopId: a.id });
  const sri = await applyForMembership(asCtx('anggota'), { fullName: 'Sri Wahyuni', gender: 'F' });
  await approveMember(ketua, sri.id, {});
  m.sri = sri.id;
  const gone = await applyForMembership(asCtx('pengawas'), { fullName: 'Bambang Leksono', gender: 'M' });
  await approveMember(ketua, gone.id, {});
  await suspendMember(ketua, gone.id, { reason: 'tunggakan simpanan wajib' });
  m.suspended = gone.id;
  m.joko = (await addMember(ketua, { fullName: 'Joko Prasetyo', gender: 'M', asStatus: 'active' })).id;
  m.dewi = (await addMember(ketua, { fullName: 'Dewi Lestari', gender: 'F', asStatus: 'active' })).id;

  const publish = async (req: Parameters<typeof createWork>[1], creators: { memberId: string; shareBp: number }[]) => {
    const work = await createWork(ketua, req);
    await setWorkCreators(ketua, work.id, { creators });
    await publishWork(ketua, work.id);
    return work;
  };
  const kaos = await publish(
    { productLine: 'busana', title: 'Kaos Panen Raya', publicPrice: 150_000, memberPrice: 120_000, attributes: { material: 'katun' }, variants: [{ size: 'M', colour: 'Hitam', sku: 'KPR-M', stock: 7 }, { size: 'L', colour: 'Hitam', sku: 'KPR-L', stock: 50 }] } as never,
    [{ memberId: m.joko, shareBp: 6000 }, { memberId: m.dewi, shareBp: 4000 }]
  );
  w.kaos = kaos.id;
  w.kaosM = kaos.variants[0]!.id;
  w.kaosL = kaos.variants[1]!.id;
  w.album = (await publish({ productLine: 'suara', title: 'Lagu Sawah', publicPrice: 100_000, memberPrice: 80_000, attributes: { format: 'album', tracks: [{ title: 'Lagu Sawah', durationSec: 215 }] } } as never, [{ memberId: m.sri, shareBp: 3334 }, { memberId: m.joko, shareBp: 3333 }, { memberId: m.dewi, shareBp: 3333 }])).id;
  w.zine = (await publish({ productLine: 'aksara', title: 'Zine Kampung', publicPrice: 3_333, attributes: { format: 'zine', pages: 24 } } as never, [{ memberId: m.dewi, shareBp: 10000 }])).id;
  w.cheap = w.zine;
  await saveQrisSettings(ketua, { staticPayload: STATIC_QRIS });
  await saveOrderSettings(ketua, BASE);
  bendahara = await signInAs(app, a.accounts.bendahara);
  anggota = await signInAs(app, a.accounts.anggota);
  otherBendahara = await signInAs(app, b.accounts.bendahara);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('checkout and prices (marketplace.md #1, #3, #4, #18)', () => {
  it('a guest pays the public price whatever price the client sends; the order is non-member and awaiting payment', async () => {
    const res = await http('POST', `/public/coops/${a.slug}/checkout`, { lines: [{ workId: w.album, quantity: 2, unitPrice: 1, price: 1 }], paymentMethod: 'qris', buyer: guest, total: 5 });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'awaiting_payment', total: 200_000, buyerKind: 'non_member' });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const view = await (await http('GET', `/public/coops/${a.slug}/orders/${body.token}`)).json();
    expect(view.lines[0]).toMatchObject({ unitPrice: 100_000, priceKind: 'public', lineTotal: 200_000, isDigital: true });
    expect(view.subtotal + view.taxTotal).toBe(view.total);
  });

  it('an active member gets the member price; a suspended member does not', async () => {
    const member = await call(app, anggota, 'POST', `/api/v1/public/coops/${a.slug}/checkout`, { lines: [{ workId: w.album, quantity: 1 }], paymentMethod: 'cash' });
    expect(member.statusCode).toBe(201);
    expect(member.json()).toMatchObject({ total: 80_000, buyerKind: 'member' });
    const suspended = await checkout(plain(ctxOf(a, 'pengawas')), a.slug, { lines: [{ workId: w.album, quantity: 1 }], paymentMethod: 'cash' });
    expect(suspended).toMatchObject({ total: 100_000, buyerKind: 'non_member' });
  });

  it('rejects fractional, negative and zero quantities and a guest without contact with a 4xx, writing nothing', async () => {
    const before = await count('orders');
    for (const quantity of [1.5, -1, 0]) {
      const res = await http('POST', `/public/coops/${a.slug}/checkout`, { lines: [{ workId: w.album, quantity }], paymentMethod: 'qris', buyer: guest });
      expect(res.status).toBe(400);
    }
    const noContact = await http('POST', `/public/coops/${a.slug}/checkout`, { lines: [{ workId: w.album, quantity: 1 }], paymentMethod: 'qris', buyer: { name: 'Tanpa Kontak' } }, { 'accept-language': 'en' });
    expect(noContact.status).toBe(400);
    expect(await noContact.json()).toMatchObject({ code: 'ORDER_BUYER_REQUIRED', message: expect.stringContaining("buyer's name") });
    const noVariant = await http('POST', `/public/coops/${a.slug}/checkout`, { lines: [{ workId: w.kaos, quantity: 1 }], paymentMethod: 'qris', buyer: guest });
    expect(noVariant.status).toBe(400);
    expect(await count('orders')).toBe(before);
  });

  it('a double-submitted checkout (same idempotency key) is one order; only the newest token opens it', async () => {
    const body = { lines: [{ workId: w.zine, quantity: 1 }], paymentMethod: 'cash', buyer: guest, idempotencyKey: 'form-123456789' };
    const before = await count('orders');
    const [x, y] = await Promise.all([http('POST', `/public/coops/${a.slug}/checkout`, body), http('POST', `/public/coops/${a.slug}/checkout`, body)]);
    const [bx, by] = [await x.json(), await y.json()];
    expect(bx.orderId).toBe(by.orderId);
    expect(await count('orders')).toBe(before + 1);
    const statuses = [(await http('GET', `/public/coops/${a.slug}/orders/${bx.token}`)).status, (await http('GET', `/public/coops/${a.slug}/orders/${by.token}`)).status].sort();
    expect(statuses).toEqual([200, 404]);
  });

  it('snapshots prices and rates: editing the work later changes no placed order', async () => {
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.zine, quantity: 3 }], paymentMethod: 'cash', buyer: guest });
    await updateWork(ketua, w.zine, { productLine: 'aksara', title: 'Zine Kampung', publicPrice: 9_999, attributes: { format: 'zine', pages: 24 } } as never);
    const view = await getOrder(ketua, o.orderId);
    expect(view.lines[0]).toMatchObject({ unitPrice: 3_333, lineTotal: 9_999 });
    expect(view.total).toBe(9_999);
    const line = await t.db.selectFrom('order_lines').select(['commission_bp', 'commission', 'creators']).where('order_id', '=', o.orderId).executeTakeFirstOrThrow();
    expect(line.commission_bp).toBe(1500);
    expect(line.commission).toBe(1_500); // 15% of 3.333 = 499,95 → 500 per unit × 3
    expect(line.creators).toEqual([{ memberId: m.dewi, creditName: expect.any(String), shareBp: 10000 }]);
    await updateWork(ketua, w.zine, { productLine: 'aksara', title: 'Zine Kampung', publicPrice: 3_333, attributes: { format: 'zine', pages: 24 } } as never);
  });
});

describe('stock (marketplace.md #9, #10)', () => {
  it('never oversells: 24 parallel HTTP checkouts for 7 units; the losers get 409 "Stok habis" before any payment', async () => {
    const before = await stockOf(w.kaosM);
    expect(before).toBe(7);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        http('POST', `/public/coops/${a.slug}/checkout`, { lines: [{ workId: w.kaos, variantId: w.kaosM, quantity: i % 3 === 0 ? 2 : 1 }], paymentMethod: 'qris', buyer: { name: `Pembeli ${i}`, phone: `0812000000${String(i).padStart(2, '0')}` } }).then(async (r) => ({
          status: r.status,
          body: await r.json(),
          qty: i % 3 === 0 ? 2 : 1
        }))
      )
    );
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    const sold = won.reduce((s, r) => s + r.qty, 0);
    expect(sold).toBeLessThanOrEqual(7);
    expect(sold).toBeGreaterThanOrEqual(6);
    expect(await stockOf(w.kaosM)).toBe(7 - sold);
    for (const l of lost) {
      expect(l.status).toBe(409);
      expect(l.body.code).toBe('ORDER_OUT_OF_STOCK');
      expect(l.body.message).toMatch(/Stok habis/);
    }
    // No order, payment or journal entry for a loser.
    const orders = await t.db.selectFrom('order_lines').select(sql<number>`sum(quantity)`.as('n')).where('variant_id', '=', w.kaosM).executeTakeFirstOrThrow();
    expect(Number(orders.n)).toBe(sold);
  });

  it('sells an original once and a numbered edition no more than its size, even to parallel buyers; a cancel gives the unit back', async () => {
    const rupa = async (title: string, attributes: Record<string, unknown>) => {
      const work = await createWork(ketua, { productLine: 'rupa', title, publicPrice: 750_000, attributes } as never);
      await setWorkCreators(ketua, work.id, { creators: [{ memberId: m.sri, shareBp: 10000 }] });
      await publishWork(ketua, work.id);
      return work.id;
    };
    const buy = (workId: string, i: number) =>
      http('POST', `/public/coops/${a.slug}/checkout`, { lines: [{ workId, quantity: 1 }], paymentMethod: 'transfer', buyer: { name: `Kolektor ${i}`, phone: `0813000000${String(i).padStart(2, '0')}` } }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const original = await rupa('Lukisan Sawah Pagi', { kind: 'original', medium: 'cat minyak di kanvas', widthMm: 600, heightMm: 400 });
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => buy(original, i)));
    const won = first.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    expect(first.filter((r) => r.status === 409).every((r) => r.body.code === 'ORDER_OUT_OF_STOCK')).toBe(true);
    const quote = await quoteCart(guestCtx(), a.slug, { lines: [{ workId: original, quantity: 1 }] });
    expect(quote.lines[0]).toMatchObject({ stock: 0, problem: 'out_of_stock' });
    // The buyer cancels: the original is for sale again, once.
    expect((await http('POST', `/public/coops/${a.slug}/orders/${won[0]!.body.token}/cancel`)).status).toBe(200);
    const second = await Promise.all(Array.from({ length: 4 }, (_, i) => buy(original, 20 + i)));
    expect(second.filter((r) => r.status === 201)).toHaveLength(1);

    const edition = await rupa('Cetak Saring Ombak', { kind: 'edition', medium: 'cetak saring', widthMm: 300, heightMm: 400, editionSize: 3 });
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => buy(edition, 40 + i)));
    expect(runs.filter((r) => r.status === 201)).toHaveLength(3);
    // The edition cannot be made smaller than what is already ordered.
    await expect(updateWork(ketua, edition, { productLine: 'rupa', title: 'Cetak Saring Ombak', publicPrice: 750_000, attributes: { kind: 'edition', medium: 'cetak saring', widthMm: 300, heightMm: 400, editionSize: 2 } } as never)).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.fields.some((f) => f.field === 'attributes.editionSize')
    );
    // The storefront says the original is sold and how much of the edition is left.
    const store = (await (await http('GET', `/public/coops/${a.slug}/store?q=${encodeURIComponent('Lukisan Sawah Pagi')}`)).json()) as { items: { title: string; stock: number | null }[] };
    expect(store.items.find((i) => i.title === 'Lukisan Sawah Pagi')?.stock).toBe(0);
    const units = await t.db.selectFrom('works').select(['unit_limit', 'units_taken']).where('id', 'in', [original, edition]).orderBy('title').execute();
    expect(units).toEqual([{ unit_limit: 3, units_taken: 3 }, { unit_limit: 1, units_taken: 1 }]);
  });

  it('expired reservations return their units exactly once, even with two sweeps at the same time', async () => {
    const stock0 = await stockOf(w.kaosL);
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.kaos, variantId: w.kaosL, quantity: 4 }], paymentMethod: 'transfer', buyer: guest });
    expect(await stockOf(w.kaosL)).toBe(stock0 - 4);
    expect(await expireOrders(t.db, clock, silentLog, { coopId: a.id })).toBe(0);
    const saved = now;
    // A transfer's window is one day by default (decision 0155).
    now = new Date(now.getTime() + 24 * 3_600_000 + 60_000);
    try {
      const [x, y] = await Promise.all([expireOrders(t.db, clock, silentLog, { coopId: a.id }), expireOrders(t.db, clock, silentLog, { coopId: a.id })]);
      expect(x + y).toBeGreaterThanOrEqual(1);
      expect(await stockOf(w.kaosL)).toBe(stock0);
      expect(await expireOrders(t.db, clock, silentLog, { coopId: a.id })).toBe(0);
      expect(await stockOf(w.kaosL)).toBe(stock0);
      const view = await getOrder(ketua, o.orderId);
      expect(view.status).toBe('cancelled');
      // A payment arriving after expiry never marks it paid.
      const r = await withTenant(t.db, a.id, (trx) => applyPayment(trx, a.id, { orderId: o.orderId, method: 'transfer', amount: o.total, reference: 'late' }));
      expect(r.outcome).toBe('not_payable');
    } finally {
      now = saved;
    }
  });
});

describe('payment and money flow (marketplace.md #2, #7, #14, #15, #17, #19)', () => {
  it('a wrong amount never marks the order paid; parallel confirmations post ONE balanced entry and ONE invoice', async () => {
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.album, quantity: 1 }, { workId: w.kaos, variantId: w.kaosL, quantity: 1 }], paymentMethod: 'qris', buyer: guest });
    expect(o.total).toBe(250_000);
    const entries0 = await count('journal_entries');
    const wrong = await confirm(a, bendahara, o.orderId, { amount: 249_999 });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('ORDER_AMOUNT_MISMATCH');
    expect(await count('journal_entries')).toBe(entries0);
    for (const amount of [249_999.5, -250_000]) expect((await confirm(a, bendahara, o.orderId, { amount })).statusCode).toBe(400);
    expect((await httpAs(bendahara, 'POST', `/coops/${a.id}/producers/${m.joko}/payouts`, { amount: 10.5, reference: 'PO-FRAC', method: 'bank' })).statusCode).toBe(400);
    expect(await count('journal_entries')).toBe(entries0);
    const viaHook = await withTenant(t.db, a.id, (trx) => applyPayment(trx, a.id, { orderNo: o.orderNo, method: 'gateway', amount: 250_001, reference: 'x' }));
    expect(viaHook.outcome).toBe('amount_mismatch');

    const invoices0 = await count('invoices');
    const all = await Promise.all(Array.from({ length: 6 }, () => confirm(a, bendahara, o.orderId, { amount: 250_000, reference: 'QRIS-123' })));
    expect(all.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await count('journal_entries')).toBe(entries0 + 1);
    expect(await count('invoices')).toBe(invoices0 + 1);
    const view = all[0]!.json();
    expect(view).toMatchObject({ status: 'paid', paid: true, paidAmount: 250_000 });
    // Split: album 100.000 (10% commission → 90.000 to three creators, 30.000 each) + kaos 150.000 (20% → 120.000: 72.000 / 48.000).
    const lines = await entryLines(view.ledgerEntryIds[0]);
    expect(lines.reduce((s, l) => s + l.debit, 0)).toBe(250_000);
    expect(lines.reduce((s, l) => s + l.credit, 0)).toBe(250_000);
    expect(lines.find((l) => l.system_key === 'BANK')!.debit).toBe(250_000);
    expect(lines.find((l) => l.system_key === 'SALES_NON_MEMBER')!.credit).toBe(10_000 + 30_000);
    const producer = (id: string) => lines.filter((l) => l.system_key === 'PAYABLE_TO_PRODUCERS' && l.member_id === id).reduce((s, l) => s + l.credit, 0);
    // 90.000 by 3334/3333/3333 bp, largest remainder: 30.006 + 29.997 + 29.997.
    expect(producer(m.sri)).toBe(30_006);
    expect(producer(m.joko)).toBe(29_997 + 72_000);
    expect(producer(m.dewi)).toBe(29_997 + 48_000);
    expect(lines.some((l) => l.system_key === 'SALES_MEMBER')).toBe(false);
    // Business volume: creators' WORK_SALES, no MEMBER_PURCHASES for a guest.
    const vol = await t.db.selectFrom('member_business_volume').select(['member_id', 'category', 'amount']).where('source_ref', '=', `payment:${o.orderId}`).execute();
    expect(vol.filter((v) => v.category === 'MEMBER_PURCHASES')).toEqual([]);
    expect(vol.find((v) => v.member_id === m.joko)!.amount).toBe(101_997);
  });

  it('a member buyer: SALES_MEMBER and MEMBER_PURCHASES; MDR is the coop expense, the buyer pays no surcharge', async () => {
    await saveOrderSettings(ketua, { ...BASE, mdrBp: { ...DEFAULT_ORDER_SETTINGS.mdrBp, qris: 70 }, mdrFreeUpTo: 50_000 });
    const o = (await call(app, anggota, 'POST', `/api/v1/public/coops/${a.slug}/checkout`, { lines: [{ workId: w.album, quantity: 1 }], paymentMethod: 'qris' })).json();
    expect(o.total).toBe(80_000);
    const view = (await confirm(a, bendahara, o.orderId, { amount: 80_000 })).json();
    const lines = await entryLines(view.ledgerEntryIds[0]);
    expect(lines.find((l) => l.system_key === 'PAYMENT_FEES')!.debit).toBe(560);
    expect(lines.find((l) => l.system_key === 'BANK')!.debit).toBe(79_440);
    expect(lines.find((l) => l.system_key === 'SALES_MEMBER')!.credit).toBe(8_000);
    expect(view.split).toMatchObject({ coopMargin: 8_000, paymentFee: 560, tax: 0 });
    const vol = await t.db.selectFrom('member_business_volume').select(['member_id', 'category', 'amount']).where('source_ref', '=', `payment:${o.orderId}`).execute();
    expect(vol).toContainEqual({ member_id: m.sri, category: 'MEMBER_PURCHASES', amount: 80_000 });
    const day = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const coll = (await httpAs(bendahara, 'GET', `/coops/${a.id}/orders/collections?from=${day}&to=${day}`)).json();
    const qris = coll.items.find((r: { method: string }) => r.method === 'qris');
    expect(qris).toMatchObject({ date: day, fee: 560, confirmedBy: a.accounts.bendahara.name });
    expect(qris.gross - qris.fee).toBe(qris.net);
    await saveOrderSettings(ketua, BASE);
  });

  it('COD may be handed over before it is paid; the producers are owed only once the money is confirmed', async () => {
    const dewi0 = await withTenant(t.db, a.id, (trx) => memberBalance(trx, a.id, m.dewi, 'PAYABLE_TO_PRODUCERS'));
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.zine, quantity: 1 }], paymentMethod: 'cod', buyer: guest });
    expect(o.expiresAt).toBeNull();
    const fulfilled = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/fulfil`, {});
    expect(fulfilled.json()).toMatchObject({ status: 'fulfilled', paid: false });
    expect(await withTenant(t.db, a.id, (trx) => memberBalance(trx, a.id, m.dewi, 'PAYABLE_TO_PRODUCERS'))).toBe(dewi0);
    const paid = (await confirm(a, bendahara, o.orderId, { amount: 3_333, method: 'cod' })).json();
    expect(paid).toMatchObject({ status: 'fulfilled', paid: true });
    expect(await withTenant(t.db, a.id, (trx) => memberBalance(trx, a.id, m.dewi, 'PAYABLE_TO_PRODUCERS'))).toBe(dewi0 + 3_333 - 500);
    expect((await entryLines(paid.ledgerEntryIds[0])).find((l) => l.system_key === 'CASH')!.debit).toBe(3_333);
    // A second hand-over is an illegal transition, answered in the user's language.
    const again = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/fulfil`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ORDER_TRANSITION_INVALID', message: expect.stringContaining('tidak diizinkan') });
  });

  it('QRIS orders show a dynamic QRIS for the exact amount; a transfer proof waits for the bendahara', async () => {
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.album, quantity: 3 }], paymentMethod: 'qris', buyer: guest });
    const view = await (await http('GET', `/public/coops/${a.slug}/orders/${o.token}`)).json();
    expect(view.qris.amount).toBe(300_000);
    expect(parseTlv(view.qris.payload)!.find((f: { tag: string }) => f.tag === '54')?.value).toBe('300000');
    expect(view.qris.svg).toContain('<svg');
    expect((await http('GET', `/public/coops/${a.slug}/orders/not-a-real-token-000000000`)).status).toBe(404);

    const tr = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.zine, quantity: 1 }], paymentMethod: 'transfer', buyer: guest });
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
    const bad = await http('POST', `/public/coops/${a.slug}/orders/${tr.token}/transfer-proof`, { mime: 'image/png', data: Buffer.from('not an image').toString('base64') });
    expect(bad.status).toBe(400);
    const up = await http('POST', `/public/coops/${a.slug}/orders/${tr.token}/transfer-proof`, { mime: 'image/png', data: png, payerName: 'Pembeli Umum' });
    expect(up.status).toBe(201);
    const { paymentId } = await up.json();
    const waiting = (await call(app, bendahara, 'GET', `/api/v1/coops/${a.id}/orders/awaiting-confirmation`)).json();
    expect(waiting.items[0]).toMatchObject({ id: tr.orderId, proofSubmitted: true, paid: false });
    const proof = await call(app, bendahara, 'GET', `/api/v1/coops/${a.id}/orders/${tr.orderId}/payments/${paymentId}/proof`);
    expect(proof.headers['content-type']).toBe('image/png');
    const done = (await confirm(a, bendahara, tr.orderId, { amount: 3_333, paymentId })).json();
    expect(done.payments).toEqual([expect.objectContaining({ id: paymentId, status: 'confirmed', hasProof: true })]);
  });

  it('offers transfer only with a bank account and shows every account; refuses a malformed account number', async () => {
    const current = await getOrderSettings(ctxOf(a, 'ketua'));
    await saveOrderSettings(ctxOf(a, 'bendahara'), { ...current, transferAccount: null, bankAccounts: undefined });
    const before = await count('orders');
    await expect(checkout(guestCtx(), a.slug, { lines: [{ workId: w.zine, quantity: 1 }], paymentMethod: 'transfer', buyer: guest })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.code === 'ORDER_METHOD_NOT_OFFERED' && e.status === 409 && e.fields.some((f) => f.field === 'paymentMethod')
    );
    expect(await count('orders')).toBe(before);
    await expect(saveOrderSettings(ctxOf(a, 'bendahara'), { ...current, transferAccount: undefined, bankAccounts: [{ bankName: 'BRI', accountNo: '12ab', accountName: 'Koperasi' }] })).rejects.toSatisfy(
      (e: unknown) => isAppError(e) && e.fields.some((f) => f.field === 'bankAccounts.0.accountNo')
    );
    const second = { bankName: 'Bank Jateng', accountNo: '2-034-05678-9', accountName: 'Koperasi Lumbung Sari' };
    await saveOrderSettings(ctxOf(a, 'bendahara'), { ...current, transferAccount: undefined, bankAccounts: [ACCOUNT, second] });
    const tr = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.zine, quantity: 1 }], paymentMethod: 'transfer', buyer: guest });
    const view = await (await http('GET', `/public/coops/${a.slug}/orders/${tr.token}`)).json();
    expect(view.transferAccount).toEqual(ACCOUNT);
    expect(view.bankAccounts).toEqual([ACCOUNT, second]);
    // Saving other settings without the field keeps the accounts; a QRIS order does not show them.
    const { transferAccount: _kept, bankAccounts: _all, ...rest } = await getOrderSettings(ctxOf(a, 'ketua'));
    await saveOrderSettings(ctxOf(a, 'bendahara'), rest);
    expect((await getOrderSettings(ctxOf(a, 'ketua'))).bankAccounts).toEqual([ACCOUNT, second]);
    const q = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.zine, quantity: 1 }], paymentMethod: 'qris', buyer: guest });
    expect((await (await http('GET', `/public/coops/${a.slug}/orders/${q.token}`)).json()).bankAccounts).toEqual([]);
    await saveOrderSettings(ctxOf(a, 'bendahara'), BASE);
  });

  it('PPN on: DPP = 11/12, PPN = 12% of DPP, total = harga jual + PPN, credited to Utang pajak', async () => {
    await saveOrderSettings(ketua, { ...BASE, ppnEnabled: true });
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.album, quantity: 1 }], paymentMethod: 'cash', buyer: guest });
    expect(o.total).toBe(111_000);
    const view = (await confirm(a, bendahara, o.orderId, { amount: 111_000 })).json();
    expect(view.lines[0]).toMatchObject({ lineTotal: 100_000, dpp: 91_667, ppn: 11_000 });
    expect((await entryLines(view.ledgerEntryIds[0])).find((l) => l.system_key === 'TAX_PAYABLE')!.credit).toBe(11_000);
    const pdf = await http('GET', `/public/coops/${a.slug}/orders/${o.token}/invoice.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await saveOrderSettings(ketua, BASE);
  });
});

describe('invoices (marketplace.md #26)', () => {
  it('are numbered 1..N without gaps under parallel confirmations, immutable, and corrected with a new number', async () => {
    const orders = [];
    for (let i = 0; i < 8; i++) orders.push(await checkout(guestCtx(), a.slug, { lines: [{ workId: w.zine, quantity: 1 }], paymentMethod: 'cash', buyer: guest }));
    await Promise.all(orders.map((o) => confirm(a, bendahara, o.orderId, { amount: 3_333 })));
    const rows = await t.db.selectFrom('invoices').select(['seq', 'year', 'invoice_no']).where('coop_id', '=', a.id).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.at(-1)!.invoice_no).toBe(`INV-2026-${String(rows.length).padStart(5, '0')}`);
    await expect(sql`UPDATE invoices SET total = 1 WHERE coop_id = ${a.id}`.execute(t.db)).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM invoices WHERE coop_id = ${a.id}`.execute(t.db)).rejects.toThrow(/immutable/);
    const first = orders[0]!;
    const original = await t.db.selectFrom('invoices').select(['id', 'invoice_no', 'data']).where('order_id', '=', first.orderId).executeTakeFirstOrThrow();
    const fixed = await httpAs(bendahara, 'POST', `/coops/${a.id}/orders/${first.orderId}/invoice-correction`, { reason: 'nama pembeli salah ketik', buyer: { name: 'Pembeli Umum Benar' } });
    expect(fixed.statusCode).toBe(200);
    const after = await t.db.selectFrom('invoices').select(['id', 'invoice_no', 'kind', 'corrects_invoice_id', 'seq', 'data']).where('order_id', '=', first.orderId).orderBy('seq').execute();
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ id: original.id, invoice_no: original.invoice_no, data: original.data });
    expect(after[1]).toMatchObject({ kind: 'correction', corrects_invoice_id: original.id, seq: rows.length + 1 });
    expect((after[1]!.data as { buyer: { name: string } }).buyer.name).toBe('Pembeli Umum Benar');
  });
});

describe('refunds and cancelling (marketplace.md #6, #29)', () => {
  it('partial then full refund reverse the split exactly, with correction invoices and negative business volume', async () => {
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.album, quantity: 1 }], paymentMethod: 'transfer', buyer: guest });
    const bal = () => withTenant(t.db, a.id, async (trx) => [await memberBalance(trx, a.id, m.sri, 'PAYABLE_TO_PRODUCERS'), await memberBalance(trx, a.id, m.joko, 'PAYABLE_TO_PRODUCERS'), await memberBalance(trx, a.id, m.dewi, 'PAYABLE_TO_PRODUCERS')]);
    const before = await bal();
    await confirm(a, bendahara, o.orderId, { amount: 100_000 });
    const after = await bal();
    expect(after.map((x, i) => x - before[i]!)).toEqual([30_006, 29_997, 29_997]);
    const part = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/refund`, { amount: 33_333, reason: 'satu lagu rusak', reference: 'RF-1' });
    expect(part.statusCode).toBe(200);
    expect(part.json()).toMatchObject({ status: 'paid', refundedAmount: 33_333 });
    const again = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/refund`, { amount: 33_333, reason: 'satu lagu rusak', reference: 'RF-1' });
    expect(again.json().refundedAmount).toBe(33_333);
    const refund1 = await entryLines(part.json().ledgerEntryIds[1]);
    expect(refund1.reduce((s, l) => s + l.debit, 0)).toBe(33_333);
    expect(refund1.reduce((s, l) => s + l.credit, 0)).toBe(33_333);
    const over = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/refund`, { amount: 66_668, reason: 'terlalu banyak', reference: 'RF-2' });
    expect(over.statusCode).toBe(409);
    const full = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/orders/${o.orderId}/refund`, { reason: 'semua dikembalikan', reference: 'RF-3' });
    expect(full.json()).toMatchObject({ status: 'refunded', refundedAmount: 100_000 });
    expect(await bal()).toEqual(before);
    const refundIds = (await t.db.selectFrom('order_refunds').select('id').where('order_id', '=', o.orderId).execute()).map((r) => `refund:${r.id}`);
    expect(refundIds).toHaveLength(2);
    const vol = await t.db
      .selectFrom('member_business_volume')
      .select(['member_id', sql<string>`sum(amount)`.as('s'), sql<string>`count(*)`.as('n')])
      .where('source_ref', 'in', [`payment:${o.orderId}`, ...refundIds])
      .where('category', '=', 'WORK_SALES')
      .groupBy('member_id')
      .execute();
    expect(vol).toHaveLength(3);
    for (const v of vol) {
      expect(Number(v.s)).toBe(0);
      expect(Number(v.n)).toBe(3);
    }
    const invs = await t.db.selectFrom('invoices').select(['kind', 'corrects_invoice_id', 'id']).where('order_id', '=', o.orderId).orderBy('seq').execute();
    expect(invs.map((i) => i.kind)).toEqual(['invoice', 'correction', 'correction']);
    expect(invs[1]!.corrects_invoice_id).toBe(invs[0]!.id);
    expect(invs[2]!.corrects_invoice_id).toBe(invs[1]!.id);
  });

  it('cancelling a paid order refunds and restocks exactly once, even when cancelled twice at the same time', async () => {
    const stock0 = await stockOf(w.kaosL);
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.kaos, variantId: w.kaosL, quantity: 3 }], paymentMethod: 'cash', buyer: guest });
    await confirm(a, bendahara, o.orderId, { amount: 450_000 });
    expect(await stockOf(w.kaosL)).toBe(stock0 - 3);
    const entries0 = await count('journal_entries');
    const both = await Promise.all([1, 2].map(() => httpAs(bendahara, 'POST', `/coops/${a.id}/orders/${o.orderId}/cancel`, { reason: 'pembeli batal' })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await stockOf(w.kaosL)).toBe(stock0);
    expect(await count('journal_entries')).toBe(entries0 + 1);
    const view = await getOrder(ketua, o.orderId);
    expect(view).toMatchObject({ status: 'refunded', refundedAmount: 450_000 });
    expect(view.refunds).toHaveLength(1);
    // Unpaid cancel: stock back, and cancelling again is rejected.
    const u = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.kaos, variantId: w.kaosL, quantity: 2 }], paymentMethod: 'qris', buyer: guest });
    const c1 = await http('POST', `/public/coops/${a.slug}/orders/${u.token}/cancel`);
    expect(c1.status).toBe(200);
    expect((await http('POST', `/public/coops/${a.slug}/orders/${u.token}/cancel`)).status).toBe(409);
    expect(await stockOf(w.kaosL)).toBe(stock0);
  });
});

describe('producer balances and payouts (marketplace.md #16)', () => {
  it('parallel payouts never exceed the ledger balance; the same reference pays once', async () => {
    const balance = await withTenant(t.db, a.id, (trx) => memberBalance(trx, a.id, m.joko, 'PAYABLE_TO_PRODUCERS'));
    expect(balance).toBeGreaterThan(0);
    const chunk = Math.floor(balance / 3) + 1; // three chunks do not fit; two do
    const res = await Promise.all(Array.from({ length: 6 }, (_, i) => httpAs(bendahara, 'POST', `/coops/${a.id}/producers/${m.joko}/payouts`, { amount: chunk, reference: `PO-${i}`, method: 'bank' })));
    const ok = res.filter((r) => r.statusCode === 201);
    expect(ok).toHaveLength(2);
    expect(res.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'PAYOUT_EXCEEDS_BALANCE')).toBe(true);
    const left = await withTenant(t.db, a.id, (trx) => memberBalance(trx, a.id, m.joko, 'PAYABLE_TO_PRODUCERS'));
    expect(left).toBe(balance - 2 * chunk);
    expect(left).toBeGreaterThanOrEqual(0);
    const payouts0 = await count('payouts');
    const dup = await Promise.all([1, 2, 3].map(() => httpAs(bendahara, 'POST', `/coops/${a.id}/producers/${m.joko}/payouts`, { amount: 1, reference: 'PO-SAME', method: 'cash' })));
    expect(dup.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(await count('payouts')).toBe(payouts0 + 1);
    const conflict = await call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/producers/${m.joko}/payouts`, { amount: 2, reference: 'PO-SAME', method: 'cash' });
    expect(conflict.statusCode).toBe(409);
    const balances = (await call(app, bendahara, 'GET', `/api/v1/coops/${a.id}/producers/balances`)).json();
    expect(balances.items.find((x: { memberId: string }) => x.memberId === m.joko).balance).toBe(left - 1);
  });

  it('the anggota sees their own sales with their exact share', async () => {
    const mine = (await call(app, anggota, 'GET', `/api/v1/coops/${a.id}/my-sales`)).json();
    expect(mine.memberId).toBe(m.sri);
    expect(mine.sales.length).toBeGreaterThan(0);
    expect(mine.sales.find((s: { lineTotal: number }) => s.lineTotal === 100_000).myShare).toBe(30_006);
  });
});

describe('agenda seats (helper B hooks)', () => {
  it('holds seats at checkout, refuses a full event before payment, and gives seats back on cancel', async () => {
    const ev = await createWork(ketua, {
      productLine: 'agenda',
      title: 'Lokakarya Sablon',
      publicPrice: 50_000,
      attributes: { kind: 'workshop' },
      event: { startsAt: '2026-12-20T09:00:00+07:00', venue: 'Pendopo Uji', capacity: 2 }
    } as never);
    await setWorkCreators(ketua, ev.id, { creators: [{ memberId: m.dewi, shareBp: 10000 }] });
    await publishWork(ketua, ev.id);
    const first = await checkout(guestCtx(), a.slug, { lines: [{ workId: ev.id, quantity: 2 }], paymentMethod: 'qris', buyer: guest });
    const full = await http('POST', `/public/coops/${a.slug}/checkout`, { lines: [{ workId: ev.id, quantity: 1 }], paymentMethod: 'qris', buyer: guest });
    expect(full.status).toBe(409);
    const ordersBefore = await count('orders');
    expect((await http('POST', `/public/coops/${a.slug}/orders/${first.token}/cancel`)).status).toBe(200);
    expect(await count('orders')).toBe(ordersBefore);
    const again = await checkout(guestCtx(), a.slug, { lines: [{ workId: ev.id, quantity: 1 }], paymentMethod: 'cash', buyer: guest });
    const paid = (await confirm(a, bendahara, again.orderId, { amount: 50_000 })).json();
    expect(paid.paid).toBe(true);
    const tickets = await t.db
      .selectFrom('event_tickets as tk')
      .innerJoin('event_registrations as r', (j) => j.onRef('r.coop_id', '=', 'tk.coop_id').onRef('r.id', '=', 'tk.registration_id'))
      .select('tk.id')
      .where('r.order_id', '=', again.orderId)
      .execute();
    expect(tickets).toHaveLength(1);
    // The buyer's order page links the ticket's QR page.
    const links = await withTenant(t.db, a.id, (trx) => ticketLinksForOrder(trx, a.id, again.orderId));
    expect(links).toEqual([{ workId: ev.id, seatNo: 1, url: expect.stringMatching(new RegExp(`^/koperasi/${a.slug}/tiket/[A-Za-z0-9_-]{22,}$`)) }]);
  });
});

describe('digital works (helper B hooks, marketplace.md #13)', () => {
  it('a paid digital line grants one download entitlement, even with parallel confirmations; a full refund revokes it', async () => {
    const ebook = await createWork(ketua, { productLine: 'aksara', title: 'Buku Elektronik Kampung', publicPrice: 40_000, attributes: { format: 'ebook', pages: 80 } } as never);
    await setWorkCreators(ketua, ebook.id, { creators: [{ memberId: m.sri, shareBp: 10000 }] });
    await publishWork(ketua, ebook.id);
    await uploadWorkFile(ketua, ebook.id, { kind: 'download', filename: 'buku.mp3', contentType: 'audio/mpeg', data: Buffer.from('ID3 demo audio bytes'), licenceTerms: 'Untuk dibaca sendiri.' });
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: ebook.id, quantity: 1 }, { workId: w.zine, quantity: 1 }], paymentMethod: 'qris', buyer: guest });
    const view = await getOrder(ketua, o.orderId);
    expect(view.lines.map((l) => l.isDigital)).toEqual([true, false]);
    await Promise.all([1, 2, 3].map(() => confirm(a, bendahara, o.orderId, { amount: 43_333 })));
    const ents = await t.db.selectFrom('download_entitlements').select(['work_id', 'revoked_at', 'licence_terms']).where('order_id', '=', o.orderId).execute();
    expect(ents).toEqual([{ work_id: ebook.id, revoked_at: null, licence_terms: 'Untuk dibaca sendiri.' }]);
    await httpAs(bendahara, 'POST', `/coops/${a.id}/orders/${o.orderId}/refund`, { reason: 'salah beli', reference: 'RF-EBOOK' });
    const after = await t.db.selectFrom('download_entitlements').select('revoked_at').where('order_id', '=', o.orderId).execute();
    expect(after[0]!.revoked_at).not.toBeNull();
  });
});

describe('tenancy and roles', () => {
  it("another coop's bendahara and a plain anggota cannot see or confirm the orders", async () => {
    const o = await checkout(guestCtx(), a.slug, { lines: [{ workId: w.zine, quantity: 1 }], paymentMethod: 'cash', buyer: guest });
    expect((await call(app, otherBendahara, 'GET', `/api/v1/coops/${a.id}/orders/${o.orderId}`)).statusCode).toBe(404);
    expect((await confirm(a, otherBendahara, o.orderId, { amount: 3_333 })).statusCode).toBe(404);
    expect((await call(app, otherBendahara, 'GET', `/api/v1/coops/${b.id}/orders/${o.orderId}`)).statusCode).toBe(404);
    expect((await confirm(b, otherBendahara, o.orderId, { amount: 3_333 })).statusCode).toBe(404);
    expect((await confirm(a, anggota, o.orderId, { amount: 3_333 })).statusCode).toBe(403);
    expect((await call(app, anggota, 'GET', `/api/v1/coops/${a.id}/orders`)).statusCode).toBe(403);
  });
});
