import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { budgetLines, rupiahInput } from '$lib/care';
import { can } from '$core/kernel/permissions.js';
import { createGrantFund, listFunds, recordInflow } from '$core/care/funds.js';
import { createProgramme, listProgrammes } from '$core/care/programmes.js';
import { getCareRules } from '$core/care/rules.js';
import { confirmDonation, listPendingDonations } from '$core/care/donations.js';

/** The board's care overview: funds with balances, programmes with budget vs actual, the rules in force. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const [funds, programmes, rules, pending] = [await listFunds(ctx), await listProgrammes(ctx), await getCareRules(ctx), await listPendingDonations(ctx)];
  // A fresh key per page load: a double submit of the same form records once.
  return { funds, programmes, rules, pending, mayManage: can(ctx, 'care.manage'), inflowKey: `form:${randomUUID()}` };
};

const opt = (v: unknown) => (v === undefined ? {} : v);

export const actions: Actions = {
  konfirmasi: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const r = await confirmDonation(ctx, String(values.donationId ?? ''));
      return { done: 'donation', receipt: r.receiptNo };
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, form: 'konfirmasi' });
    }
  },
  hibah: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await createGrantFund(ctx, { name: values.name, grantor: values.grantor, isStateAid: values.isStateAid === 'on', ...(values.conditions ? { conditions: values.conditions } : {}) });
      return { done: 'grant' };
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, form: 'hibah' });
    }
  },
  masuk: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      const m = await recordInflow(ctx, {
        fundId: values.fundId,
        kind: values.kind,
        amount: rupiahInput(values.amount),
        method: values.method,
        ...(values.date ? { date: values.date } : {}),
        ...(values.programmeId ? { programmeId: values.programmeId } : {}),
        ...(values.counterparty ? { counterparty: values.counterparty } : {}),
        counterpartyPublic: values.counterpartyPublic === 'on',
        ...(values.purpose ? { purpose: values.purpose } : {}),
        // One submit records once: the form carries its own key.
        ...(values.idempotencyKey ? { idempotencyKey: values.idempotencyKey } : {})
      });
      return { done: 'inflow', receipt: m.receiptNo };
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, form: 'masuk' });
    }
  },
  program: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    try {
      await createProgramme(ctx, {
        title: values.title,
        ...(values.purpose ? { purpose: values.purpose } : {}),
        ...(values.story ? { story: values.story } : {}),
        ...(values.villageCode ? { villageCode: values.villageCode } : {}),
        fundId: values.fundId,
        ...(values.startsOn ? { startsOn: values.startsOn } : {}),
        ...(values.endsOn ? { endsOn: values.endsOn } : {}),
        lines: opt(budgetLines(values.lines))
      });
      return { done: 'programme' };
    } catch (err) {
      return failWith(ctx.locale, err, { ...values, form: 'program' });
    }
  }
};
