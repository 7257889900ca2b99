import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { minutesView, type MinutesView } from './minutes-view.js';
import { ZMinutesRequest } from './model.js';
import { agendaOf, ensureMinutes, findMeeting, findMinutes, updateMinutes, upsertMinuteNote } from './store.js';

/** Write the draft minutes: a summary and notes per agenda item. Approved minutes are read-only (MINUTES_APPROVED). */
export async function saveMinutes(ctx: TenantCtx, meetingId: string, input: unknown): Promise<MinutesView> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZMinutesRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    const now = ctx.clock.now();
    await ensureMinutes(trx, ctx.coopId, meetingId, now);
    const before = await findMinutes(trx, ctx.coopId, meetingId, { lock: true });
    if (before?.status === 'approved') throw new AppError('MINUTES_APPROVED');
    const agendaIds = new Set((await agendaOf(trx, ctx.coopId, meetingId)).map((a) => a.id));
    const notes = data.notes ?? [];
    notes.forEach((n, i) => {
      if (!agendaIds.has(n.agendaItemId)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: `notes.${i}.agendaItemId`, code: 'agenda_item_unknown' }] });
    });
    if (data.summary !== undefined) await updateMinutes(trx, ctx.coopId, meetingId, { summary: data.summary, updated_at: now });
    for (const n of notes) await upsertMinuteNote(trx, ctx.coopId, meetingId, n.agendaItemId, n.text);
    await recordAudit(trx, ctx, { action: 'minutes.save', entity: 'meeting', entityId: meetingId, before: { summary: before?.summary ?? '' }, after: { summary: data.summary ?? before?.summary ?? '', notes: notes.length } });
    return minutesView(trx, ctx.coopId, meeting);
  });
}
