import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import { enqueueMail } from '../governance/store.js';
import { publicUrl } from '../governance/support.js';

/** How long a promoted waitlister's seat is held for them to buy it (paid events). */
export const OFFER_HOURS = 48;

/** A ticket's QR token: 32 random bytes (256 bits), base64url. */
export function newTicketToken(): string {
  return randomBytes(32).toString('base64url');
}

export type EventWork = { id: string; slug: string; title: string; capacity: number; starts_at: Date | null; venue: string | null; status: string };

export async function eventWork(trx: Tx, coopId: string, workId: string): Promise<EventWork | undefined> {
  return trx
    .selectFrom('works')
    .select(['id', 'slug', 'title', 'capacity', 'starts_at', 'venue', 'status'])
    .where('coop_id', '=', coopId)
    .where('id', '=', workId)
    .where('product_line', '=', 'agenda')
    .executeTakeFirst() as Promise<EventWork | undefined>;
}

export async function ensureSeatRow(trx: Tx, coopId: string, workId: string): Promise<void> {
  await trx.insertInto('event_seats').values({ coop_id: coopId, work_id: workId }).onConflict((oc) => oc.columns(['coop_id', 'work_id']).doNothing()).execute();
}

/**
 * Take `quantity` seats in one conditional UPDATE against the work's capacity. Concurrent
 * callers queue on the event_seats row lock and re-check the condition on the updated row,
 * so the sum of taken seats can never exceed the capacity. Returns false when they don't fit.
 */
export async function takeSeats(trx: Tx, coopId: string, workId: string, quantity: number): Promise<boolean> {
  await ensureSeatRow(trx, coopId, workId);
  const r = await sql<{ taken: number }>`
    UPDATE event_seats s SET taken = s.taken + ${quantity}, updated_at = now()
      FROM works w
     WHERE s.coop_id = ${coopId} AND s.work_id = ${workId}
       AND w.coop_id = s.coop_id AND w.id = s.work_id
       AND s.taken + ${quantity} <= w.capacity
    RETURNING s.taken`.execute(trx);
  return r.rows.length > 0;
}

export async function giveBackSeats(trx: Tx, coopId: string, workId: string, quantity: number): Promise<void> {
  await sql`UPDATE event_seats SET taken = greatest(taken - ${quantity}, 0), updated_at = now() WHERE coop_id = ${coopId} AND work_id = ${workId}`.execute(trx);
}

export async function seatsAvailable(trx: Tx, coopId: string, workId: string): Promise<{ capacity: number; taken: number; available: number; freeRegistration: boolean }> {
  const r = await trx
    .selectFrom('works as w')
    .leftJoin('event_seats as s', (j) => j.onRef('s.coop_id', '=', 'w.coop_id').onRef('s.work_id', '=', 'w.id'))
    .select(['w.capacity', 's.taken', 's.free_registration'])
    .where('w.coop_id', '=', coopId)
    .where('w.id', '=', workId)
    .executeTakeFirst();
  const capacity = r?.capacity ?? 0;
  const taken = r?.taken ?? 0;
  return { capacity, taken, available: Math.max(capacity - taken, 0), freeRegistration: r?.free_registration ?? false };
}

/** Issue one ticket per seat of a registration (idempotent: existing seat numbers are kept). */
export async function issueTicketsFor(trx: Tx, coopId: string, reg: { id: string; work_id: string; quantity: number; name: string; email: string }): Promise<string[]> {
  const rows = Array.from({ length: reg.quantity }, (_, i) => ({
    coop_id: coopId,
    work_id: reg.work_id,
    registration_id: reg.id,
    seat_no: i + 1,
    token: newTicketToken(),
    holder_name: reg.name,
    holder_email: reg.email
  }));
  const inserted = await trx
    .insertInto('event_tickets')
    .values(rows)
    .onConflict((oc) => oc.columns(['coop_id', 'registration_id', 'seat_no']).doNothing())
    .returning('token')
    .execute();
  return inserted.map((r) => r.token);
}

export function ticketUrl(coopSlug: string, token: string): string {
  return `${publicUrl()}/koperasi/${coopSlug}/tiket/${token}`;
}

export async function coopSlugName(trx: Tx, coopId: string): Promise<{ slug: string; name: string }> {
  return trx.selectFrom('coops').select(['slug', 'name']).where('id', '=', coopId).executeTakeFirstOrThrow();
}

export async function mailTickets(trx: Tx, coopId: string, reg: { id: string; email: string; name: string }, work: { title: string }, tokens: string[]): Promise<void> {
  if (!reg.email || tokens.length === 0) return;
  const coop = await coopSlugName(trx, coopId);
  await enqueueMail(trx, [
    {
      coop_id: coopId,
      kind: 'event_ticket',
      dedupe_key: `event-ticket:${reg.id}`,
      to_address: reg.email,
      to_name: reg.name || null,
      subject: `Tiket: ${work.title}`,
      text_body: [`Halo ${reg.name},`, '', `Tiket Anda untuk "${work.title}" (${coop.name}):`, ...tokens.map((t) => ticketUrl(coop.slug, t)), '', 'Tunjukkan kode QR di halaman tiket saat masuk.', '', `Your ticket(s) for "${work.title}" are at the links above.`].join('\n'),
      ics: null
    }
  ]);
}

/**
 * Promote waitlisters oldest first while their whole request fits (strict FIFO: the next in
 * line is never skipped for a smaller request). Call with the event_seats row already locked
 * by this transaction (after giveBackSeats), so promotions of one event are serialized.
 * Free events: the promoted person is registered and gets tickets. Paid events: a seat offer
 * is held for OFFER_HOURS and they are mailed a link to buy it.
 */
export async function promoteWaitlist(trx: Tx, coopId: string, workId: string): Promise<number> {
  const work = await eventWork(trx, coopId, workId);
  if (!work) return 0;
  let promoted = 0;
  for (;;) {
    const next = await trx
      .selectFrom('event_waitlist')
      .selectAll()
      .where('coop_id', '=', coopId)
      .where('work_id', '=', workId)
      .where('status', '=', 'waiting')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!next) return promoted;
    if (!(await takeSeats(trx, coopId, workId, next.quantity))) return promoted;
    const seats = await seatsAvailable(trx, coopId, workId);
    await trx.updateTable('event_waitlist').set({ status: 'promoted', promoted_at: sql`now()` as never }).where('coop_id', '=', coopId).where('id', '=', next.id).execute();
    const coop = await coopSlugName(trx, coopId);
    if (seats.freeRegistration) {
      const reg = await trx
        .insertInto('event_registrations')
        .values({ coop_id: coopId, work_id: workId, kind: 'free', status: 'confirmed', waitlist_id: next.id, name: next.name, email: next.email, member_id: next.member_id, quantity: next.quantity })
        .returning(['id', 'work_id', 'quantity', 'name', 'email'])
        .executeTakeFirstOrThrow();
      const tokens = await issueTicketsFor(trx, coopId, reg);
      await mailTickets(trx, coopId, reg, work, tokens);
    } else {
      const reg = await trx
        .insertInto('event_registrations')
        .values({
          coop_id: coopId,
          work_id: workId,
          kind: 'offer',
          status: 'held',
          waitlist_id: next.id,
          name: next.name,
          email: next.email,
          member_id: next.member_id,
          quantity: next.quantity,
          offer_expires_at: sql`now() + make_interval(hours => ${OFFER_HOURS})` as never
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueMail(trx, [
        {
          coop_id: coopId,
          kind: 'event_waitlist_offer',
          dedupe_key: `event-offer:${reg.id}`,
          to_address: next.email,
          to_name: next.name,
          subject: `Tempat tersedia: ${work.title}`,
          text_body: [
            `Halo ${next.name},`,
            '',
            `Ada ${next.quantity} tempat untuk Anda di "${work.title}". Tempat ini kami tahan ${OFFER_HOURS} jam.`,
            `Beli tiketnya dengan alamat email ini: ${publicUrl()}/koperasi/${coop.slug}/toko/${work.slug}`,
            '',
            `A place opened up for you at "${work.title}". It is held for ${OFFER_HOURS} hours: buy the ticket with this email address at the link above.`
          ].join('\n'),
          ics: null
        }
      ]);
    }
    promoted += 1;
  }
}

/** Offers whose time ran out give their seats back and promote the next waitlisters. */
export async function expireOffers(trx: Tx, coopId: string, workId: string): Promise<void> {
  const expired = await trx
    .updateTable('event_registrations')
    .set({ status: 'expired', released_at: sql`now()` as never })
    .where('coop_id', '=', coopId)
    .where('work_id', '=', workId)
    .where('kind', '=', 'offer')
    .where('status', '=', 'held')
    .where('offer_expires_at', '<', sql<Date>`now()`)
    .returning('quantity')
    .execute();
  const n = expired.reduce((a, r) => a + r.quantity, 0);
  if (n > 0) {
    await giveBackSeats(trx, coopId, workId, n);
    await promoteWaitlist(trx, coopId, workId);
  }
}

/** Cancel registrations (already selected for update), void their tickets, give seats back, promote. */
export async function releaseRegistrations(trx: Tx, coopId: string, regs: { id: string; work_id: string; quantity: number }[]): Promise<void> {
  if (regs.length === 0) return;
  await trx
    .updateTable('event_tickets')
    .set({ status: 'void' })
    .where('coop_id', '=', coopId)
    .where(
      'registration_id',
      'in',
      regs.map((r) => r.id)
    )
    .execute();
  const byWork = new Map<string, number>();
  for (const r of regs) byWork.set(r.work_id, (byWork.get(r.work_id) ?? 0) + r.quantity);
  for (const workId of [...byWork.keys()].sort()) {
    await giveBackSeats(trx, coopId, workId, byWork.get(workId)!);
    await promoteWaitlist(trx, coopId, workId);
  }
}
