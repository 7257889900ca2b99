import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { loadProgramme } from './get-programme.js';
import { ZAssessmentRequest, type ProgrammeView } from './model.js';
import { actorMember, isFacilitator } from './store.js';

/** The facilitator (or the board) enters a participant's assessment result: passed, failed, or cleared. */
export async function setAssessment(ctx: TenantCtx, programmeId: string, input: unknown): Promise<ProgrammeView> {
  const d = parseInput(ZAssessmentRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    if (!can(ctx, 'education.manage')) {
      const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
      if (!(await isFacilitator(trx, ctx.coopId, { programme_id: programmeId, facilitator_member_id: null }, me?.id ?? null))) throw new AppError('EDU_NOT_FACILITATOR');
    }
    const before = await trx.selectFrom('edu_enrolments').select('assessment').where('coop_id', '=', ctx.coopId).where('id', '=', d.enrolmentId).where('programme_id', '=', programmeId).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('EDU_NOT_ENROLLED', { fields: [{ field: 'enrolmentId', code: 'edu_not_enrolled' }] });
    await trx.updateTable('edu_enrolments').set({ assessment: d.assessment }).where('coop_id', '=', ctx.coopId).where('id', '=', d.enrolmentId).execute();
    await recordAudit(trx, ctx, { action: 'education.assessment', entity: 'edu_enrolment', entityId: d.enrolmentId, before: { assessment: before.assessment }, after: { assessment: d.assessment } });
    return loadProgramme(trx, ctx, programmeId);
  });
}
