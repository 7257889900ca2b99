import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { minutesView, type MinutesView } from './minutes-view.js';
import { findMeeting } from './store.js';

/** A meeting's minutes; every role of the cooperative may read them. */
export async function getMinutes(ctx: TenantCtx, meetingId: string): Promise<MinutesView> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    return minutesView(trx, ctx.coopId, meeting);
  });
}
