import { recordAudit } from '../audit/record-audit.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { applyPayment } from './apply-payment.js';
import { formatRupiah, ZConfirmPaymentRequest } from './model.js';
import type { OrderView } from './order-view.js';
import { onOrder } from './support.js';

/**
 * The bendahara confirms that an order's money arrived (cash counted, transfer seen on the bank
 * statement, COD collected, QRIS settled). The amount must equal the order total, else 409
 * ORDER_AMOUNT_MISMATCH and nothing changes. A second confirmation of a paid order (a double
 * click, a parallel request) changes nothing and answers the paid order.
 */
export async function confirmPayment(ctx: TenantCtx, orderId: string, input: unknown): Promise<OrderView> {
  const data = parseInput(ZConfirmPaymentRequest, input ?? {});
  return onOrder(ctx, 'payments.confirm', orderId, async (trx, order) => {
    const r = await applyPayment(trx, ctx.coopId, {
      orderId: order.id,
      method: data.method ?? order.payment_method,
      amount: data.amount,
      reference: data.reference ?? '',
      fee: data.fee,
      actor: ctx.actor,
      at: ctx.clock.now(),
      paymentId: data.paymentId
    });
    if (r.outcome === 'amount_mismatch') {
      throw new AppError('ORDER_AMOUNT_MISMATCH', { params: { amount: formatRupiah(data.amount), total: formatRupiah(order.total) }, fields: [{ field: 'amount', code: 'amount_mismatch', params: { total: order.total } }] });
    }
    if (r.outcome === 'not_payable') throw new AppError('ORDER_TRANSITION_INVALID', { params: { from: order.status, event: 'pay' } });
    if (r.outcome === 'paid') await recordAudit(trx, ctx, { action: 'order.payment_confirmed', entity: 'order', entityId: order.id, after: { amount: data.amount, method: data.method ?? order.payment_method, invoiceNo: r.invoiceNo } });
  });
}
