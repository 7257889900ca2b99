import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { ZUpdateDecisionRequest } from './model.js';
import { countParticipations, findDecision, optionsOf, replaceOptions, updateDecision as updateDecisionRow } from './store.js';
import { actingMember, mapGuardError } from './support.js';

/**
 * Change a proposal's text or counting settings (officers). Once a ballot exists the
 * options, counting method, secrecy, quorum and majority are frozen (item 9), and a secret
 * ballot can never be made open — the database refuses both even if this check were skipped.
 */
export async function updateDecision(ctx: TenantCtx, decisionId: string, input: unknown): Promise<DecisionView> {
  requirePermission(ctx, 'decisions.manage');
  const data = parseInput(ZUpdateDecisionRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const d = await findDecision(trx, ctx.coopId, decisionId, { lock: 'update' });
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    if (d.status === 'closed' || d.status === 'withdrawn') throw new AppError('DECISION_STATE', { params: { status: d.status } });
    if (d.secret && data.secret === false) throw new AppError('DECISION_CANNOT_DEANONYMIZE');
    const settingsChange =
      (data.secret !== undefined && data.secret !== d.secret) ||
      (data.allowRevote !== undefined && data.allowRevote !== d.allow_revote) ||
      (data.thresholdBp !== undefined && data.thresholdBp !== d.threshold_bp) ||
      (data.seats !== undefined && data.seats !== d.max_choices) ||
      data.options !== undefined;
    if (settingsChange && (await countParticipations(trx, ctx.coopId, decisionId)) > 0) throw new AppError('DECISION_SETTINGS_FROZEN');
    const secret = data.secret ?? d.secret;
    if (secret && (data.allowRevote ?? d.allow_revote)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'allowRevote', code: 'secret_single_submit' }] });
    if (data.thresholdBp !== undefined && data.thresholdBp < d.threshold_bp) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'thresholdBp', code: 'threshold_below_charter' }] });
    const set: Record<string, unknown> = {};
    if (data.title !== undefined) set.title = data.title;
    if (data.body !== undefined) set.body = data.body;
    if (data.secret !== undefined) set.secret = data.secret;
    if (data.allowRevote !== undefined) set.allow_revote = data.allowRevote;
    if (data.thresholdBp !== undefined) set.threshold_bp = data.thresholdBp;
    if (data.seats !== undefined) set.max_choices = data.seats;
    try {
      const row = Object.keys(set).length ? await updateDecisionRow(trx, ctx.coopId, decisionId, set) : d;
      if (data.options !== undefined) {
        if (d.method === 'yes_no' && data.options.length > 0) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'options', code: 'choice_invalid' }] });
        await replaceOptions(trx, ctx.coopId, decisionId, data.options.map((o) => ({ label: o.label, member_id: o.memberId ?? null })));
      }
      await recordAudit(trx, ctx, {
        action: 'decision.update',
        entity: 'decision',
        entityId: decisionId,
        before: { title: d.title, secret: d.secret, allowRevote: d.allow_revote, thresholdBp: d.threshold_bp, seats: d.max_choices, options: data.options ? await optionsOf(trx, ctx.coopId, decisionId) : undefined },
        after: { ...set, options: data.options }
      });
      return decisionView(trx, row, await actingMember(trx, ctx));
    } catch (err) {
      return mapGuardError(err);
    }
  });
}
