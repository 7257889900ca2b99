import { randomUUID } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { rupiahInput } from '$lib/market/form';
import { isAppError } from '../../../../../kernel/errors.js';
import { translateError } from '../../../../../kernel/i18n.js';
import { can } from '../../../../../kernel/permissions.js';
import { listProducerBalances } from '../../../../../payouts/list-producer-balances.js';
import { listPayouts } from '../../../../../payouts/list-payouts.js';
import { requestPayout } from '../../../../../payouts/request-payout.js';

/** Producers' balances (from the ledger) and the treasurer's payout form. */
export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    const [balances, payouts] = await Promise.all([listProducerBalances(ctx), listPayouts(ctx, {})]);
    return { balances, payouts: payouts.slice(0, 30), mayPay: can(ctx, 'payments.confirm'), payoutKey: randomUUID(), done: event.url.searchParams.get('selesai'), doneName: event.url.searchParams.get('nama'), doneAmount: Number(event.url.searchParams.get('jumlah') ?? 0) };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};

export const actions: Actions = {
  pay: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    let result;
    try {
      result = await requestPayout(ctx, String(values.memberId ?? ''), {
        amount: rupiahInput(values.amount),
        reference: values.reference,
        method: values.method,
        ...(values.note ? { note: values.note } : {})
      });
    } catch (err) {
      return failWith(ctx.locale, err, values);
    }
    const q = new URLSearchParams({ selesai: result.created ? 'paid' : 'replayed', nama: result.payout.memberName, jumlah: String(result.payout.amount) });
    redirect(303, `/k/${event.params.slug}/pembayaran?${q}`);
  }
};
