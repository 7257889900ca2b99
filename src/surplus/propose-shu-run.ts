import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { addAgendaItem } from '../governance/add-agenda-item.js';
import { proposeDecision } from '../governance/propose-decision.js';
import { systemCtx } from '../governance/support.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { formatRupiahId } from '../capital/model.js';
import { getRunIn, type ShuRunView } from './get-run.js';
import { ZProposeRunRequest } from './requests.js';
import { findRun, setRunStatus } from './store.js';

export function runTitle(r: { fiscalYear: number; number: number }): string {
  return `Pengesahan pembagian SHU tahun buku ${r.fiscalYear} (perhitungan No. ${r.number})`;
}

/**
 * DRAFT → PROPOSED: the run goes into the RAT materials. With a RAT meeting named, the run
 * also goes on its agenda as an item and a decision "approve SHU run N" (by the cooperative,
 * as the system actor): when that decision passes, the run can be approved with it.
 */
export async function proposeShuRun(ctx: TenantCtx, runId: string, input: unknown = {}): Promise<ShuRunView> {
  requirePermission(ctx, 'shu.manage');
  const data = parseInput(ZProposeRunRequest, input ?? {});
  const view = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const run = await findRun(trx, ctx.coopId, runId, { lock: true });
    if (!run) throw new AppError('SHU_RUN_NOT_FOUND');
    if (run.status !== 'draft' && !(run.status === 'proposed' && data.meetingId && !run.decision_id)) throw new AppError('SHU_RUN_STATE', { params: { status: run.status } });
    if (data.meetingId) {
      const meeting = await trx.selectFrom('meetings').select(['kind', 'status']).where('coop_id', '=', ctx.coopId).where('id', '=', data.meetingId).executeTakeFirst();
      if (!meeting || meeting.kind !== 'rat') throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'meetingId', code: 'shu_meeting_not_rat' }] });
    }
    if (run.status === 'draft') {
      await setRunStatus(trx, ctx.coopId, runId, 'proposed');
      await recordAudit(trx, ctx, { action: 'shu.run.propose', entity: 'shu_run', entityId: runId, after: { meetingId: data.meetingId ?? null } });
    }
    return (await getRunIn(trx, ctx.coopId, runId))!;
  });
  if (!data.meetingId) return view;
  const sys = systemCtx(ctx);
  const title = runTitle(view);
  const body = [
    `Rapat Anggota Tahunan mengesahkan pembagian Sisa Hasil Usaha tahun buku ${view.fiscalYear} (${view.periodStart} s.d. ${view.periodEnd}) sesuai perhitungan No. ${view.number}.`,
    `SHU bersih: ${formatRupiahId(view.pool)}.`,
    ...view.components.map((c) => `- ${c.key}: ${formatRupiahId(c.amount)}`),
    `Jasa anggota untuk ${view.members.length} anggota: ${formatRupiahId(view.totals.total)}.`,
    `Rujukan perhitungan: shu-run:${view.id}`
  ].join('\n');
  const item = await addAgendaItem(sys, data.meetingId, { title, description: `Perhitungan SHU No. ${view.number}` });
  const decision = await proposeDecision(sys, { kind: 'general', title, body, meetingId: data.meetingId, agendaItemId: item.id });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await trx.updateTable('shu_runs').set({ decision_id: decision.id }).where('coop_id', '=', ctx.coopId).where('id', '=', runId).where('status', '=', 'proposed').execute();
    await recordAudit(trx, ctx, { action: 'shu.run.agenda', entity: 'shu_run', entityId: runId, after: { meetingId: data.meetingId, decisionId: decision.id } });
    return (await getRunIn(trx, ctx.coopId, runId))!;
  });
}
