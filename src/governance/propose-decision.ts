import { recordAudit } from '../audit/record-audit.js';
import { checkCharterRules } from '../charters/model.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { electorateIn } from '../members/list-electorate.js';
import { decisionView, type DecisionView } from './decision-view.js';
import { thresholdFor, ZProposeRequest, type ProposeRequest } from './model.js';
import { findAgendaItem, findMeeting, insertDecision, nextNumber, replaceOptions } from './store.js';
import { actingMember, governanceRules } from './support.js';

/**
 * Put a proposal to the members (any active member, or an officer): it opens for
 * musyawarah — discussion and positions — and takes the charter's quorum and the
 * majority its kind needs (charter changes and dissolution their stricter ones).
 * Elections name candidates and the office and term; charter changes carry the complete
 * new rules (checked now); admissions name the applicant.
 */
export async function proposeDecision(ctx: TenantCtx, input: ProposeRequest | Record<string, unknown>): Promise<DecisionView> {
  requirePermission(ctx, 'coop.read');
  const data = parseInput(ZProposeRequest, input);
  let charterRules: unknown = null;
  if (data.kind === 'charter_change') {
    const checked = checkCharterRules(data.charterRules, 'charterRules.');
    if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.fields });
    charterRules = checked.rules;
  }
  const rules = await governanceRules(ctx);
  const officer = can(ctx, 'decisions.manage');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await actingMember(trx, ctx);
    if (!me && !officer) throw new AppError('GOVERNANCE_NOT_MEMBER');
    if (data.meetingId) {
      const meeting = await findMeeting(trx, ctx.coopId, data.meetingId);
      if (!meeting) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'meetingId', code: 'meeting_unknown' }] });
      if (meeting.status === 'closed' || meeting.status === 'cancelled') throw new AppError('MEETING_STATE', { params: { status: meeting.status } });
    }
    if (data.agendaItemId) {
      const item = await findAgendaItem(trx, ctx.coopId, data.agendaItemId);
      if (!item || item.meeting_id !== data.meetingId) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'agendaItemId', code: 'agenda_item_unknown' }] });
    }
    const options = data.options ?? [];
    if (data.kind === 'election') {
      const active = new Set((await electorateIn(trx, ctx.coopId, { memberIds: options.map((o) => o.memberId!) })).map((m) => m.memberId));
      options.forEach((o, i) => {
        if (!active.has(o.memberId!)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: `options.${i}.memberId`, code: 'candidate_not_active' }] });
      });
      if (new Set(options.map((o) => o.memberId)).size !== options.length) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'options', code: 'choice_duplicate' }] });
    }
    const method = data.kind === 'election' || options.length > 0 ? 'choose' : 'yes_no';
    if (method === 'choose' && options.length < 1) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'options', code: 'candidates_required' }] });
    const number = await nextNumber(trx, ctx.coopId, 'decision_no');
    const row = await insertDecision(trx, {
      coop_id: ctx.coopId,
      number,
      meeting_id: data.meetingId ?? null,
      agenda_item_id: data.agendaItemId ?? null,
      kind: data.kind,
      title: data.title,
      body: data.body,
      method,
      max_choices: method === 'choose' ? Math.min(data.seats, options.length) : 1,
      secret: data.secret,
      allow_revote: data.secret ? false : data.allowRevote,
      quorum: JSON.stringify(rules.quorum),
      threshold_bp: thresholdFor(data.kind, { majority: rules.majority } as never, data.thresholdBp),
      majority_base: rules.majority.base ?? 'votes_cast',
      min_turnout_bp: rules.majority.minTurnoutBp ?? null,
      charter_version: rules.charterVersion,
      election_role: data.kind === 'election' ? data.electionRole! : null,
      term_starts_on: data.kind === 'election' ? data.termStartsOn! : null,
      term_ends_on: data.kind === 'election' ? data.termEndsOn! : null,
      charter_rules: charterRules === null ? null : JSON.stringify(charterRules),
      charter_base_version: data.kind === 'charter_change' ? (rules.charterVersion ?? 0) : null,
      subject_member_id: data.kind === 'admission' ? data.subjectMemberId! : null,
      proposed_by: ctx.actor.accountId
    });
    await replaceOptions(trx, ctx.coopId, row.id, options.map((o) => ({ label: o.label, member_id: o.memberId ?? null })));
    await recordAudit(trx, ctx, { action: 'decision.propose', entity: 'decision', entityId: row.id, after: { number, kind: data.kind, title: data.title, secret: data.secret, thresholdBp: row.threshold_bp } });
    return decisionView(trx, row, me);
  });
}
