import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { formatRupiahId } from '../capital/model.js';
import { proposeDecision } from '../governance/propose-decision.js';
import { systemCtx } from '../governance/support.js';
import { MAX_CARE_RUPIAH } from './model.js';
import { careRules } from './store.js';

const ZReferRequest = z.object({ amount: z.number().int().min(1).max(MAX_CARE_RUPIAH), meetingId: z.uuid().optional() }).strict();

/**
 * An amount above the charter's threshold is the members' to decide (issue 18, item 5): a named
 * officer refers the open application to them as a governance decision (yes/no, by the
 * cooperative as the system actor, in a meeting when one is named). The proposal carries the
 * kind of aid, the village code, the amount and the checks — never the applicant's name. When
 * the decision closes, `applyMembersDecision` approves (the amount put to the vote) or refuses.
 */
export async function referToMembers(ctx: TenantCtx, applicationId: string, input: unknown): Promise<{ decisionId: string; number: number }> {
  requirePermission(ctx, 'care.decide');
  const data = parseInput(ZReferRequest, input);
  const app = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const a = await trx.selectFrom('care_applications').selectAll().where('coop_id', '=', ctx.coopId).where('id', '=', applicationId).executeTakeFirst();
    if (!a) throw new AppError('CARE_APPLICATION_NOT_FOUND');
    const { rules } = await careRules(trx, ctx.coopId);
    if (!rules.approverRoles.some((r) => ctx.roles.includes(r))) throw new AppError('CARE_NOT_APPROVER', { params: { roles: rules.approverRoles.join(', ') } });
    if (a.status !== 'open') throw new AppError('CARE_NOT_OPEN', { params: { status: a.status } });
    if (a.members_decision_id) throw new AppError('CARE_ALREADY_REFERRED');
    if (data.amount > Number(a.amount_asked)) throw new AppError('CARE_AMOUNT_OVER_ASKED', { fields: [{ field: 'amount', code: 'care_over_asked', params: { asked: Number(a.amount_asked) } }] });
    if (rules.membersDecisionAbove === null || data.amount <= rules.membersDecisionAbove) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'amount', code: 'care_below_threshold', params: { threshold: formatRupiahId(rules.membersDecisionAbove ?? 0) } }] });
    return { ...a, threshold: rules.membersDecisionAbove };
  });
  const title = `Bantuan ${app.category} ${formatRupiahId(data.amount)} (permohonan ${app.submitted_on})`;
  const checks = (app.eligibility as { checks?: { rule: string; status: string }[] }).checks ?? [];
  const body = [
    `Pengurus meminta rapat anggota memutus bantuan ${app.category} sebesar ${formatRupiahId(data.amount)} dari dana koperasi: jumlah di atas ambang ${formatRupiahId(app.threshold)} yang ditetapkan aturan bantuan.`,
    `Desa: ${app.village_code ?? '—'}. Anggota rumah tangga: ${app.household_size}.`,
    `Pemeriksaan syarat: ${checks.map((c) => `${c.rule} ${c.status}`).join('; ')}.`,
    `Nama pemohon tidak dicantumkan (perlindungan data); pengurus dapat menjelaskan di rapat.`,
    `Rujukan permohonan: care-application:${app.id}`
  ].join('\n');
  const decision = await proposeDecision(systemCtx(ctx), { kind: 'general', title, body, ...(data.meetingId ? { meetingId: data.meetingId } : {}) });
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const locked = await trx.selectFrom('care_applications').select(['status', 'members_decision_id']).where('coop_id', '=', ctx.coopId).where('id', '=', applicationId).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'open' || locked.members_decision_id) throw new AppError('CARE_ALREADY_REFERRED');
    await trx.updateTable('care_applications').set({ members_decision_id: decision.id, members_amount: data.amount }).where('coop_id', '=', ctx.coopId).where('id', '=', applicationId).execute();
    await recordAudit(trx, ctx, { action: 'care.application.refer', entity: 'care_application', entityId: applicationId, after: { decisionId: decision.id, amount: data.amount, threshold: app.threshold } });
  });
  return { decisionId: decision.id, number: decision.number };
}

/**
 * Apply the members' decision on a referred application once it is closed: passed (or
 * consensus) approves it for the amount put to the vote; anything else refuses it under the
 * rule 'members'. Called from the governance engine when a decision's effects are applied, and
 * idempotent (an application no longer open is left as it is).
 */
export async function applyMembersDecision(ctx: TenantCtx, decisionId: string): Promise<{ applicationId: string; status: string } | null> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const a = await trx.selectFrom('care_applications').select(['id', 'status', 'members_amount']).where('coop_id', '=', ctx.coopId).where('members_decision_id', '=', decisionId).forUpdate().executeTakeFirst();
    if (!a) return null;
    const d = await trx.selectFrom('decisions').select(['status', 'outcome', 'number', 'title']).where('coop_id', '=', ctx.coopId).where('id', '=', decisionId).executeTakeFirstOrThrow();
    if (d.status !== 'closed' || a.status !== 'open') return { applicationId: a.id, status: a.status };
    const passed = d.outcome === 'passed' || d.outcome === 'consensus';
    await trx
      .updateTable('care_applications')
      .set(passed ? { status: 'approved', approved_amount: a.members_amount, refused_rule: null, decided_at: new Date() } : { status: 'refused', refused_rule: 'members', decided_at: new Date() })
      .where('coop_id', '=', ctx.coopId)
      .where('id', '=', a.id)
      .execute();
    await recordAudit(trx, ctx, { action: 'care.application.members_decision', entity: 'care_application', entityId: a.id, after: { decisionId, decision: `Keputusan No. ${d.number}`, outcome: d.outcome, status: passed ? 'approved' : 'refused', amount: passed ? Number(a.members_amount) : null } });
    return { applicationId: a.id, status: passed ? 'approved' : 'refused' };
  });
}
