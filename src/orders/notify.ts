import type { Tx } from '../db/tenant.js';
import { enqueueMail } from '../governance/store.js';
import { publicUrl } from '../governance/support.js';
import { t, type Locale } from '../kernel/i18n.js';
import { formatIdr } from '../kernel/money.js';
import type { Split } from './model.js';
import { formatLocalTime, zoneOfProvince, type ShipToStored } from './shipping.js';
import type { OrderRow } from './store.js';

/**
 * Mail to buyers and producers about an order (decision 0155), written to the coop's mail
 * outbox in the same transaction as the change that causes it, so a rolled-back change sends
 * nothing, and keyed per order and event, so each message is queued once however many
 * processes or retries touch the order. Buyers read it in the language they checked out in.
 */

type Coop = { slug: string; name: string; province_code: string | null };

async function coopOf(trx: Tx, coopId: string): Promise<Coop> {
  return trx.selectFrom('coops').select(['slug', 'name', 'province_code']).where('id', '=', coopId).executeTakeFirstOrThrow();
}

/** The buyer's zone: their delivery address's province, else the coop's. */
export function buyerZone(order: Pick<OrderRow, 'ship_to'>, coopProvince: string | null) {
  const shipTo = order.ship_to as ShipToStored | null;
  return zoneOfProvince(shipTo?.provinceCode ?? coopProvince);
}

/** The order page: by its secret token when we have it (at checkout), else by number (signed-in buyers; guests keep the first mail's link). */
function orderUrl(coop: Coop, order: OrderRow, token?: string): string {
  return `${publicUrl()}/koperasi/${coop.slug}/pesanan/${token ?? order.order_no}`;
}

async function toBuyer(trx: Tx, coopId: string, order: OrderRow, kind: string, subjectKey: string, bodyKey: string, params: (coop: Coop, locale: Locale) => Record<string, unknown>): Promise<void> {
  if (!order.buyer_email) return;
  const coop = await coopOf(trx, coopId);
  const locale: Locale = order.buyer_locale === 'en' ? 'en' : 'id';
  const p = { name: order.buyer_name, orderNo: order.order_no, coop: coop.name, ...params(coop, locale) };
  await enqueueMail(trx, [
    {
      coop_id: coopId,
      kind,
      dedupe_key: `${kind}:${order.id}`,
      to_address: order.buyer_email,
      to_name: order.buyer_name,
      subject: t(locale, `storeSell.mail.${subjectKey}`, p),
      text_body: `${t(locale, `storeSell.mail.${bodyKey}`, p)}\n\n${t(locale, 'storeSell.mail.signature', p)}`,
      ics: null
    }
  ]);
}

export async function mailOrderPlaced(trx: Tx, coopId: string, order: OrderRow, token: string): Promise<void> {
  await toBuyer(trx, coopId, order, 'order_placed', 'orderSubject', 'orderBody', (coop, locale) => ({
    total: formatIdr(order.total),
    method: t(locale, `orders.method.${order.payment_method}`),
    payBy: order.expires_at ? t(locale, 'storeSell.mail.payBy', { when: formatLocalTime(new Date(order.expires_at), buyerZone(order, coop.province_code), locale) }) : '',
    url: orderUrl(coop, order, token)
  }));
}

export async function mailPaymentReceived(trx: Tx, coopId: string, order: OrderRow): Promise<void> {
  await toBuyer(trx, coopId, order, 'order_paid', 'paidSubject', 'paidBody', (coop) => ({ amount: formatIdr(order.total), url: orderUrl(coop, order) }));
}

/** Shipped with a courier (with the resi), or handed over (picked up, delivered by the coop). */
export async function mailFulfilled(trx: Tx, coopId: string, order: OrderRow): Promise<void> {
  if (order.courier && order.tracking_no) {
    await toBuyer(trx, coopId, order, 'order_shipped', 'shippedSubject', 'shippedBody', (coop) => ({ courier: order.courier, trackingNo: order.tracking_no, url: orderUrl(coop, order) }));
  } else {
    await toBuyer(trx, coopId, order, 'order_handed_over', 'handedSubject', 'handedBody', (coop) => ({ url: orderUrl(coop, order) }));
  }
}

export async function mailPaymentReminder(trx: Tx, coopId: string, order: OrderRow): Promise<void> {
  await toBuyer(trx, coopId, order, 'order_reminder', 'reminderSubject', 'reminderBody', (coop, locale) => ({
    total: formatIdr(order.total),
    when: formatLocalTime(new Date(order.expires_at!), buyerZone(order, coop.province_code), locale),
    url: orderUrl(coop, order)
  }));
}

/** Each member producer with an email: what of theirs sold in this order and their share (from the frozen split). */
export async function mailProducersSold(trx: Tx, coopId: string, order: OrderRow, split: Split, lines: readonly { title: string; quantity: number; creators: readonly { memberId: string }[] }[]): Promise<void> {
  const ids = split.producers.filter((p) => p.amount > 0).map((p) => p.memberId);
  if (ids.length === 0) return;
  const members = await trx.selectFrom('members').select(['id', 'full_name', 'email']).where('coop_id', '=', coopId).where('id', 'in', ids).execute();
  const coop = await coopOf(trx, coopId);
  const rows = members.flatMap((m) => {
    if (!m.email) return [];
    const mine = lines.filter((l) => l.creators.some((c) => c.memberId === m.id));
    const amount = split.producers.find((p) => p.memberId === m.id)!.amount;
    const p = { name: m.full_name, coop: coop.name, orderNo: order.order_no, title: mine[0]?.title ?? '', lines: mine.map((l) => `- ${l.quantity} × ${l.title}`).join('\n'), amount: formatIdr(amount) };
    return [
      {
        coop_id: coopId,
        kind: 'work_sold',
        dedupe_key: `work_sold:${order.id}:${m.id}`,
        to_address: m.email,
        to_name: m.full_name,
        subject: t('id', 'storeSell.mail.soldSubject', p),
        text_body: `${t('id', 'storeSell.mail.soldBody', p)}\n\n${t('id', 'storeSell.mail.signature', p)}`,
        ics: null
      }
    ];
  });
  if (rows.length) await enqueueMail(trx, rows);
}
