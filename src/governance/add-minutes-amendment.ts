import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { minutesView, type MinutesView } from './minutes-view.js';
import { ZAmendmentRequest } from './model.js';
import { findAgendaItem, findMeeting, findMinutes, insertAmendment } from './store.js';

/** Correct approved minutes: a new amendment record beside them; the approved text never changes. */
export async function addMinutesAmendment(ctx: TenantCtx, meetingId: string, input: unknown): Promise<MinutesView> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZAmendmentRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    const minutes = await findMinutes(trx, ctx.coopId, meetingId);
    // Draft minutes are simply edited; amendments are for what has been approved.
    if (minutes?.status !== 'approved') throw new AppError('MEETING_STATE', { params: { status: 'draft' } });
    if (data.agendaItemId) {
      const item = await findAgendaItem(trx, ctx.coopId, data.agendaItemId);
      if (!item || item.meeting_id !== meetingId) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'agendaItemId', code: 'agenda_item_unknown' }] });
    }
    const row = await insertAmendment(trx, { coop_id: ctx.coopId, meeting_id: meetingId, agenda_item_id: data.agendaItemId ?? null, text: data.text, created_at: ctx.clock.now(), created_by: ctx.actor.accountId });
    await recordAudit(trx, ctx, { action: 'minutes.amend', entity: 'meeting', entityId: meetingId, after: { amendmentId: row.id, text: data.text } });
    return minutesView(trx, ctx.coopId, meeting);
  });
}
