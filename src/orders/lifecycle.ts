import { createHash } from 'node:crypto';
import type { Tx } from '../db/tenant.js';
import type { Actor } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { postEntry } from '../ledger/post-entry.js';
import { recordBusinessVolume, VOLUME_CATEGORIES } from '../surplus/business-volume.js';
import { SYSTEM_ACTOR } from './apply-payment.js';
import { orderHooks } from './hooks.js';
import { issueInvoice, latestInvoice } from './invoices.js';
import { formatRupiah, nextStatus, refundJournalLines, refundParts, type Split } from './model.js';
import { addHistory, orderLines, returnLimitedUnits, returnStock, type OrderRow } from './store.js';

/**
 * Give back what an order holds (Busana units, units of originals and editions, agenda seats), exactly once: the order row is
 * locked by the caller and `stock_released` flips in the same transaction, so a second cancel,
 * a second expiry sweep or a cancel racing an expiry returns nothing more.
 */
export async function releaseReservations(trx: Tx, coopId: string, order: OrderRow): Promise<boolean> {
  if (order.stock_released) return false;
  const lines = await orderLines(trx, coopId, order.id);
  const stocked = lines.filter((l) => l.variant_id).sort((a, b) => (a.variant_id! < b.variant_id! ? -1 : 1));
  for (const l of stocked) await returnStock(trx, coopId, l.variant_id!, l.quantity);
  for (const l of lines.filter((x) => x.units_taken).sort((a, b) => (a.work_id < b.work_id ? -1 : 1))) await returnLimitedUnits(trx, coopId, l.work_id, l.quantity);
  await trx.updateTable('orders').set({ stock_released: true }).where('coop_id', '=', coopId).where('id', '=', order.id).execute();
  await orderHooks.releaseSeats(trx, coopId, order.id);
  order.stock_released = true;
  return true;
}

/** Cancel an unpaid order (caller holds the row lock): status, history, reservations back once. */
export async function cancelUnpaid(trx: Tx, coopId: string, order: OrderRow, event: 'cancel' | 'expire', actor: Actor, reason: string, at: Date): Promise<void> {
  const to = nextStatus({ status: order.status, paid: !!order.paid_at, method: order.payment_method }, event);
  await trx.updateTable('orders').set({ status: to, cancelled_at: at, cancel_reason: reason.slice(0, 500), updated_at: at }).where('coop_id', '=', coopId).where('id', '=', order.id).execute();
  await addHistory(trx, coopId, order.id, order.status, to, event === 'expire' ? 'expired' : 'cancelled', actor.via === 'system' ? null : actor.accountId, reason.slice(0, 500), at);
  await releaseReservations(trx, coopId, order);
  order.status = to;
}

export type RefundInput = { amount?: number; reason: string; reference: string; restock?: boolean };

/**
 * Refund (part of) a paid order, inside the caller's transaction with the order row locked.
 * Idempotent by reference: the same reference for the same order and amount returns the first
 * refund; another order or amount is ORDER_REFUND_CONFLICT. The reversal is proportional to the
 * payment's split, computed on cumulative refunds so several partial refunds reverse exactly
 * what one would; one balanced journal entry; negative business volume; a correction invoice
 * that references the previous one. A full refund ends the order in 'refunded' and (unless
 * restock is false) gives the stock and seats back, once.
 */
export async function refundInTx(trx: Tx, coopId: string, order: OrderRow, input: RefundInput, actor: Actor, at: Date): Promise<{ refundId: string; created: boolean }> {
  const existing = await trx.selectFrom('order_refunds').select(['id', 'order_id', 'amount']).where('coop_id', '=', coopId).where('reference', '=', input.reference).executeTakeFirst();
  const remaining = order.paid_amount - order.refunded_amount;
  if (existing) {
    if (existing.order_id !== order.id || (input.amount !== undefined && existing.amount !== input.amount)) throw new AppError('ORDER_REFUND_CONFLICT');
    return { refundId: existing.id, created: false };
  }
  if (!order.paid_at) throw new AppError('ORDER_TRANSITION_INVALID', { params: { from: order.status, event: 'refund' } });
  if (order.status !== 'paid' && order.status !== 'fulfilled') throw new AppError('ORDER_TRANSITION_INVALID', { params: { from: order.status, event: 'refund' } });
  const amount = input.amount ?? remaining;
  if (amount <= 0 || amount > remaining) throw new AppError('ORDER_REFUND_EXCEEDS', { params: { remaining: formatRupiah(remaining) }, fields: [{ field: 'amount', code: 'refund_exceeds', params: { remaining } }] });
  const split = order.split as Split;
  const parts = refundParts(split, order.refunded_amount, amount);
  const full = order.refunded_amount + amount === order.paid_amount;
  const date = jakartaDate(at);
  const method = (await trx.selectFrom('order_payments').select('method').where('coop_id', '=', coopId).where('order_id', '=', order.id).where('status', '=', 'confirmed').executeTakeFirst())?.method ?? order.payment_method;
  const { entryId } = await postEntry(trx, { coopId, actor }, {
    idempotencyKey: `order-refund:${order.id}:${createHash('sha256').update(input.reference).digest('hex').slice(0, 40)}`,
    date,
    description: `Pengembalian dana ${order.order_no}: ${input.reason}`.slice(0, 500),
    source: 'orders',
    sourceRef: order.order_no,
    lines: refundJournalLines(parts, method, order.buyer_kind, split.shippingBooking ?? 'pass_through')
  });
  const to = full ? nextStatus({ status: order.status, paid: true, method: order.payment_method }, 'refund_full') : order.status;
  await trx
    .updateTable('orders')
    .set({ refunded_amount: order.refunded_amount + amount, status: to, updated_at: at, ...(full ? { cancelled_at: at, cancel_reason: input.reason.slice(0, 500) } : {}) })
    .where('coop_id', '=', coopId)
    .where('id', '=', order.id)
    .execute();
  await addHistory(trx, coopId, order.id, order.status, to, full ? 'refunded' : 'partial_refund', actor.via === 'system' ? null : actor.accountId, `${formatRupiah(amount)} — ${input.reason}`.slice(0, 500), at);
  let restocked = false;
  if (full && input.restock !== false) restocked = await releaseReservations(trx, coopId, order);
  if (full) await orderHooks.revokeDownloads(trx, coopId, order.id);
  const refundRow = await trx
    .insertInto('order_refunds')
    .values({ coop_id: coopId, order_id: order.id, reference: input.reference, amount, reason: input.reason, parts: JSON.stringify(parts), restocked, ledger_entry_id: entryId, created_by: actor.via === 'system' ? null : actor.accountId, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();

  await recordBusinessVolume(trx, coopId, 'orders', `refund:${refundRow.id}`, [
    ...parts.producers.map((p) => ({ memberId: p.memberId, category: VOLUME_CATEGORIES.WORK_SALES, amount: -p.amount, occurredOn: date })),
    ...(order.buyer_member_id ? [{ memberId: order.buyer_member_id, category: VOLUME_CATEGORIES.MEMBER_PURCHASES, amount: -amount, occurredOn: date }] : [])
  ]);
  const previous = await latestInvoice(trx, coopId, order.id);
  if (previous) {
    await issueInvoice(trx, coopId, { ...order, status: to }, { at, kind: 'correction', corrects: previous, reason: input.reason, paidAmount: order.paid_amount, refundedAmount: order.refunded_amount + amount });
  }
  order.refunded_amount += amount;
  order.status = to;
  return { refundId: refundRow.id, created: true };
}

export { SYSTEM_ACTOR };
