import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { loadProgramme } from './get-programme.js';
import { ZProgrammeRequest, type ProgrammeView } from './model.js';
import { checkMembers } from './store.js';

/** Start an education programme (board or staf): kind, audience, facilitators, topics, budget and completion rule. */
export async function createProgramme(ctx: TenantCtx, input: unknown): Promise<ProgrammeView> {
  requirePermission(ctx, 'education.manage');
  const d = parseInput(ZProgrammeRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await checkMembers(trx, ctx.coopId, d.facilitatorMemberIds ?? [], 'facilitatorMemberIds');
    const row = await trx
      .insertInto('edu_programmes')
      .values({
        coop_id: ctx.coopId,
        title: d.title,
        kind: d.kind,
        product_line: d.productLine ?? null,
        audience: d.audience,
        description: d.description ?? '',
        topics: d.topics ?? [],
        outside_facilitators: d.outsideFacilitators ?? [],
        budget: d.budget ?? 0,
        min_attendance_bp: d.minAttendanceBp ?? 7500,
        requires_assessment: d.requiresAssessment ?? false,
        capacity: d.capacity ?? null,
        created_by: ctx.actor.accountId
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const facilitators = [...new Set(d.facilitatorMemberIds ?? [])];
    if (facilitators.length) await trx.insertInto('edu_programme_facilitators').values(facilitators.map((member_id) => ({ coop_id: ctx.coopId, programme_id: row.id, member_id }))).execute();
    await recordAudit(trx, ctx, { action: 'education.programme.create', entity: 'edu_programme', entityId: row.id, after: { ...d } });
    return loadProgramme(trx, ctx, row.id);
  });
}
