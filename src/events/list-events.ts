import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { sweepExpiredOffers } from './expire-offers.js';

export type EventSummary = {
  workId: string;
  title: string;
  slug: string;
  status: string;
  startsAt: string | null;
  venue: string | null;
  capacity: number;
  seatsTaken: number;
  freeRegistration: boolean;
  ticketsSold: number;
  checkedIn: number;
  waiting: number;
};

/** The cooperative's events (agenda works) with seats, tickets, check-ins and waitlist, soonest first. */
export async function listEvents(ctx: TenantCtx): Promise<EventSummary[]> {
  requirePermission(ctx, 'events.read');
  await sweepExpiredOffers(ctx.db, ctx.coopId);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await trx
      .selectFrom('works as w')
      .leftJoin('event_seats as s', (j) => j.onRef('s.coop_id', '=', 'w.coop_id').onRef('s.work_id', '=', 'w.id'))
      .select([
        'w.id',
        'w.title',
        'w.slug',
        'w.status',
        'w.starts_at',
        'w.venue',
        'w.capacity',
        's.taken',
        's.free_registration',
        sql<number>`(SELECT count(*) FROM event_tickets t WHERE t.coop_id = w.coop_id AND t.work_id = w.id AND t.status = 'valid')::int`.as('tickets'),
        sql<number>`(SELECT count(*) FROM event_tickets t WHERE t.coop_id = w.coop_id AND t.work_id = w.id AND t.status = 'valid' AND t.checked_in_at IS NOT NULL)::int`.as('checked_in'),
        sql<number>`(SELECT count(*) FROM event_waitlist q WHERE q.coop_id = w.coop_id AND q.work_id = w.id AND q.status = 'waiting')::int`.as('waiting')
      ])
      .where('w.coop_id', '=', ctx.coopId)
      .where('w.product_line', '=', 'agenda')
      .where('w.status', '<>', 'archived')
      .orderBy('w.starts_at')
      .execute();
    return rows.map((r) => ({
      workId: r.id,
      title: r.title,
      slug: r.slug,
      status: r.status,
      startsAt: r.starts_at ? new Date(r.starts_at).toISOString() : null,
      venue: r.venue,
      capacity: r.capacity ?? 0,
      seatsTaken: r.taken ?? 0,
      freeRegistration: r.free_registration ?? false,
      ticketsSold: r.tickets,
      checkedIn: r.checked_in,
      waiting: r.waiting
    }));
  });
}
