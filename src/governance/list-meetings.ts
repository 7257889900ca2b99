import { z } from 'zod';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { electorateIn } from '../members/list-electorate.js';
import { meetingQuorum } from './meeting-eligible.js';
import { listMeetingRows } from './store.js';
import { governanceRules } from './support.js';
import { meetingView, type MeetingView } from './views.js';

export const ZListMeetingsRequest = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20)
});

/** The cooperative's meetings, latest first, each with its attendance and quorum. */
export async function listMeetings(ctx: TenantCtx, input: unknown = {}): Promise<{ items: MeetingView[]; page: number; pageSize: number }> {
  requirePermission(ctx, 'coop.read');
  const p = parseInput(ZListMeetingsRequest, input ?? {});
  const rules = await governanceRules(ctx);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await listMeetingRows(trx, ctx.coopId, { limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
    const activeNow = rows.some((r) => r.eligible_count === null) ? (await electorateIn(trx, ctx.coopId)).length : 0;
    const items: MeetingView[] = [];
    for (const r of rows) items.push(await meetingView(trx, r, meetingQuorum(r.kind, rules.quorum), activeNow));
    return { items, page: p.page, pageSize: p.pageSize };
  });
}
