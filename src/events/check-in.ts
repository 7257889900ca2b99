import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import type { CheckinResult } from './tables.js';
import { tokenFromInput, TOKEN_RE, ZCheckInRequest } from './model.js';

export type CheckInOutcome = { result: CheckinResult; holderName: string | null; seatNo: number | null; eventTitle: string | null; checkedInAt: string | null };

/**
 * Scan a ticket at the door (board or staf). The first scan admits it (one conditional UPDATE,
 * so two doors scanning at once admit it once); every other scan is rejected and recorded in
 * event_checkins. `workId` (optional) limits the scan to one event. Rejections are committed
 * (the record stays) and then raised: TICKET_ALREADY_USED / TICKET_VOID / TICKET_NOT_FOUND.
 */
export async function checkInTicket(ctx: TenantCtx, workId: string | null, input: unknown): Promise<CheckInOutcome> {
  requirePermission(ctx, 'events.checkin');
  const token = tokenFromInput(parseInput(ZCheckInRequest, input).token);
  const outcome = await withTenant(ctx.db, ctx.coopId, async (trx): Promise<CheckInOutcome & { workId: string | null; ticketId: string | null }> => {
    const ticket = TOKEN_RE.test(token)
      ? await trx
          .selectFrom('event_tickets as t')
          .innerJoin('works as w', (j) => j.onRef('w.coop_id', '=', 't.coop_id').onRef('w.id', '=', 't.work_id'))
          .select(['t.id', 't.work_id', 't.status', 't.holder_name', 't.seat_no', 't.checked_in_at', 'w.title'])
          .where('t.coop_id', '=', ctx.coopId)
          .where('t.token', '=', token)
          .executeTakeFirst()
      : undefined;
    let result: CheckinResult;
    let checkedInAt: Date | null = ticket?.checked_in_at ?? null;
    if (!ticket) result = 'unknown';
    else if (workId && ticket.work_id !== workId) result = 'wrong_event';
    else if (ticket.status === 'void') result = 'void';
    else {
      const admitted = await trx
        .updateTable('event_tickets')
        .set({ checked_in_at: sql`now()` as never, checked_in_by: ctx.actor.accountId })
        .where('coop_id', '=', ctx.coopId)
        .where('id', '=', ticket.id)
        .where('checked_in_at', 'is', null)
        .where('status', '=', 'valid')
        .returning('checked_in_at')
        .executeTakeFirst();
      if (admitted) {
        result = 'admitted';
        checkedInAt = admitted.checked_in_at;
      } else {
        result = 'duplicate';
        const again = await trx.selectFrom('event_tickets').select('checked_in_at').where('coop_id', '=', ctx.coopId).where('id', '=', ticket.id).executeTakeFirst();
        checkedInAt = again?.checked_in_at ?? null;
      }
    }
    await trx
      .insertInto('event_checkins')
      .values({ coop_id: ctx.coopId, work_id: ticket?.work_id ?? workId, ticket_id: ticket?.id ?? null, result, scanned_by: ctx.actor.accountId })
      .execute();
    return {
      result,
      workId: ticket?.work_id ?? null,
      ticketId: ticket?.id ?? null,
      holderName: ticket?.holder_name ?? null,
      seatNo: ticket?.seat_no ?? null,
      eventTitle: ticket?.title ?? null,
      checkedInAt: checkedInAt ? new Date(checkedInAt).toISOString() : null
    };
  });
  const view: CheckInOutcome = { result: outcome.result, holderName: outcome.holderName, seatNo: outcome.seatNo, eventTitle: outcome.eventTitle, checkedInAt: outcome.checkedInAt };
  if (outcome.result === 'duplicate') throw new AppError('TICKET_ALREADY_USED', { params: { at: outcome.checkedInAt }, details: view });
  if (outcome.result === 'void') throw new AppError('TICKET_VOID', { details: view });
  if (outcome.result === 'unknown' || outcome.result === 'wrong_event') throw new AppError('TICKET_NOT_FOUND', { details: view });
  return view;
}
