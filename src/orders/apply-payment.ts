import type { Tx } from '../db/tenant.js';
import type { Actor } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { postEntry } from '../ledger/post-entry.js';
import { recordBusinessVolume, VOLUME_CATEGORIES } from '../surplus/business-volume.js';
import { orderHooks } from './hooks.js';
import { issueInvoice } from './invoices.js';
import { mdrFee, nextStatus, paymentJournalLines, settingsFrom, splitOrder, type PaymentMethod, type Split } from './model.js';
import { mailPaymentReceived, mailProducersSold } from './notify.js';
import { addHistory, findOrder, findSettingsRow, orderLines } from './store.js';

export const SYSTEM_ACCOUNT = '00000000-0000-0000-0000-000000000000';
export const SYSTEM_ACTOR: Actor = { accountId: SYSTEM_ACCOUNT, name: 'Lumbung', isPlatformAdmin: false, via: 'system' };

export type ApplyPaymentInput = {
  orderNo?: string;
  orderId?: string;
  method: PaymentMethod;
  amount: number;
  reference: string;
  provider?: string;
  /** The MDR actually charged (gateways); default from the coop's settings. */
  fee?: number;
  actor?: Actor | null;
  at?: Date;
  /** A pending payment (transfer proof) this confirms. */
  paymentId?: string;
};

export type ApplyPaymentResult = {
  outcome: 'paid' | 'already_paid' | 'amount_mismatch' | 'not_payable';
  orderId: string | null;
  orderNo: string | null;
  invoiceNo: string | null;
  ledgerEntryId: string | null;
};

/**
 * Record that an order's money has arrived, inside the caller's tenant transaction (the
 * bendahara's confirmation, or a payment gateway's verified notification). The order row is
 * locked, so parallel confirmations apply once: the first marks it paid, the others answer
 * 'already_paid'. An amount other than the order total NEVER marks it paid ('amount_mismatch',
 * nothing written); a cancelled/refunded/unknown order is 'not_payable'.
 *
 * Marking paid writes, in this transaction: ONE balanced journal entry (idempotency key
 * order-payment:<orderId>) — Dr Kas/Bank (amount − MDR), Dr Beban biaya pembayaran (MDR),
 * Cr Utang kepada produsen per creator, Cr Penjualan anggota/non-anggota (commission), Cr Utang
 * pajak (PPN); the payment row; the frozen split; a gapless invoice number; the members'
 * business volume (WORK_SALES per member-creator, MEMBER_PURCHASES for a member buyer); tickets
 * and download entitlements.
 */
export async function applyPayment(trx: Tx, coopId: string, input: ApplyPaymentInput): Promise<ApplyPaymentResult> {
  const none = { orderId: null, orderNo: null, invoiceNo: null, ledgerEntryId: null };
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return { outcome: 'amount_mismatch', ...none };
  const validId = input.orderId && /^[0-9a-f-]{36}$/i.test(input.orderId);
  const order = validId ? await findOrder(trx, coopId, { id: input.orderId }, true) : input.orderNo ? await findOrder(trx, coopId, { orderNo: input.orderNo }, true) : undefined;
  if (!order) return { outcome: 'not_payable', ...none };
  const ids = { orderId: order.id, orderNo: order.order_no };
  if (order.paid_at) return { outcome: 'already_paid', ...ids, invoiceNo: null, ledgerEntryId: order.payment_entry_id };
  if (order.status !== 'awaiting_payment' && order.status !== 'fulfilled') return { outcome: 'not_payable', ...ids, invoiceNo: null, ledgerEntryId: null };
  if (input.amount !== order.total) return { outcome: 'amount_mismatch', ...ids, invoiceNo: null, ledgerEntryId: null };

  const at = input.at ?? new Date();
  const actor = input.actor ?? SYSTEM_ACTOR;
  const [lines, settingsRow] = await Promise.all([orderLines(trx, coopId, order.id), findSettingsRow(trx, coopId)]);
  const settings = settingsFrom(settingsRow);
  const fee = input.fee ?? mdrFee(order.total, settings.mdrBp[input.method], settings.mdrFreeUpTo);
  const split: Split = splitOrder(
    lines.map((l) => ({ lineTotal: l.line_total, commission: l.commission, ppn: l.ppn, creators: l.creators })),
    Math.min(fee, order.total),
    order.shipping_total > 0 || order.unique_code > 0 ? { shipping: order.shipping_total, shippingBooking: order.shipping_booking ?? 'pass_through', uniqueCode: order.unique_code } : undefined
  );
  if (split.amount !== order.total) throw new Error(`order ${order.order_no}: lines sum to ${split.amount}, total is ${order.total}`);

  const date = jakartaDate(at);
  const { entryId } = await postEntry(trx, { coopId, actor }, {
    idempotencyKey: `order-payment:${order.id}`,
    date,
    // No buyer name in the append-only journal (decision 0106): the order number leads to the buyer.
    description: `Penjualan ${order.order_no} — ${order.buyer_kind === 'member' ? 'anggota' : 'non-anggota'}`.slice(0, 500),
    source: 'orders',
    sourceRef: order.order_no,
    lines: paymentJournalLines(split, input.method, order.buyer_kind)
  });

  const accountId = actor.via === 'system' ? null : actor.accountId;
  const paymentValues = {
    method: input.method,
    status: 'confirmed' as const,
    amount: input.amount,
    fee: split.fee,
    reference: input.reference.slice(0, 200) || null,
    provider: input.provider ?? null,
    ledger_entry_id: entryId,
    confirmed_by: accountId,
    confirmed_at: at
  };
  const pending =
    input.paymentId && /^[0-9a-f-]{36}$/i.test(input.paymentId)
      ? await trx.updateTable('order_payments').set(paymentValues).where('coop_id', '=', coopId).where('order_id', '=', order.id).where('id', '=', input.paymentId).where('status', '=', 'pending').returning('id').executeTakeFirst()
      : undefined;
  if (!pending) await trx.insertInto('order_payments').values({ coop_id: coopId, order_id: order.id, ...paymentValues }).execute();

  const status = nextStatus({ status: order.status, paid: false, method: order.payment_method }, 'pay');
  await trx
    .updateTable('orders')
    .set({ status, paid_amount: order.total, payment_fee: split.fee, split: JSON.stringify(split), payment_entry_id: entryId, paid_at: at, updated_at: at })
    .where('coop_id', '=', coopId)
    .where('id', '=', order.id)
    .execute();
  await addHistory(trx, coopId, order.id, order.status, status, 'payment', accountId, `${input.method}${input.reference ? ` ${input.reference}` : ''}`.slice(0, 200), at);

  const invoice = await issueInvoice(trx, coopId, { ...order, status, paid_at: at }, { at, kind: 'invoice', paidAmount: order.total, refundedAmount: 0 });

  await recordBusinessVolume(trx, coopId, 'orders', `payment:${order.id}`, [
    ...split.producers.map((p) => ({ memberId: p.memberId, category: VOLUME_CATEGORIES.WORK_SALES, amount: p.amount, occurredOn: date })),
    ...(order.buyer_member_id ? [{ memberId: order.buyer_member_id, category: VOLUME_CATEGORIES.MEMBER_PURCHASES, amount: order.total, occurredOn: date }] : [])
  ]);

  await orderHooks.issueTickets(trx, coopId, order.id);
  await orderHooks.grantDownloads(trx, coopId, order.id);
  // The buyer hears the money arrived; each member producer that their work sold (once per order: keyed mail).
  await mailPaymentReceived(trx, coopId, order);
  await mailProducersSold(trx, coopId, order, split, lines);
  return { outcome: 'paid', ...ids, invoiceNo: invoice.invoiceNo, ledgerEntryId: entryId };
}
