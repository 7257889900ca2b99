import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import { eventWork, expireOffers, giveBackSeats, issueTicketsFor, mailTickets, promoteWaitlist, releaseRegistrations, seatsAvailable, takeSeats } from './store.js';

/**
 * The contract with orders (helper A, src/orders): called inside A's transactions.
 * See /tmp/lumbung-team/BOARD.md and docs/decisions/0081-event-capacity.md.
 */

export type SeatLine = { orderLineId: string; workId: string; quantity: number };

/**
 * Take seats for the agenda lines of an order being checked out. Atomic against capacity
 * (conditional UPDATE on event_seats); throws EVENT_FULL (409) when a line does not fit, which
 * rolls the whole checkout back. A seat offer held for the buyer's email (a promoted waitlister)
 * is used first. Idempotent per order line.
 */
export async function holdSeats(trx: Tx, coopId: string, orderId: string, lines: SeatLine[], opts: { buyerEmail?: string; memberId?: string | null } = {}): Promise<void> {
  if (lines.length === 0) return;
  const order = await trx.selectFrom('orders').select(['buyer_name', 'buyer_email', 'buyer_member_id']).where('coop_id', '=', coopId).where('id', '=', orderId).executeTakeFirst();
  const email = (opts.buyerEmail ?? order?.buyer_email ?? '').trim();
  const name = order?.buyer_name ?? '';
  const memberId = opts.memberId ?? order?.buyer_member_id ?? null;
  // Lock seat rows in a fixed order so two orders over the same events never deadlock.
  const sorted = [...lines].sort((a, b) => (a.workId === b.workId ? a.orderLineId.localeCompare(b.orderLineId) : a.workId.localeCompare(b.workId)));
  for (const line of sorted) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'quantity', code: 'too_small' }] });
    const existing = await trx.selectFrom('event_registrations').select('id').where('coop_id', '=', coopId).where('order_line_id', '=', line.orderLineId).executeTakeFirst();
    if (existing) continue;
    const work = await eventWork(trx, coopId, line.workId);
    if (!work) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
    await expireOffers(trx, coopId, line.workId);
    // A promoted waitlister buying their held seats.
    if (email) {
      const offer = await trx
        .selectFrom('event_registrations')
        .select(['id', 'quantity'])
        .where('coop_id', '=', coopId)
        .where('work_id', '=', line.workId)
        .where('kind', '=', 'offer')
        .where('status', '=', 'held')
        .where(sql<string>`lower(email)`, '=', email.toLowerCase())
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      if (offer) {
        const extra = line.quantity - offer.quantity;
        if (extra > 0 && !(await takeSeats(trx, coopId, line.workId, extra))) throw full(line.workId, offer.quantity + (await seatsAvailable(trx, coopId, line.workId)).available);
        await trx
          .updateTable('event_registrations')
          .set({ kind: 'order', order_id: orderId, order_line_id: line.orderLineId, quantity: line.quantity, offer_expires_at: null, name: name || sql`name` as never, member_id: memberId })
          .where('coop_id', '=', coopId)
          .where('id', '=', offer.id)
          .execute();
        if (extra < 0) {
          await giveBackSeats(trx, coopId, line.workId, -extra);
          await promoteWaitlist(trx, coopId, line.workId);
        }
        continue;
      }
    }
    if (!(await takeSeats(trx, coopId, line.workId, line.quantity))) throw full(line.workId, (await seatsAvailable(trx, coopId, line.workId)).available);
    await trx
      .insertInto('event_registrations')
      .values({ coop_id: coopId, work_id: line.workId, kind: 'order', status: 'held', order_id: orderId, order_line_id: line.orderLineId, name, email, member_id: memberId, quantity: line.quantity })
      .execute();
  }
}

function full(workId: string, available: number): AppError {
  return new AppError('EVENT_FULL', { params: { workId, available }, details: { workId, available, waitlist: true } });
}

/**
 * Give back the seats of an order (cancel, expiry, refund) and promote waitlisters, FIFO, in
 * the same transaction. Idempotent: the UPDATE takes row locks, so a concurrent second call
 * waits, re-checks the status and finds nothing left to release.
 */
export async function releaseSeats(trx: Tx, coopId: string, orderId: string): Promise<void> {
  const released = await trx
    .updateTable('event_registrations')
    .set({ status: 'cancelled', released_at: sql`now()` as never })
    .where('coop_id', '=', coopId)
    .where('order_id', '=', orderId)
    .where('status', 'in', ['held', 'confirmed'])
    .returning(['id', 'work_id', 'quantity'])
    .execute();
  await releaseRegistrations(trx, coopId, released);
}

/** On payment: confirm the order's held seats and issue one ticket per seat (idempotent). */
export async function issueTickets(trx: Tx, coopId: string, orderId: string): Promise<void> {
  const regs = await trx
    .updateTable('event_registrations')
    .set({ status: 'confirmed' })
    .where('coop_id', '=', coopId)
    .where('order_id', '=', orderId)
    .where('status', '=', 'held')
    .returning(['id', 'work_id', 'quantity', 'name', 'email'])
    .execute();
  for (const reg of regs) {
    const tokens = await issueTicketsFor(trx, coopId, reg);
    const work = await eventWork(trx, coopId, reg.work_id);
    await mailTickets(trx, coopId, reg, { title: work?.title ?? '' }, tokens);
  }
}

/**
 * The tickets of a paid order, for the buyer's order page (reached with the order's own
 * unguessable token): one link per seat to the public ticket page with its QR code.
 */
export async function ticketLinksForOrder(trx: Tx, coopId: string, orderId: string): Promise<{ workId: string; seatNo: number; url: string }[]> {
  const rows = await trx
    .selectFrom('event_tickets as t')
    .innerJoin('event_registrations as r', (j) => j.onRef('r.coop_id', '=', 't.coop_id').onRef('r.id', '=', 't.registration_id'))
    .innerJoin('coops as c', 'c.id', 't.coop_id')
    .select(['t.work_id', 't.seat_no', 't.token', 'c.slug'])
    .where('t.coop_id', '=', coopId)
    .where('r.order_id', '=', orderId)
    .where('t.status', '=', 'valid')
    .orderBy('t.work_id')
    .orderBy('t.seat_no')
    .execute();
  return rows.map((r) => ({ workId: r.work_id, seatNo: r.seat_no, url: `/koperasi/${r.slug}/tiket/${r.token}` }));
}
