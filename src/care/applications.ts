import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { postEntry } from '../ledger/post-entry.js';
import { findCoopBySlug } from '../coops/store.js';
import { checkEligibility, cashAccountOf, formatCareReceiptNo, receiptCounterName, ZApplicationRequest, ZConflictRequest, ZDecisionRequest, ZDisbursementRequest, type Eligibility } from './model.js';
import { careRules, ensureFunds, findFund, fundBalance, householdOpen, householdReceived, lockFund, lockHousehold, socialFund, takeReceiptNo } from './store.js';
import type { MovementView } from './funds.js';

/** Rupiah grouped for a message ('1.500.000'; the message writes 'Rp'). */
const grp = (n: number): string => new Intl.NumberFormat('id-ID').format(n);

export type ApplicationView = {
  id: string;
  status: string;
  applicantName: string;
  householdCode: string;
  category: string;
  amountAsked: number;
  approvedAmount: number | null;
  paidAmount: number;
  fundId: string;
  programmeId: string | null;
  submittedVia: string;
  submittedOn: string;
  refusedRule: string | null;
  eligibility: Eligibility;
  reason: string;
  memberId: string | null;
  householdSize: number;
  isWellOff: boolean;
  villageCode: string | null;
  consentPublic: boolean;
  membersDecisionId: string | null;
  decisions: { officerAccountId: string; officerName: string; role: string; vote: string; amount: number | null; note: string; at: string }[];
  conflicts: { officerAccountId: string; relation: string }[];
};

async function loadApplication(trx: Tx, coopId: string, id: string): Promise<ApplicationView> {
  const a = await trx.selectFrom('care_applications').selectAll().where('coop_id', '=', coopId).where('id', '=', id).executeTakeFirst();
  if (!a) throw new AppError('CARE_APPLICATION_NOT_FOUND');
  const decisions = await trx
    .selectFrom('care_decisions as d')
    .leftJoin('accounts as acc', 'acc.id', 'd.officer_account_id')
    .select(['d.officer_account_id', 'd.officer_role', 'd.vote', 'd.amount', 'd.note', 'd.created_at', 'acc.name as officer_name'])
    .where('d.coop_id', '=', coopId)
    .where('d.application_id', '=', id)
    .orderBy('d.created_at')
    .execute();
  const conflicts = await trx.selectFrom('care_conflicts').selectAll().where('coop_id', '=', coopId).where('application_id', '=', id).execute();
  return {
    id: a.id,
    status: a.status,
    applicantName: a.applicant_name,
    householdCode: a.household_code,
    category: a.category,
    amountAsked: Number(a.amount_asked),
    approvedAmount: a.approved_amount === null ? null : Number(a.approved_amount),
    paidAmount: Number(a.paid_amount),
    fundId: a.fund_id,
    programmeId: a.programme_id,
    submittedVia: a.submitted_via,
    submittedOn: a.submitted_on,
    refusedRule: a.refused_rule,
    eligibility: a.eligibility as Eligibility,
    reason: a.reason,
    memberId: a.member_id,
    householdSize: a.household_size,
    isWellOff: a.is_well_off,
    villageCode: a.village_code,
    consentPublic: a.consent_public,
    membersDecisionId: a.members_decision_id,
    decisions: decisions.map((d) => ({ officerAccountId: d.officer_account_id, officerName: d.officer_name ?? '', role: d.officer_role, vote: d.vote, amount: d.amount === null ? null : Number(d.amount), note: d.note, at: new Date(d.created_at).toISOString() })),
    conflicts: conflicts.map((c) => ({ officerAccountId: c.officer_account_id, relation: c.relation }))
  };
}

export async function getApplication(ctx: TenantCtx, id: string): Promise<ApplicationView> {
  requirePermission(ctx, 'care.read');
  return withTenant(ctx.db, ctx.coopId, (trx) => loadApplication(trx, ctx.coopId, id));
}

export async function listApplications(ctx: TenantCtx): Promise<ApplicationView[]> {
  requirePermission(ctx, 'care.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const ids = await trx.selectFrom('care_applications').select('id').where('coop_id', '=', ctx.coopId).orderBy('created_at', 'desc').limit(200).execute();
    const out: ApplicationView[] = [];
    for (const { id } of ids) out.push(await loadApplication(trx, ctx.coopId, id));
    return out;
  });
}

/**
 * Record an application and check it against the rules at once: it is stored either open
 * or refused, with every check and its evidence; a refusal names the rule. A member's
 * household, well-off mark and joining day come from the member register.
 */
async function submit(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor' | 'clock'>, input: unknown, via: 'board' | 'public'): Promise<ApplicationView> {
  const data = parseInput(ZApplicationRequest, input);
  const today = jakartaDate(ctx.clock.now());
  await ensureFunds(trx, ctx.coopId);
  const fund = data.fundId ? await findFund(trx, ctx.coopId, data.fundId) : await socialFund(trx, ctx.coopId);
  if (!fund) throw new AppError('CARE_FUND_NOT_FOUND', { fields: [{ field: 'fundId', code: 'care_fund_unknown' }] });
  if (data.programmeId) {
    const p = await trx.selectFrom('care_programmes').select('id').where('coop_id', '=', ctx.coopId).where('id', '=', data.programmeId).executeTakeFirst();
    if (!p) throw new AppError('CARE_PROGRAMME_NOT_FOUND', { fields: [{ field: 'programmeId', code: 'care_programme_unknown' }] });
  }
  let member: { id: string; household_code: string | null; is_well_off: boolean; joined_on: string | null; status: string } | undefined;
  if (data.memberId) {
    member = await trx.selectFrom('members').select(['id', 'household_code', 'is_well_off', 'joined_on', 'status']).where('coop_id', '=', ctx.coopId).where('id', '=', data.memberId).executeTakeFirst();
    if (!member) throw new AppError('MEMBER_NOT_FOUND', { fields: [{ field: 'memberId', code: 'member_unknown' }] });
  }
  const household = member?.household_code ?? data.householdCode;
  await lockHousehold(trx, ctx.coopId, household);
  const { rules, noStateAidForWellOff, stateAidRuleFrom } = await careRules(trx, ctx.coopId);
  const isMember = member?.status === 'active';
  const isWellOff = member ? member.is_well_off : (data.isWellOff ?? false);
  const verdict = checkEligibility(rules, {
    isMember,
    joinedOn: isMember ? (member!.joined_on ?? null) : null,
    today,
    amountAsked: data.amountAsked,
    householdReceivedThisYear: await householdReceived(trx, ctx.coopId, household, Number(today.slice(0, 4))),
    householdOpenApplications: await householdOpen(trx, ctx.coopId, household),
    isWellOff,
    fundIsStateAid: fund.is_state_aid,
    noStateAidForWellOff,
    stateAidRuleFrom
  });
  const row = await trx
    .insertInto('care_applications')
    .values({
      coop_id: ctx.coopId,
      fund_id: fund.id,
      programme_id: data.programmeId ?? null,
      member_id: member?.id ?? null,
      applicant_name: data.applicantName,
      phone: data.phone ?? null,
      nik: data.nik ?? null,
      household_code: household,
      household_size: data.householdSize ?? 1,
      is_well_off: isWellOff,
      village_code: data.villageCode ?? null,
      rt: data.rt ?? null,
      rw: data.rw ?? null,
      category: data.category,
      amount_asked: data.amountAsked,
      reason: data.reason,
      consent_public: data.consentPublic ?? false,
      submitted_via: via,
      status: verdict.eligible ? 'open' : 'refused',
      eligibility: JSON.stringify(verdict),
      refused_rule: verdict.refusedBy,
      submitted_on: today,
      decided_at: verdict.eligible ? null : new Date(),
      created_by: via === 'board' ? ctx.actor.accountId : null,
      created_at: new Date()
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The audit line names the application, not the person (the public must not learn who asked).
  await recordAudit(trx, ctx, { action: 'care.application.submit', entity: 'care_application', entityId: row.id, after: { via, category: data.category, amountAsked: data.amountAsked, status: verdict.eligible ? 'open' : 'refused', refusedBy: verdict.refusedBy } });
  return loadApplication(trx, ctx.coopId, row.id);
}

/** An application entered by the board (for a member or for someone of the community). */
export async function submitApplication(ctx: TenantCtx, input: unknown): Promise<ApplicationView> {
  requirePermission(ctx, 'care.manage');
  return withTenant(ctx.db, ctx.coopId, (trx) => submit(trx, ctx, input, 'board'));
}

/** An application through the public form: no account; the answer is only its status and the rule. */
export async function submitPublicApplication(ctx: Ctx, slug: string, input: unknown): Promise<{ id: string; status: string; refusedRule: string | null }> {
  const coop = await findCoopBySlug(ctx.db, slug.toLowerCase());
  if (!coop || !coop.is_public) throw new AppError('NOT_FOUND');
  const data = (input ?? {}) as Record<string, unknown>;
  // The public form cannot claim a member's record, nor choose a fund.
  if ('memberId' in data || 'fundId' in data) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'memberId' in data ? 'memberId' : 'fundId', code: 'unrecognized_keys' }] });
  const system: TenantCtx = { ...ctx, coopId: coop.id, roles: [], actor: { accountId: '00000000-0000-0000-0000-000000000000', name: 'formulir publik', isPlatformAdmin: false, via: 'system' } };
  const view = await withTenant(ctx.db, coop.id, (trx) => submit(trx, system, input, 'public'));
  return { id: view.id, status: view.status, refusedRule: view.refusedRule };
}

/** An officer declares a conflict of interest on an application (stored; they may then not decide it). */
export async function declareConflict(ctx: TenantCtx, applicationId: string, input: unknown): Promise<ApplicationView> {
  requirePermission(ctx, 'care.decide');
  const data = parseInput(ZConflictRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await loadApplication(trx, ctx.coopId, applicationId);
    await trx
      .insertInto('care_conflicts')
      .values({ coop_id: ctx.coopId, application_id: applicationId, officer_account_id: ctx.actor.accountId, relation: data.relation })
      .onConflict((oc) => oc.columns(['coop_id', 'application_id', 'officer_account_id']).doNothing())
      .execute();
    await recordAudit(trx, ctx, { action: 'care.application.conflict', entity: 'care_application', entityId: applicationId, after: { relation: data.relation } });
    return loadApplication(trx, ctx.coopId, applicationId);
  });
}

/**
 * One officer's vote on an open application. The application row is locked, so votes queue;
 * each officer votes once (a repeat is CARE_ALREADY_DECIDED and changes nothing). Never for
 * the officer's own household or one they declared a conflict with. N approvals from the
 * named roles approve it (the smallest amount approved); one refusal refuses it. Above the
 * members' threshold the officers may not approve: it is the members' decision.
 */
export async function decideApplication(ctx: TenantCtx, applicationId: string, input: unknown): Promise<ApplicationView> {
  requirePermission(ctx, 'care.decide');
  const data = parseInput(ZDecisionRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const app = await trx.selectFrom('care_applications').selectAll().where('coop_id', '=', ctx.coopId).where('id', '=', applicationId).forUpdate().executeTakeFirst();
    if (!app) throw new AppError('CARE_APPLICATION_NOT_FOUND');
    const { rules } = await careRules(trx, ctx.coopId);
    const role = rules.approverRoles.find((r) => ctx.roles.includes(r));
    if (!role) throw new AppError('CARE_NOT_APPROVER', { params: { roles: rules.approverRoles.join(', ') } });
    if (app.status !== 'open') throw new AppError('CARE_NOT_OPEN', { params: { status: app.status } });
    const previous = await trx.selectFrom('care_decisions').select(['officer_account_id', 'vote', 'amount']).where('coop_id', '=', ctx.coopId).where('application_id', '=', app.id).execute();
    if (previous.some((d) => d.officer_account_id === ctx.actor.accountId)) throw new AppError('CARE_ALREADY_DECIDED');
    const own = await trx.selectFrom('members').select('household_code').where('coop_id', '=', ctx.coopId).where('account_id', '=', ctx.actor.accountId).executeTakeFirst();
    if (own?.household_code && own.household_code === app.household_code) throw new AppError('CARE_OWN_HOUSEHOLD');
    const conflict = await trx.selectFrom('care_conflicts').select('relation').where('coop_id', '=', ctx.coopId).where('application_id', '=', app.id).where('officer_account_id', '=', ctx.actor.accountId).executeTakeFirst();
    if (conflict) throw new AppError('CARE_CONFLICT_DECLARED', { params: { relation: conflict.relation } });
    const asked = Number(app.amount_asked);
    const amount = data.vote === 'approve' ? (data.amount ?? asked) : null;
    if (amount !== null && amount > asked) throw new AppError('CARE_AMOUNT_OVER_ASKED', { fields: [{ field: 'amount', code: 'care_over_asked', params: { asked } }] });
    if (amount !== null && rules.membersDecisionAbove !== null && amount > rules.membersDecisionAbove) {
      throw new AppError('CARE_NEEDS_MEMBERS', { params: { threshold: grp(rules.membersDecisionAbove) } });
    }
    const ruleApplied = { approvalsRequired: rules.approvalsRequired, approverRoles: rules.approverRoles, membersDecisionAbove: rules.membersDecisionAbove, eligibility: app.eligibility };
    await trx
      .insertInto('care_decisions')
      .values({ coop_id: ctx.coopId, application_id: app.id, officer_account_id: ctx.actor.accountId, officer_role: role, vote: data.vote, amount, note: data.note ?? '', rule: JSON.stringify(ruleApplied), created_at: new Date() })
      .execute();
    const approvals = [...previous.filter((d) => d.vote === 'approve').map((d) => Number(d.amount)), ...(amount !== null ? [amount] : [])];
    let status: 'open' | 'approved' | 'refused' = 'open';
    if (data.vote === 'refuse') status = 'refused';
    else if (approvals.length >= rules.approvalsRequired) status = 'approved';
    if (status !== 'open') {
      await trx
        .updateTable('care_applications')
        .set({ status, approved_amount: status === 'approved' ? Math.min(...approvals) : null, refused_rule: status === 'refused' ? 'officers' : null, decided_at: new Date() })
        .where('coop_id', '=', ctx.coopId)
        .where('id', '=', app.id)
        .execute();
    }
    await recordAudit(trx, ctx, { action: 'care.application.decide', entity: 'care_application', entityId: app.id, after: { vote: data.vote, role, amount, status, rule: ruleApplied } });
    return loadApplication(trx, ctx.coopId, app.id);
  });
}

/**
 * Pay (part of) an approved application: the application and the fund are locked, the
 * amount checked against what is left of the approval and against the fund's balance (so the
 * fund never goes below zero, whatever runs at once), then one posting (Dr the fund's
 * account, Cr Kas/Bank), a numbered receipt ticked as signed by the officer who handed it over.
 */
export async function disburseAid(ctx: TenantCtx, applicationId: string, input: unknown): Promise<MovementView> {
  requirePermission(ctx, 'care.disburse');
  const data = parseInput(ZDisbursementRequest, input);
  const today = jakartaDate(ctx.clock.now());
  const date = data.date ?? today;
  if (date > today) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'date', code: 'date_in_future' }] });
  const key = data.idempotencyKey ?? randomUUID();
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const app = await trx.selectFrom('care_applications').selectAll().where('coop_id', '=', ctx.coopId).where('id', '=', applicationId).forUpdate().executeTakeFirst();
    if (!app) throw new AppError('CARE_APPLICATION_NOT_FOUND');
    const existing = await trx.selectFrom('care_movements').selectAll().where('coop_id', '=', ctx.coopId).where('idempotency_key', '=', key).executeTakeFirst();
    if (existing) {
      if (existing.application_id !== app.id || Number(existing.amount) !== -data.amount) throw new AppError('CARE_IDEMPOTENCY_CONFLICT');
      return { id: existing.id, receiptNo: existing.receipt_no, kind: existing.kind, amount: Number(existing.amount), occurredOn: existing.occurred_on, fundId: existing.fund_id, entryId: existing.entry_id, created: false };
    }
    if (app.status !== 'approved' || app.approved_amount === null) throw new AppError('CARE_NOT_APPROVED', { params: { status: app.status } });
    const left = Number(app.approved_amount) - Number(app.paid_amount);
    if (data.amount > left) throw new AppError('CARE_OVER_APPROVED', { params: { left: grp(left) }, fields: [{ field: 'amount', code: 'care_over_approved', params: { left: grp(left) } }] });
    const fund = await lockFund(trx, ctx.coopId, app.fund_id);
    const balance = await fundBalance(trx, ctx.coopId, fund.account_id);
    if (data.amount > balance) throw new AppError('CARE_FUND_INSUFFICIENT', { params: { balance: grp(balance) }, fields: [{ field: 'amount', code: 'care_fund_insufficient', params: { balance: grp(balance) } }] });
    const year = Number(date.slice(0, 4));
    const seq = await takeReceiptNo(trx, ctx.coopId, receiptCounterName(year));
    const receiptNo = formatCareReceiptNo(year, seq);
    const { entryId } = await postEntry(trx, ctx, {
      idempotencyKey: `care:${key}`,
      date,
      // No name in the append-only journal: the category and the receipt.
      description: `Bantuan ${app.category} dari ${fund.name}, ${receiptNo}`,
      source: 'care',
      sourceRef: receiptNo,
      lines: [
        { account: fund.account_code, debit: data.amount },
        { account: cashAccountOf(data.method), credit: data.amount }
      ]
    });
    const row = await trx
      .insertInto('care_movements')
      .values({
        coop_id: ctx.coopId,
        fund_id: fund.id,
        kind: 'disbursement',
        amount: -data.amount,
        method: data.method,
        occurred_on: date,
        purpose: `Bantuan ${app.category}`,
        programme_id: app.programme_id,
        application_id: app.id,
        village_code: app.village_code,
        category: app.category,
        counterparty: app.consent_public ? app.applicant_name : null,
        counterparty_public: app.consent_public,
        receipt_year: year,
        receipt_seq: seq,
        receipt_no: receiptNo,
        receipt_signed: data.receiptSigned,
        entry_id: entryId,
        idempotency_key: key,
        created_by: ctx.actor.accountId,
        created_at: new Date()
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const paid = Number(app.paid_amount) + data.amount;
    await trx
      .updateTable('care_applications')
      .set({ paid_amount: paid, status: paid === Number(app.approved_amount) ? 'paid' : 'approved' })
      .where('coop_id', '=', ctx.coopId)
      .where('id', '=', app.id)
      .execute();
    await recordAudit(trx, ctx, { action: 'care.disbursement.record', entity: 'care_movement', entityId: row.id, after: { application: app.id, amount: data.amount, receiptNo, entryId, fundBalanceBefore: balance } });
    return { id: row.id, receiptNo, kind: 'disbursement', amount: -data.amount, occurredOn: date, fundId: fund.id, entryId, created: true };
  });
}

