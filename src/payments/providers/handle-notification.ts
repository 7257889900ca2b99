import type { Ctx } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { withTenant } from '../../db/tenant.js';
import { kickOutbox } from '../../governance/mailer.js';
import { applyPayment } from '../../orders/apply-payment.js';
import { expireOrder } from '../../orders/expire-orders.js';
import { PROVIDERS } from './midtrans.js';
import type { ProviderEventOutcome } from './tables.js';

export type NotificationResult = { outcome: ProviderEventOutcome | 'duplicate' };

/**
 * A gateway's notification for one cooperative (public, no session).
 * 1. The signature is checked with the coop's server key; a bad one is logged and refused
 *    (401) with nothing stored.
 * 2. The event is recorded once per (provider, transaction id + status): a replay, also in
 *    parallel, waits on the unique index and answers 'duplicate' without touching the order.
 * 3. paid → applyPayment (orders): marks paid and posts the ledger once. An amount that is not
 *    exactly the order total never marks it paid: it goes to the reconciliation queue, as does a
 *    payment for an unknown or closed order. expired/cancelled → expireOrder.
 */
export async function handleNotification(ctx: Ctx, providerName: string, coopSlug: string, body: unknown): Promise<NotificationResult> {
  const provider = PROVIDERS[providerName as keyof typeof PROVIDERS];
  if (!provider || !/^[a-z0-9-]{1,64}$/.test(coopSlug)) throw new AppError('NOT_FOUND');
  const coop = await ctx.db.selectFrom('coops').select(['id']).where('slug', '=', coopSlug).executeTakeFirst();
  if (!coop) throw new AppError('NOT_FOUND');
  const settings = await withTenant(ctx.db, coop.id, (trx) =>
    trx.selectFrom('payment_provider_settings').select(['server_key', 'enabled']).where('coop_id', '=', coop.id).where('provider', '=', provider.name).executeTakeFirst()
  );
  if (!settings || !settings.enabled) throw new AppError('PAYMENT_PROVIDER_NOT_CONFIGURED');
  if (!provider.verify(body, settings.server_key)) {
    ctx.log.warn({ provider: provider.name, coopId: coop.id, orderId: (body as { order_id?: unknown } | null)?.order_id }, 'payment notification with an invalid signature refused');
    throw new AppError('PAYMENT_SIGNATURE_INVALID');
  }
  const n = provider.parse(body);
  if (!n) throw new AppError('VALIDATION_FAILED', { fields: [{ field: '_', code: 'notification_incomplete' }] });

  const result = await withTenant(ctx.db, coop.id, async (trx): Promise<NotificationResult> => {
    const ev = await trx
      .insertInto('payment_provider_events')
      .values({ coop_id: coop.id, provider: provider.name, event_key: n.eventId, order_no: n.orderNo, status: n.status, amount: n.amount, fee: n.fee ?? null, outcome: 'ignored', payload: JSON.stringify(body) })
      .onConflict((oc) => oc.columns(['coop_id', 'provider', 'event_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!ev) return { outcome: 'duplicate' };

    let outcome: ProviderEventOutcome = 'ignored';
    const queue = async (reason: 'amount_mismatch' | 'unknown_order' | 'order_not_payable') => {
      const order = await trx.selectFrom('orders').select('total').where('coop_id', '=', coop.id).where('order_no', '=', n.orderNo).executeTakeFirst();
      await trx
        .insertInto('payment_reconciliation')
        .values({ coop_id: coop.id, provider: provider.name, provider_event_id: ev.id, order_no: n.orderNo, reason: order ? reason : 'unknown_order', expected_amount: order?.total ?? null, received_amount: n.amount })
        .execute();
    };
    if (n.status === 'paid') {
      if (!n.amountExact) {
        await queue('amount_mismatch');
        outcome = 'mismatch';
      } else {
        const r = await applyPayment(trx, coop.id, { orderNo: n.orderNo, method: 'gateway', amount: n.amount, reference: `${provider.name}:${n.transactionId}`, provider: provider.name, fee: n.fee });
        if (r.outcome === 'paid') outcome = 'applied';
        else if (r.outcome === 'already_paid') outcome = 'already_final';
        else if (r.outcome === 'amount_mismatch') {
          await queue('amount_mismatch');
          outcome = 'mismatch';
        } else {
          await queue('order_not_payable');
          outcome = r.orderId ? 'already_final' : 'unknown_order';
        }
      }
    } else if (n.status === 'expired' || n.status === 'cancelled') {
      const r = await expireOrder(trx, coop.id, { orderNo: n.orderNo }, n.status === 'cancelled' ? 'gateway_cancelled' : 'expired');
      outcome = r.outcome === 'cancelled' ? 'applied' : r.outcome === 'not_found' ? 'unknown_order' : 'already_final';
    }
    await trx.updateTable('payment_provider_events').set({ outcome }).where('coop_id', '=', coop.id).where('id', '=', ev.id).execute();
    return { outcome };
  });
  kickOutbox(ctx.db, coop.id);
  return result;
}
