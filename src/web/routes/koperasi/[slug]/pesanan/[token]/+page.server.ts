import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError, isAppError } from '../../../../../../kernel/errors.js';
import { translateError } from '../../../../../../kernel/i18n.js';
import { getOrderForBuyer } from '../../../../../../orders/get-order-for-buyer.js';
import { submitTransferProof } from '../../../../../../orders/submit-transfer-proof.js';
import { cancelOwnOrder } from '../../../../../../orders/cancel-own-order.js';
import { PROOF_MAX_BYTES, PROOF_MIMES } from '../../../../../../orders/model.js';
import { failWith } from '$lib/server/forms';
import { publicCoop } from '../../../../../../catalogue/public-coop.js';
import { withTenant } from '../../../../../../db/tenant.js';
import { downloadLinksForOrder } from '../../../../../../downloads/order-hooks.js';
import { ticketLinksForOrder } from '../../../../../../events/order-hooks.js';

export const csr = false;

/**
 * The address names the order by its secret token (anyone with the link), or by its number
 * (only the signed-in account that placed it: "Pesanan saya").
 */
function refOf(param: string): { token: string } | { orderNo: string } {
  return /^ORD-\d{4}-\d{1,9}$/.test(param) ? { orderNo: param } : { token: param };
}

/** The buyer's own order, reached with the unguessable token from checkout (no account needed). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  try {
    const order = await getOrderForBuyer(locals.ctx, params.slug, refOf(params.token));
    // The QR code as an <img> data URI rendered on the server: no script, no {@html}.
    const qrImage = order.qris ? `data:image/svg+xml;base64,${Buffer.from(order.qris.svg).toString('base64')}` : null;
    // Once paid, fresh signed download links for digital lines (the downloads capability signs them).
    const downloads =
      order.paid && order.lines.some((l) => l.isDigital)
        ? await publicCoop(locals.ctx, params.slug).then((coop) => withTenant(locals.ctx.db, coop.id, (trx) => downloadLinksForOrder(trx, coop.id, order.orderId)))
        : [];
    // And the tickets of paid event lines, each a link to its QR code page.
    const tickets =
      order.paid && order.lines.some((l) => l.productLine === 'agenda')
        ? await publicCoop(locals.ctx, params.slug).then((coop) => withTenant(locals.ctx.db, coop.id, (trx) => ticketLinksForOrder(trx, coop.id, order.orderId)))
        : [];
    return { order, qrImage, downloads, tickets, done: url.searchParams.get('selesai') ?? '' };
  } catch (err) {
    if (isAppError(err) && err.status === 404) error(404, { message: translateError(locals.locale, err).message, code: err.code });
    throw err;
  }
};

export const actions: Actions = {
  /** A multipart form without JavaScript: the receipt image goes to the orders capability as bytes. */
  proof: async ({ locals, params, request }) => {
    const form = await request.formData();
    const file = form.get('proof');
    const values = { payerName: String(form.get('payerName') ?? '').trim(), reference: String(form.get('reference') ?? '').trim() };
    try {
      if (!(file instanceof File) || file.size === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'proof', code: 'required' }] });
      if (file.size > PROOF_MAX_BYTES) return { proofError: 'proofTooBig' as const, values };
      if (!(PROOF_MIMES as readonly string[]).includes(file.type)) return { proofError: 'proofType' as const, values };
      await submitTransferProof(locals.ctx, params.slug, refOf(params.token), {
        mime: file.type as (typeof PROOF_MIMES)[number],
        data: new Uint8Array(await file.arrayBuffer()),
        ...(values.payerName ? { payerName: values.payerName } : {}),
        ...(values.reference ? { reference: values.reference } : {})
      });
    } catch (err) {
      return failWith(locals.locale, err, values);
    }
    redirect(303, `/koperasi/${params.slug}/pesanan/${params.token}?selesai=bukti`);
  },
  cancel: async ({ locals, params }) => {
    try {
      await cancelOwnOrder(locals.ctx, params.slug, refOf(params.token));
    } catch (err) {
      return failWith(locals.locale, err);
    }
    redirect(303, `/koperasi/${params.slug}/pesanan/${params.token}?selesai=batal`);
  }
};
