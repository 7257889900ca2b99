import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { withTenant } from '../../src/db/tenant.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { holdSeats, issueTickets, releaseSeats } from '../../src/events/order-hooks.js';
import { sweepExpiredOffers } from '../../src/events/expire-offers.js';
import { checkout } from '../../src/orders/checkout.js';
import { applyPayment } from '../../src/orders/apply-payment.js';
import { expireOrder } from '../../src/orders/expire-orders.js';
import type { Ctx } from '../../src/kernel/context.js';

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let creator: string;

async function seedEvent(coop: SeededCoop, title: string, capacity: number, free: boolean): Promise<{ id: string; slug: string }> {
  const ketua = coop.ctx('ketua');
  const w = await createWork(ketua, {
    productLine: 'agenda',
    title,
    description: 'Lokakarya di balai desa.',
    publicPrice: 50_000,
    attributes: { kind: 'workshop' },
    event: { startsAt: '2026-12-20T09:00:00+07:00', venue: 'Balai RW 05', capacity },
    creators: [{ memberId: creator, creditName: 'Sri', shareBp: 10_000 }]
  });
  await publishWork(ketua, w.id);
  if (free) {
    const s = await signInAs(app, coop.accounts.ketua);
    const r = await call(app, s, 'PUT', `/api/v1/coops/${coop.id}/events/${w.id}/settings`, { freeRegistration: true });
    expect(r.statusCode).toBe(200);
  }
  return { id: w.id, slug: w.slug };
}

const taken = async (workId: string) => (await t.db.selectFrom('event_seats').select('taken').where('work_id', '=', workId).executeTakeFirst())?.taken ?? 0;
const validTickets = async (workId: string) => t.db.selectFrom('event_tickets').selectAll().where('work_id', '=', workId).where('status', '=', 'valid').execute();

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
  const m = await addMember(a.ctx('ketua'), { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' });
  creator = m.id;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('event capacity under real parallel registrations', () => {
  it('25 parallel free registrations for 10 places: exactly 10 succeed, the rest get 409 EVENT_FULL offering the waitlist', async () => {
    const ev = await seedEvent(a, 'Lokakarya Cukil Kayu', 10, true);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/registrations`, { name: `Peserta ${i}`, email: `p${i}@contoh.id` }))
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(15);
    const full = results.find((r) => r.statusCode === 409)!;
    expect(full.json().code).toBe('EVENT_FULL');
    expect(full.json().message).toMatch(/penuh/i);
    expect(full.json().message).toMatch(/antrean/i);
    expect(await taken(ev.id)).toBe(10);
    const tickets = await validTickets(ev.id);
    expect(tickets).toHaveLength(10);
    // Unguessable tokens: 32 random bytes, base64url, all distinct.
    expect(new Set(tickets.map((x) => x.token)).size).toBe(10);
    for (const x of tickets) expect(x.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('20 parallel order holds (checkout transactions) for 7 places never exceed capacity; losers roll back with EVENT_FULL', async () => {
    const ev = await seedEvent(a, 'Konser Gamelan Malam', 7, false);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, randomUUID(), [{ orderLineId: randomUUID(), workId: ev.id, quantity: 1 }], { buyerEmail: 'x@contoh.id' }))
      )
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(7);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).toHaveLength(13);
    for (const r of rejected) expect(r.reason.code).toBe('EVENT_FULL');
    expect(await taken(ev.id)).toBe(7);
    const held = await t.db.selectFrom('event_registrations').select('quantity').where('work_id', '=', ev.id).where('status', '=', 'held').execute();
    expect(held.reduce((s, r) => s + r.quantity, 0)).toBe(7);
  });

  it('multi-seat holds in parallel (3 seats each, capacity 10): at most 3 orders fit, the sum never exceeds 10', async () => {
    const ev = await seedEvent(a, 'Pentas Wayang Kulit', 10, false);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, randomUUID(), [{ orderLineId: randomUUID(), workId: ev.id, quantity: 3 }])))
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(await taken(ev.id)).toBe(9);
  });
});

describe('waitlist FIFO and atomic promotion', () => {
  it('cancelling a free registration promotes the oldest waitlister exactly once, even when the cancel is sent twice in parallel', async () => {
    const ev = await seedEvent(a, 'Kelas Membatik Anak', 2, true);
    const r1 = await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/registrations`, { name: 'Ani', email: 'ani@contoh.id' });
    await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/registrations`, { name: 'Budi', email: 'budi@contoh.id' });
    expect((await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/registrations`, { name: 'Citra', email: 'citra@contoh.id' })).statusCode).toBe(409);
    const positions = [];
    for (const [name, email] of [['Citra', 'citra@contoh.id'], ['Dewi', 'dewi@contoh.id'], ['Eko', 'eko@contoh.id']]) {
      const w = await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/waitlist`, { name, email });
      expect(w.statusCode).toBe(201);
      positions.push(w.json().position);
    }
    expect(positions).toEqual([1, 2, 3]);
    expect((await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/waitlist`, { name: 'Citra', email: 'CITRA@contoh.id' })).statusCode).toBe(409);

    const token = r1.json().tokens[0];
    const [c1, c2] = await Promise.all([
      call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/tickets/${token}/cancel`),
      call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/tickets/${token}/cancel`)
    ]);
    expect([c1.statusCode, c2.statusCode]).toEqual([200, 200]);
    expect([c1.json().cancelled, c2.json().cancelled].sort()).toEqual([false, true]);
    const tickets = await validTickets(ev.id);
    expect(tickets.map((x) => x.holder_name).sort()).toEqual(['Budi', 'Citra']);
    expect(await taken(ev.id)).toBe(2);
    const queue = await t.db.selectFrom('event_waitlist').select(['name', 'status']).where('work_id', '=', ev.id).orderBy('id').execute();
    expect(queue).toEqual([
      { name: 'Citra', status: 'promoted' },
      { name: 'Dewi', status: 'waiting' },
      { name: 'Eko', status: 'waiting' }
    ]);
    const mail = await t.db.selectFrom('mail_outbox').select(['to_address', 'kind']).where('coop_id', '=', a.id).where('to_address', '=', 'citra@contoh.id').execute();
    expect(mail).toEqual([{ to_address: 'citra@contoh.id', kind: 'event_ticket' }]);
    // The voided ticket cannot be used at the door.
    const s = await signInAs(app, a.accounts.staf);
    expect((await call(app, s, 'POST', `/api/v1/coops/${a.id}/events/${ev.id}/check-in`, { token })).json().code).toBe('TICKET_VOID');
  });

  it('releaseSeats of a paid event is idempotent under two concurrent calls and offers the seat to the oldest waitlister, who then buys it', async () => {
    const ev = await seedEvent(a, 'Tur Studio Rekaman', 1, false);
    const orderId = randomUUID();
    await withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, orderId, [{ orderLineId: randomUUID(), workId: ev.id, quantity: 1 }]));
    await expect(withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, randomUUID(), [{ orderLineId: randomUUID(), workId: ev.id, quantity: 1 }]))).rejects.toMatchObject({ code: 'EVENT_FULL' });
    await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/waitlist`, { name: 'Fajar', email: 'fajar@contoh.id' });
    await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/waitlist`, { name: 'Gita', email: 'gita@contoh.id' });

    await Promise.all([withTenant(t.db, a.id, (trx) => releaseSeats(trx, a.id, orderId)), withTenant(t.db, a.id, (trx) => releaseSeats(trx, a.id, orderId))]);
    expect(await taken(ev.id)).toBe(1); // released once, then held again for Fajar's offer
    const offers = await t.db.selectFrom('event_registrations').select(['name', 'kind', 'status']).where('work_id', '=', ev.id).where('kind', '=', 'offer').execute();
    expect(offers).toEqual([{ name: 'Fajar', kind: 'offer', status: 'held' }]);
    expect((await t.db.selectFrom('mail_outbox').select('kind').where('to_address', '=', 'fajar@contoh.id').execute()).map((m) => m.kind)).toEqual(['event_waitlist_offer']);
    // Someone else cannot take Fajar's seat…
    await expect(withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, randomUUID(), [{ orderLineId: randomUUID(), workId: ev.id, quantity: 1 }], { buyerEmail: 'orang@contoh.id' }))).rejects.toMatchObject({ code: 'EVENT_FULL' });
    // …Fajar can, with the email the offer was sent to, and gets a ticket once paid.
    const fajarOrder = randomUUID();
    await withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, fajarOrder, [{ orderLineId: randomUUID(), workId: ev.id, quantity: 1 }], { buyerEmail: 'Fajar@contoh.id' }));
    expect(await taken(ev.id)).toBe(1);
    await withTenant(t.db, a.id, (trx) => issueTickets(trx, a.id, fajarOrder));
    await withTenant(t.db, a.id, (trx) => issueTickets(trx, a.id, fajarOrder));
    expect((await validTickets(ev.id)).map((x) => x.holder_name)).toEqual(['Fajar']);
  });

  it('an expired offer returns its seat and the next waitlister gets it', async () => {
    const ev = await seedEvent(a, 'Diskusi Buku Puisi', 1, false);
    const orderId = randomUUID();
    await withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, orderId, [{ orderLineId: randomUUID(), workId: ev.id, quantity: 1 }]));
    await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/waitlist`, { name: 'Hana', email: 'hana@contoh.id' });
    await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/waitlist`, { name: 'Indra', email: 'indra@contoh.id' });
    await withTenant(t.db, a.id, (trx) => releaseSeats(trx, a.id, orderId));
    await t.db.updateTable('event_registrations').set({ offer_expires_at: new Date(Date.now() - 1000) }).where('work_id', '=', ev.id).where('kind', '=', 'offer').execute();
    // A hold that fails rolls back with the checkout, so the sweep (own transaction) expires Hana's offer and promotes Indra.
    await expect(withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, randomUUID(), [{ orderLineId: randomUUID(), workId: ev.id, quantity: 1 }]))).rejects.toMatchObject({ code: 'EVENT_FULL' });
    await sweepExpiredOffers(t.db, a.id);
    await expect(withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, randomUUID(), [{ orderLineId: randomUUID(), workId: ev.id, quantity: 1 }]))).rejects.toMatchObject({ code: 'EVENT_FULL' });
    const offers = await t.db.selectFrom('event_registrations').select(['name', 'status']).where('work_id', '=', ev.id).where('kind', '=', 'offer').orderBy('created_at').execute();
    expect(offers).toEqual([
      { name: 'Hana', status: 'expired' },
      { name: 'Indra', status: 'held' }
    ]);
    expect(await taken(ev.id)).toBe(1);
  });
});

describe('tickets, check-in and attendance', () => {
  it('issues one ticket per seat once; the first scan admits, a second is rejected (409) and recorded; attendees + no-shows = tickets sold', async () => {
    const ev = await seedEvent(a, 'Pameran Rupa Terbuka', 20, false);
    const orderId = randomUUID();
    await withTenant(t.db, a.id, (trx) => holdSeats(trx, a.id, orderId, [{ orderLineId: randomUUID(), workId: ev.id, quantity: 3 }]));
    await Promise.all([withTenant(t.db, a.id, (trx) => issueTickets(trx, a.id, orderId)), withTenant(t.db, a.id, (trx) => issueTickets(trx, a.id, orderId))]);
    const tickets = await validTickets(ev.id);
    expect(tickets).toHaveLength(3);

    const staf = await signInAs(app, a.accounts.staf);
    // Five doors scan the same ticket at once: exactly one admits it.
    const scans = await Promise.all(Array.from({ length: 5 }, () => call(app, staf, 'POST', `/api/v1/coops/${a.id}/events/${ev.id}/check-in`, { token: tickets[0]!.token })));
    expect(scans.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(scans.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(Array(4).fill('TICKET_ALREADY_USED'));
    // A pasted ticket address works as well as the bare token.
    const pasted = await call(app, staf, 'POST', `/api/v1/coops/${a.id}/events/${ev.id}/check-in`, { token: `http://localhost:3000/koperasi/${a.slug}/tiket/${tickets[1]!.token}` });
    expect(pasted.statusCode).toBe(200);
    expect(pasted.json().result).toBe('admitted');
    expect((await call(app, staf, 'POST', `/api/v1/coops/${a.id}/events/${ev.id}/check-in`, { token: 'bukan-tiket-yang-benar-xxxxxxxx' })).statusCode).toBe(404);
    const recorded = await t.db.selectFrom('event_checkins').select('result').where('work_id', '=', ev.id).execute();
    expect(recorded.filter((r) => r.result === 'duplicate')).toHaveLength(4);
    expect(recorded.filter((r) => r.result === 'admitted')).toHaveLength(2);

    const rep = await call(app, staf, 'GET', `/api/v1/coops/${a.id}/events/${ev.id}/attendance`);
    expect(rep.statusCode).toBe(200);
    expect(rep.json()).toMatchObject({ ticketsSold: 3, attendees: 2, noShows: 1, duplicateScans: 4, capacity: 20, seatsTaken: 3 });
    expect(rep.json().attendees + rep.json().noShows).toBe(rep.json().ticketsSold);

    // The public ticket page's data, with its QR code.
    const pub = await call(app, null, 'GET', `/api/v1/public/coops/${a.slug}/tickets/${tickets[2]!.token}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().qrSvg).toContain('<svg');
    expect(pub.json().checkedInAt).toBeNull();
  });

  it('only the board and staf check tickets in; another cooperative sees nothing', async () => {
    const ev = await seedEvent(a, 'Malam Sastra', 5, true);
    const reg = await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/registrations`, { name: 'Joko', email: 'joko@contoh.id' });
    const token = reg.json().tokens[0];
    for (const role of ['anggota', 'pengawas'] as const) {
      const s = await signInAs(app, a.accounts[role]);
      expect((await call(app, s, 'POST', `/api/v1/coops/${a.id}/events/${ev.id}/check-in`, { token })).statusCode).toBe(403);
    }
    const other = await signInAs(app, b.accounts.ketua);
    expect((await call(app, other, 'POST', `/api/v1/coops/${a.id}/events/${ev.id}/check-in`, { token })).statusCode).toBe(404);
    // B's ketua scanning A's ticket in B's own cooperative: unknown there.
    expect((await call(app, other, 'GET', `/api/v1/coops/${a.id}/events/${ev.id}/attendance`)).statusCode).toBe(404);
    const anggota = await signInAs(app, a.accounts.anggota);
    expect((await call(app, anggota, 'GET', `/api/v1/coops/${a.id}/events`)).statusCode).toBe(403);
    const list = await call(app, await signInAs(app, a.accounts.pengawas), 'GET', `/api/v1/coops/${a.id}/events`);
    expect(list.json().items.find((e: { workId: string }) => e.workId === ev.id)).toMatchObject({ capacity: 5, seatsTaken: 1, ticketsSold: 1, freeRegistration: true });
    // Free registration closed → 409 in the user's language.
    const closed = await seedEvent(a, 'Konser Berbayar', 5, false);
    const r = await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${closed.slug}/registrations`, { name: 'Joko', email: 'joko@contoh.id' }, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('EVENT_REGISTRATION_CLOSED');
  });
});

describe('through the real checkout of orders', () => {
  it('20 parallel checkouts for 5 seats: 5 orders, 15 EVENT_FULL; paying issues tickets; expiring an order offers its seat to the oldest waitlister', async () => {
    const ev = await seedEvent(a, 'Lokakarya Gamelan Anak', 5, false);
    const pub: Ctx = { db: t.db, clock: { now: () => new Date() }, log: a.ctx('ketua').log, locale: 'id', actor: null };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => checkout(pub, a.slug, { lines: [{ workId: ev.id, quantity: 1 }], paymentMethod: 'cash', buyer: { name: `Pembeli ${i}`, email: `b${i}@contoh.id` } }))
    );
    const ok = outcomes.filter((o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof checkout>>> => o.status === 'fulfilled').map((o) => o.value);
    expect(ok).toHaveLength(5);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason.code).toBe('EVENT_FULL');
    expect(await taken(ev.id)).toBe(5);
    expect(await t.db.selectFrom('orders').select('id').where('coop_id', '=', a.id).where('id', 'in', ok.map((o) => o.orderId)).execute()).toHaveLength(5);

    const paid = ok[0]!;
    await withTenant(t.db, a.id, (trx) => applyPayment(trx, a.id, { orderId: paid.orderId, method: 'cash', amount: paid.total, reference: 'kas-1' }));
    expect((await validTickets(ev.id)).map((x) => x.holder_email)).toEqual([expect.stringMatching(/@contoh\.id$/)]);

    await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/events/${ev.slug}/waitlist`, { name: 'Kartika', email: 'kartika@contoh.id' });
    const unpaid = ok[1]!;
    const [e1, e2] = await Promise.all([withTenant(t.db, a.id, (trx) => expireOrder(trx, a.id, { orderId: unpaid.orderId })), withTenant(t.db, a.id, (trx) => expireOrder(trx, a.id, { orderId: unpaid.orderId }))]);
    expect([e1.outcome, e2.outcome].sort()).toEqual(['already_closed', 'cancelled']);
    expect(await taken(ev.id)).toBe(5);
    const offer = await t.db.selectFrom('event_registrations').select(['email', 'status']).where('work_id', '=', ev.id).where('kind', '=', 'offer').execute();
    expect(offer).toEqual([{ email: 'kartika@contoh.id', status: 'held' }]);
    // Kartika buys her held seat through the checkout with the mailed address.
    const hers = await checkout(pub, a.slug, { lines: [{ workId: ev.id, quantity: 1 }], paymentMethod: 'cash', buyer: { name: 'Kartika', email: 'kartika@contoh.id' } });
    expect(hers.orderId).toBeTruthy();
    expect(await taken(ev.id)).toBe(5);
  });
});
