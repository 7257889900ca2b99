import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import type { AttendanceReport } from './model.js';
import { eventWork, seatsAvailable } from './store.js';

/**
 * Attendance of one event. Tickets sold = valid tickets; attendees = distinct tickets admitted
 * (a ticket counts once however often it was scanned); no-shows = valid tickets never admitted;
 * so attendees + no-shows = tickets sold, by construction and checked here.
 */
export async function getAttendance(ctx: TenantCtx, workId: string): Promise<AttendanceReport> {
  requirePermission(ctx, 'events.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const work = await eventWork(trx, ctx.coopId, workId);
    if (!work) throw new AppError('EVENT_NOT_FOUND');
    const tickets = await trx
      .selectFrom('event_tickets')
      .select(['id', 'seat_no', 'holder_name', 'holder_email', 'checked_in_at'])
      .where('coop_id', '=', ctx.coopId)
      .where('work_id', '=', workId)
      .where('status', '=', 'valid')
      .orderBy('holder_name')
      .orderBy('issued_at')
      .orderBy('seat_no')
      .execute();
    const scans = await trx
      .selectFrom('event_checkins')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('ticket_id').distinct().as('distinct_admitted')])
      .where('coop_id', '=', ctx.coopId)
      .where('work_id', '=', workId)
      .where('result', '=', 'duplicate')
      .executeTakeFirstOrThrow();
    const waiting = await trx
      .selectFrom('event_waitlist')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('coop_id', '=', ctx.coopId)
      .where('work_id', '=', workId)
      .where('status', '=', 'waiting')
      .executeTakeFirstOrThrow();
    const seats = await seatsAvailable(trx, ctx.coopId, workId);
    const attendees = new Set(tickets.filter((t) => t.checked_in_at).map((t) => t.id)).size;
    const noShows = tickets.filter((t) => !t.checked_in_at).length;
    if (attendees + noShows !== tickets.length) throw new AppError('INTERNAL');
    return {
      workId,
      title: work.title,
      startsAt: work.starts_at ? new Date(work.starts_at).toISOString() : null,
      venue: work.venue,
      capacity: work.capacity,
      seatsTaken: seats.taken,
      ticketsSold: tickets.length,
      attendees,
      noShows,
      duplicateScans: Number(scans.n),
      waiting: Number(waiting.n),
      tickets: tickets.map((t) => ({ id: t.id, seatNo: t.seat_no, holderName: t.holder_name, holderEmail: t.holder_email, checkedInAt: t.checked_in_at ? new Date(t.checked_in_at).toISOString() : null }))
    };
  });
}
