import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { issueInvoice, latestInvoice } from './invoices.js';
import { ZBuyer } from './model.js';
import type { OrderView } from './order-view.js';
import { addHistory, findOrder } from './store.js';
import { onOrder } from './support.js';

export const ZCorrectInvoiceRequest = z.strictObject({
  reason: z.string().trim().min(3).max(500),
  buyer: ZBuyer.partial({ email: true, phone: true }).optional(),
  shippingAddress: z.string().trim().max(1000).optional()
});

/**
 * Correct an issued invoice (a wrong buyer name, email, phone or address): the order's buyer
 * details are fixed and a NEW invoice number is issued that references the previous invoice,
 * which itself never changes (marketplace.md #26). Amounts are corrected by refunds, not here.
 */
export async function correctInvoice(ctx: TenantCtx, orderId: string, input: unknown): Promise<OrderView> {
  const data = parseInput(ZCorrectInvoiceRequest, input ?? {});
  return onOrder(ctx, 'payments.confirm', orderId, async (trx, order) => {
    const previous = await latestInvoice(trx, ctx.coopId, order.id);
    if (!previous) throw new AppError('ORDER_TRANSITION_INVALID', { params: { from: order.status, event: 'correct_invoice' } });
    const at = ctx.clock.now();
    const changes = {
      ...(data.buyer?.name ? { buyer_name: data.buyer.name } : {}),
      ...(data.buyer?.email !== undefined ? { buyer_email: data.buyer.email ?? null } : {}),
      ...(data.buyer?.phone !== undefined ? { buyer_phone: data.buyer.phone ?? null } : {}),
      ...(data.shippingAddress !== undefined ? { shipping_address: data.shippingAddress || null } : {})
    };
    if (Object.keys(changes).length) await trx.updateTable('orders').set({ ...changes, updated_at: at }).where('coop_id', '=', ctx.coopId).where('id', '=', order.id).execute();
    const fresh = (await findOrder(trx, ctx.coopId, { id: order.id }))!;
    const inv = await issueInvoice(trx, ctx.coopId, fresh, { at, kind: 'correction', corrects: previous, reason: data.reason, paidAmount: fresh.paid_amount, refundedAmount: fresh.refunded_amount });
    await addHistory(trx, ctx.coopId, order.id, order.status, order.status, 'invoice_corrected', ctx.actor.accountId, `${inv.invoiceNo} menggantikan ${previous.invoiceNo}: ${data.reason}`.slice(0, 500), at);
    await recordAudit(trx, ctx, { action: 'order.invoice_corrected', entity: 'order', entityId: order.id, before: { invoiceNo: previous.invoiceNo }, after: { invoiceNo: inv.invoiceNo, ...changes } });
  });
}
