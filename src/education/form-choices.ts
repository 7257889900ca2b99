import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';

/** What the board's education forms offer: members and candidates (facilitators, enrolment) and meetings not yet past (to link). */
export async function getFormChoices(ctx: TenantCtx): Promise<{ members: { id: string; name: string; status: string }[]; meetings: { id: string; title: string; startsAt: string }[] }> {
  requirePermission(ctx, 'education.manage');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const [members, meetings] = await Promise.all([
      trx.selectFrom('members').select(['id', 'full_name', 'status']).where('coop_id', '=', ctx.coopId).where('status', 'in', ['active', 'applicant']).orderBy('full_name').limit(2000).execute(),
      trx
        .selectFrom('meetings')
        .select(['id', 'title', 'starts_at'])
        .where('coop_id', '=', ctx.coopId)
        .where('status', 'in', ['scheduled', 'open'])
        .orderBy('starts_at')
        .limit(50)
        .execute()
    ]);
    return {
      members: members.map((m) => ({ id: m.id, name: m.full_name, status: m.status })),
      meetings: meetings.map((m) => ({ id: m.id, title: m.title, startsAt: new Date(m.starts_at).toISOString() }))
    };
  });
}
