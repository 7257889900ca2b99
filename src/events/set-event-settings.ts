import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZEventSettingsRequest } from './model.js';
import { ensureSeatRow, eventWork } from './store.js';

/** Turn free registration (free/community events, no order) on or off for one event. */
export async function setEventSettings(ctx: TenantCtx, workId: string, input: unknown): Promise<{ freeRegistration: boolean }> {
  requirePermission(ctx, 'catalogue.write');
  const data = parseInput(ZEventSettingsRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    if (!(await eventWork(trx, ctx.coopId, workId))) throw new AppError('EVENT_NOT_FOUND');
    await ensureSeatRow(trx, ctx.coopId, workId);
    await trx.updateTable('event_seats').set({ free_registration: data.freeRegistration }).where('coop_id', '=', ctx.coopId).where('work_id', '=', workId).execute();
    await recordAudit(trx, ctx, { action: 'event.settings', entity: 'work', entityId: workId, after: data });
    return { freeRegistration: data.freeRegistration };
  });
}
