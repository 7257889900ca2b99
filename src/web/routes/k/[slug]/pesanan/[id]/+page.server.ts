import { randomUUID } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { rupiahInput } from '$lib/market/form';
import { isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { getOrder } from '../../../../../../orders/get-order.js';
import { confirmPayment } from '../../../../../../orders/confirm-payment.js';
import { rejectTransferProof } from '../../../../../../orders/transfer-proof.js';
import { markFulfilled } from '../../../../../../orders/mark-fulfilled.js';
import { cancelOrder } from '../../../../../../orders/cancel-order.js';
import { refundOrder } from '../../../../../../orders/refund-order.js';

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  try {
    return { order: await getOrder(ctx, event.params.id), done: event.url.searchParams.get('selesai') ?? '', refundKey: randomUUID() };
  } catch (err) {
    if (isAppError(err)) error(err.status, { message: translateError(ctx.locale, err).message, code: err.code });
    throw err;
  }
};

/** Run one board action on this order, then come back to the page with a note of what happened (PRG). */
async function act(event: RequestEvent, done: string, run: (values: Record<string, unknown>) => Promise<unknown>) {
  const ctx = await tenantFor(event);
  const values = formObject(await event.request.formData());
  try {
    await run(values);
  } catch (err) {
    return failWith(ctx.locale, err, { ...values, form: done });
  }
  redirect(303, `/k/${event.params.slug}/pesanan/${event.params.id}?selesai=${done}`);
}

export const actions: Actions = {
  confirm: (event) =>
    act(event, 'confirmed', async (v) =>
      confirmPayment(await tenantFor(event), event.params.id, {
        amount: rupiahInput(v.amount),
        ...(v.reference ? { reference: v.reference } : {}),
        ...(v.fee !== undefined ? { fee: rupiahInput(v.fee) } : {}),
        ...(v.paymentId ? { paymentId: v.paymentId } : {})
      })
    ),
  reject: (event) => act(event, 'rejected', async (v) => rejectTransferProof(await tenantFor(event), event.params.id, String(v.paymentId ?? ''), { reason: String(v.reason ?? '') })),
  fulfil: (event) =>
    act(event, 'fulfilled', async (v) =>
      markFulfilled(await tenantFor(event), event.params.id, { ...(v.note ? { note: v.note } : {}), ...(v.courier ? { courier: v.courier } : {}), ...(v.trackingNo ? { trackingNo: v.trackingNo } : {}) })
    ),
  cancel: (event) => act(event, 'cancelled', async (v) => cancelOrder(await tenantFor(event), event.params.id, { reason: v.reason ?? '' })),
  refund: (event) =>
    act(event, 'refunded', async (v) =>
      refundOrder(await tenantFor(event), event.params.id, {
        ...(v.amount !== undefined ? { amount: rupiahInput(v.amount) } : {}),
        reason: v.reason ?? '',
        reference: v.reference ?? '',
        restock: v.restock === 'on'
      })
    )
};
