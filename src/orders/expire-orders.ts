import { sweepExpiredOffers } from '../events/expire-offers.js';
import type { Logger } from 'pino';
import type { Database } from '../db/connection.js';
import { withTenant, type Tx } from '../db/tenant.js';
import { withCoopClaim } from '../db/claim.js';
import { countBackground } from '../kernel/metrics.js';
import type { Clock } from '../kernel/clock.js';
import { SYSTEM_ACTOR } from './apply-payment.js';
import { cancelUnpaid } from './lifecycle.js';
import { findOrder } from './store.js';
import { kickOutbox } from '../governance/mailer.js';
import { mailPaymentReminder } from './notify.js';
import { reminderAt } from './shipping.js';

/**
 * Cancel one unpaid order exactly once (a lapsed payment window, or a gateway saying the
 * payment was cancelled/expired), inside the caller's tenant transaction: the row is locked,
 * so a second call (also a concurrent one) finds it closed and returns nothing more.
 */
export async function expireOrder(
  trx: Tx,
  coopId: string,
  ref: { orderNo?: string; orderId?: string },
  reason: 'expired' | 'gateway_cancelled' = 'expired',
  at: Date = new Date()
): Promise<{ outcome: 'cancelled' | 'already_closed' | 'paid' | 'not_found' }> {
  const order = ref.orderId && /^[0-9a-f-]{36}$/i.test(ref.orderId) ? await findOrder(trx, coopId, { id: ref.orderId }, true) : ref.orderNo ? await findOrder(trx, coopId, { orderNo: ref.orderNo }, true) : undefined;
  if (!order) return { outcome: 'not_found' };
  if (order.paid_at) return { outcome: 'paid' };
  if (order.status !== 'awaiting_payment') return { outcome: 'already_closed' };
  await cancelUnpaid(trx, coopId, order, 'expire', SYSTEM_ACTOR, reason === 'expired' ? 'Batas waktu pembayaran lewat' : 'Pembayaran dibatalkan oleh gerbang pembayaran', at);
  return { outcome: 'cancelled' };
}

/**
 * The expiry sweep: every unpaid order whose payment window has lapsed is cancelled and its
 * reservations returned, and lapsed waitlist offers of events pass on. Every Lumbung process
 * runs it: a cooperative is claimed for the sweep (withCoopClaim), so while one process
 * sweeps it the others pass by, and each order is still locked and re-checked, so a sweep
 * beside a gateway's notification or another sweep cancels it once (decision 0111).
 * Returns the number of orders this run cancelled.
 */
export async function expireOrders(db: Database, clock: Clock, log?: Logger, opts: { coopId?: string } = {}): Promise<number> {
  const now = clock.now();
  const coops = opts.coopId ? [{ id: opts.coopId }] : await db.selectFrom('coops').select('id').execute();
  let cancelled = 0;
  for (const { id } of coops) {
    try {
      await withCoopClaim(db, 'orders', id, async () => {
        const due = await withTenant(db, id, (trx) =>
          trx.selectFrom('orders').select('id').where('coop_id', '=', id).where('status', '=', 'awaiting_payment').where('paid_at', 'is', null).where('expires_at', '<=', now).orderBy('expires_at').limit(500).execute()
        );
        for (const o of due) {
          const r = await withTenant(db, id, (trx) => expireOrder(trx, id, { orderId: o.id }, 'expired', now));
          if (r.outcome === 'cancelled') {
            cancelled++;
            countBackground('order_expiry', 1);
          }
        }
        // Buyers whose window closes soon get one reminder (claimed, locked and marked: once across processes).
        if ((await remindUnpaid(db, id, now)) > 0) kickOutbox(db, id);
        // Lapsed waitlist offers of events give their seats to the next in line.
        await sweepExpiredOffers(db, id);
      });
    } catch (err) {
      log?.error({ err, coopId: id }, 'order expiry sweep failed');
    }
  }
  return cancelled;
}

/**
 * Queue the payment reminder of every unpaid order of one coop whose reminder time has come
 * (reminderAt: a quarter of the window before it lapses, 10 minutes to 24 hours). Each order
 * is locked and re-checked, `reminded_at` is set in the same transaction as the mail is
 * queued, and the mail is keyed per order, so it goes out once. Returns how many were queued.
 */
export async function remindUnpaid(db: Database, coopId: string, now: Date): Promise<number> {
  const soon = new Date(now.getTime() + 24 * 3_600_000);
  const candidates = await withTenant(db, coopId, (trx) =>
    trx
      .selectFrom('orders')
      .select(['id', 'created_at', 'expires_at'])
      .where('coop_id', '=', coopId)
      .where('status', '=', 'awaiting_payment')
      .where('reminded_at', 'is', null)
      .where('paid_at', 'is', null)
      .where('buyer_email', 'is not', null)
      .where('expires_at', '>', now)
      .where('expires_at', '<=', soon)
      .orderBy('expires_at')
      .limit(500)
      .execute()
  );
  let queued = 0;
  for (const c of candidates) {
    const at = reminderAt(new Date(c.created_at), new Date(c.expires_at!));
    if (!at || at > now) continue;
    const done = await withTenant(db, coopId, async (trx) => {
      const order = await findOrder(trx, coopId, { id: c.id }, true);
      if (!order || order.reminded_at || order.paid_at || order.status !== 'awaiting_payment' || !order.expires_at || order.expires_at <= now) return false;
      await trx.updateTable('orders').set({ reminded_at: now }).where('coop_id', '=', coopId).where('id', '=', order.id).execute();
      await mailPaymentReminder(trx, coopId, order);
      return true;
    });
    if (done) {
      queued++;
      countBackground('order_reminder', 1);
    }
  }
  return queued;
}

/** Run the sweep every `everyMs` (default 1 minute); returns a stop function. */
export function startOrderTimers(db: Database, clock: Clock, log: Logger, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireOrders(db, clock, log).finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
