import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZAgendaItemRequest } from './model.js';
import { findMeeting, insertAgendaItems } from './store.js';
import type { AgendaItemView } from './views.js';

/** Add an item to a meeting's agenda (until the meeting closes). */
export async function addAgendaItem(ctx: TenantCtx, meetingId: string, input: unknown): Promise<AgendaItemView> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZAgendaItemRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId, { lock: true });
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    if (meeting.status === 'closed' || meeting.status === 'cancelled') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
    const [item] = await insertAgendaItems(trx, ctx.coopId, meetingId, [{ title: data.title, description: data.description }]);
    await recordAudit(trx, ctx, { action: 'meeting.agenda.add', entity: 'meeting', entityId: meetingId, after: { position: item!.position, title: item!.title } });
    return { id: item!.id, position: item!.position, title: item!.title, description: item!.description };
  });
}
