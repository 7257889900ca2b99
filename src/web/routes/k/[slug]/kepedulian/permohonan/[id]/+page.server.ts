import { randomUUID } from 'node:crypto';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { rupiahInput } from '$lib/care';
import { isAppError } from '$core/kernel/errors.js';
import { can } from '$core/kernel/permissions.js';
import { declareConflict, decideApplication, disburseAid, getApplication } from '$core/care/applications.js';
import { listFunds } from '$core/care/funds.js';
import { listMovements } from '$core/care/list-movements.js';
import { reverseMovement } from '$core/care/reverse-movement.js';
import { getCareRules } from '$core/care/rules.js';
import { referToMembers } from '$core/care/members-decision.js';
import { regionByCode } from '$core/regions/model.js';

/** One application: its checks with evidence, the officers' decisions and conflicts, payments; the forms to act on it. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  let application;
  try {
    application = await getApplication(ctx, event.params.id);
  } catch (err) {
    if (isAppError(err) && err.status === 404) error(404, { message: err.code, code: err.code });
    throw err;
  }
  const rules = await getCareRules(ctx);
  const fund = (await listFunds(ctx)).find((f) => f.id === application.fundId) ?? null;
  const payments = await listMovements(ctx, { applicationId: application.id });
  const village = application.villageCode ? ((await regionByCode(application.villageCode))?.name ?? application.villageCode) : null;
  const me = ctx.actor.accountId;
  return {
    application,
    rules,
    fund,
    payments: payments.items,
    village,
    isApprover: rules.approverRoles.some((r) => ctx.roles.includes(r)),
    alreadyDecided: application.decisions.some((d) => d.officerAccountId === me),
    conflicted: application.conflicts.some((c) => c.officerAccountId === me),
    mayDisburse: can(ctx, 'care.disburse'),
    referred: application.membersDecisionId,
    disburseKey: `form:${randomUUID()}`
  };
};

const run = async (event: Parameters<Actions[string]>[0], act: string, fn: (ctx: Awaited<ReturnType<typeof tenantFor>>, v: Record<string, unknown>) => Promise<Record<string, unknown>>) => {
  const ctx = await tenantFor(event);
  const values = formObject(await event.request.formData());
  try {
    return { done: act, ...(await fn(ctx, values)) };
  } catch (err) {
    return failWith(ctx.locale, err, { ...values, form: act });
  }
};

export const actions: Actions = {
  putus: (event) =>
    run(event, 'decided', async (ctx, v) => {
      await decideApplication(ctx, event.params.id, { vote: v.vote, ...(v.vote === 'approve' && v.amount ? { amount: rupiahInput(v.amount) } : {}), ...(v.note ? { note: v.note } : {}) });
      return {};
    }),
  rapat: (event) =>
    run(event, 'referred', async (ctx, v) => {
      const r = await referToMembers(ctx, event.params.id, { amount: rupiahInput(v.amount) });
      return { decisionId: r.decisionId, number: r.number };
    }),
  konflik: (event) =>
    run(event, 'declared', async (ctx, v) => {
      await declareConflict(ctx, event.params.id, { relation: v.relation });
      return {};
    }),
  salurkan: (event) =>
    run(event, 'disbursed', async (ctx, v) => {
      // Without the officer's tick there is no signed receipt: the use case refuses the missing field.
      const m = await disburseAid(ctx, event.params.id, { amount: rupiahInput(v.amount), method: v.method, ...(v.receiptSigned === 'on' ? { receiptSigned: 'tick' } : {}), ...(v.date ? { date: v.date } : {}), ...(v.idempotencyKey ? { idempotencyKey: v.idempotencyKey } : {}) });
      return { receipt: m.receiptNo };
    }),
  batal: (event) =>
    run(event, 'reversed', async (ctx, v) => {
      const m = await reverseMovement(ctx, String(v.movementId ?? ''), { reason: v.reason });
      return { receipt: m.receiptNo };
    })
};
