import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { publicCoop } from '../catalogue/public-coop.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { gatewayEnabled } from '../payments/providers/settings.js';
import { kickOutbox } from '../governance/mailer.js';
import { orderHooks } from './hooks.js';
import { ZCheckoutRequest, type OrderStatus } from './model.js';
import { mailOrderPlaced } from './notify.js';
import { buyerMembership, mergeCartLines, priceCart } from './price-cart.js';
import { chooseShipping, offeredMethods } from './sell-options.js';
import { expiryFor, pickUniqueCode } from './shipping.js';
import { findOrder, insertCheckoutOrder, takeStock, takeLimitedUnits } from './store.js';

export type CheckoutResult = { orderId: string; orderNo: string; token: string; status: OrderStatus; total: number; expiresAt: string | null; buyerKind: 'member' | 'non_member' };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newOrderToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Check out a cart at ONE cooperative's public storefront, as a signed-in member, a signed-in
 * non-member or a guest (name + email or phone). In one transaction: the cart is priced on the
 * server (prices in the request are ignored; the member price only for an ACTIVE member now),
 * Busana stock is taken with a conditional UPDATE per variant in id order (a loser gets 409
 * ORDER_OUT_OF_STOCK and nothing is written), agenda seats are held, and the order is written
 * 'awaiting_payment' with its lines snapshotted (title, line, unit price and kind, commission
 * rate and amount, PPN, creators' shares). The answer carries the buyer's unguessable token
 * (only its hash is stored). The same idempotencyKey returns the same order (with a new token).
 */
export async function checkout(ctx: Ctx, coopSlug: string, input: unknown): Promise<CheckoutResult> {
  const result = await placeOrder(ctx, coopSlug, input);
  kickOutbox(ctx.db, result.coopId);
  const { coopId: _c, ...out } = result;
  return out;
}

async function placeOrder(ctx: Ctx, coopSlug: string, input: unknown): Promise<CheckoutResult & { coopId: string }> {
  const data = parseInput(ZCheckoutRequest, input ?? {});
  const coop = await publicCoop(ctx, coopSlug);
  const cart = mergeCartLines(data.lines);
  const now = ctx.clock.now();
  const token = newOrderToken();
  const account = ctx.actor && ctx.actor.via !== 'system' ? await ctx.db.selectFrom('accounts').select(['id', 'name', 'email', 'phone']).where('id', '=', ctx.actor.accountId).executeTakeFirst() : undefined;

  return withTenant(ctx.db, coop.id, async (trx) => {
    if (data.idempotencyKey) {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`checkout:${coop.id}:${data.idempotencyKey}`}, 0))`.execute(trx);
      const existing = await trx
        .selectFrom('orders')
        .select(['id', 'order_no', 'status', 'total', 'expires_at', 'buyer_kind', 'buyer_account_id'])
        .where('coop_id', '=', coop.id)
        .where('checkout_key', '=', data.idempotencyKey)
        .executeTakeFirst();
      if (existing) {
        if (existing.buyer_account_id !== (account?.id ?? null)) throw new AppError('CONFLICT');
        await trx.updateTable('orders').set({ token_hash: hashToken(token) }).where('coop_id', '=', coop.id).where('id', '=', existing.id).execute();
        return { coopId: coop.id, orderId: existing.id, orderNo: existing.order_no, token, status: existing.status, total: existing.total, expiresAt: existing.expires_at ? existing.expires_at.toISOString() : null, buyerKind: existing.buyer_kind };
      }
    }

    if (data.paymentMethod === 'gateway' && !(await gatewayEnabled(trx, coop.id))) {
      throw new AppError('ORDER_GATEWAY_NOT_CONFIGURED', { fields: [{ field: 'paymentMethod', code: 'gateway_not_configured' }] });
    }

    const membership = account ? await buyerMembership(trx, ctx, coop.id) : { memberId: null, fullName: null, email: null, phone: null };
    const name = data.buyer?.name ?? membership.fullName ?? account?.name ?? null;
    const email = data.buyer?.email ?? account?.email ?? membership.email ?? null;
    const phone = data.buyer?.phone ?? account?.phone ?? membership.phone ?? null;
    if (!name || (!email && !phone)) {
      throw new AppError('ORDER_BUYER_REQUIRED', { fields: [{ field: 'buyer.name', code: 'required' }, { field: 'buyer.email', code: 'required' }] });
    }

    const priced = await priceCart(trx, coop.id, cart, membership.memberId !== null);
    // Only ways to pay the coop can receive: QRIS with a QRIS or gateway, transfer with a bank account.
    if (data.paymentMethod !== 'gateway' && !(await offeredMethods(trx, coop.id, priced.settings)).has(data.paymentMethod)) {
      throw new AppError('ORDER_METHOD_NOT_OFFERED', { params: { method: data.paymentMethod }, fields: [{ field: 'paymentMethod', code: 'method_not_offered' }] });
    }
    const bad = priced.lines.findIndex((l) => l.problem && l.problem !== 'out_of_stock');
    if (bad >= 0) {
      const line = priced.lines[bad]!;
      if (line.problem === 'order_work_unavailable') throw new AppError('CATALOGUE_WORK_NOT_FOUND', { fields: [{ field: `lines.${bad}.workId`, code: line.problem }] });
      throw new AppError('ORDER_LINE_INVALID', { fields: [{ field: `lines.${bad}.variantId`, code: line.problem! }] });
    }

    // Reserve stock: one conditional UPDATE per variant, in variant id order (no deadlocks between parallel checkouts).
    const stocked = priced.lines.filter((l) => l.variantId !== null).sort((a, b) => (a.variantId! < b.variantId! ? -1 : 1));
    for (const l of stocked) {
      const left = await takeStock(trx, coop.id, l.variantId!, l.quantity);
      if (left === undefined) {
        const now = await trx.selectFrom('work_variants').select('stock').where('coop_id', '=', coop.id).where('id', '=', l.variantId!).executeTakeFirst();
        throw new AppError('ORDER_OUT_OF_STOCK', {
          params: { title: `${l.title}${l.variantLabel ? ` (${l.variantLabel})` : ''}`, available: now?.stock ?? 0 },
          fields: [{ field: `lines.${priced.lines.indexOf(l)}.quantity`, code: 'out_of_stock', params: { available: now?.stock ?? 0 } }]
        });
      }
    }

    // Originals and numbered editions: units of the work, taken the same way, in work id order.
    const limited = new Set<string>();
    const byWork = new Map<string, number>();
    for (const l of priced.lines) if (l.variantId === null && l.productLine === 'rupa') byWork.set(l.workId, (byWork.get(l.workId) ?? 0) + l.quantity);
    for (const [workId, k] of [...byWork].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const taken = await takeLimitedUnits(trx, coop.id, workId, k);
      if (taken === null) continue;
      const i = priced.lines.findIndex((l) => l.workId === workId);
      if (taken === undefined) {
        const w = await trx.selectFrom('works').select(sql<number>`greatest(coalesce(unit_limit, 0) - units_taken, 0)`.as('left')).where('coop_id', '=', coop.id).where('id', '=', workId).executeTakeFirst();
        const available = Number(w?.left ?? 0);
        throw new AppError('ORDER_OUT_OF_STOCK', { params: { title: priced.lines[i]!.title, available }, fields: [{ field: `lines.${i}.quantity`, code: 'out_of_stock', params: { available } }] });
      }
      limited.add(workId);
    }

    // Physical goods: the shipping line (method, cost by destination and weight, the address).
    const shipping = await chooseShipping(priced.settings, priced.lines, data.shipping);
    const shippingTotal = shipping?.cost ?? 0;
    // A transfer may carry a unique code so the bendahara can match it among open transfers of the same amount.
    let uniqueCode = 0;
    if (data.paymentMethod === 'transfer' && priced.settings.transferUniqueCode) {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`unique-code:${coop.id}`}, 0))`.execute(trx);
      const open = await trx.selectFrom('orders').select('total').where('coop_id', '=', coop.id).where('status', '=', 'awaiting_payment').where('payment_method', '=', 'transfer').execute();
      uniqueCode = pickUniqueCode(priced.total + shippingTotal, new Set(open.map((o) => Number(o.total))), randomBytes(2).readUInt16BE(0) % 999);
    }

    const year = Number(now.toISOString().slice(0, 4));
    const s = priced.settings;
    const expiresAt = expiryFor(data.paymentMethod, { qrisMinutes: s.paymentWindowMinutes, transferDays: s.transferWindowDays, cashDays: s.cashWindowDays }, now);
    const buyerKind = membership.memberId ? 'member' : 'non_member';
    // The order, its lines and its first history row: one statement (decision 0140).
    const order = await insertCheckoutOrder(trx, {
      coopId: coop.id,
      year,
      tokenHash: hashToken(token),
      checkoutKey: data.idempotencyKey ?? null,
      buyerKind,
      buyerAccountId: account?.id ?? null,
      buyerMemberId: membership.memberId,
      buyerName: name,
      buyerEmail: email,
      buyerPhone: phone,
      shippingAddress: data.shippingAddress ?? null,
      note: data.note ?? null,
      paymentMethod: data.paymentMethod,
      ppnEnabled: priced.settings.ppnEnabled,
      subtotal: priced.subtotal,
      taxTotal: priced.taxTotal,
      total: priced.total + shippingTotal + uniqueCode,
      shippingTotal,
      uniqueCode,
      shippingMethod: shipping?.method ?? null,
      shippingBooking: shipping ? shipping.booking : null,
      weightGrams: shipping?.weightGrams ?? null,
      shipTo: shipping?.shipTo ?? null,
      buyerLocale: ctx.locale === 'en' ? 'en' : 'id',
      expiresAt,
      now,
      lines: priced.lines.map((l) => ({
        work_id: l.workId,
        variant_id: l.variantId,
        product_line: l.productLine!,
        title: l.title,
        variant_label: l.variantLabel,
        is_digital: l.isDigital,
        units_taken: l.variantId === null && limited.has(l.workId),
        quantity: l.quantity,
        unit_price: l.unitPrice,
        price_kind: l.priceKind,
        line_total: l.lineTotal,
        commission_bp: l.commissionBp,
        commission: l.commission,
        dpp: l.dpp,
        ppn: l.ppn,
        creators: l.creators.map((c) => ({ memberId: c.memberId, creditName: c.creditName, shareBp: c.shareBp }))
      }))
    });

    const agenda = priced.lines.map((l, i) => ({ l, id: order.lineIds.get(i + 1)! })).filter(({ l }) => l.productLine === 'agenda');
    if (agenda.length) {
      await orderHooks.holdSeats(trx, coop.id, order.id, agenda.map(({ l, id }) => ({ orderLineId: id, workId: l.workId, quantity: l.quantity })), { buyerEmail: email ?? undefined, memberId: membership.memberId });
    }
    await mailOrderPlaced(trx, coop.id, (await findOrder(trx, coop.id, { id: order.id }))!, token);
    return { coopId: coop.id, orderId: order.id, orderNo: order.orderNo, token, status: 'awaiting_payment' as const, total: priced.total + shippingTotal + uniqueCode, expiresAt: expiresAt ? expiresAt.toISOString() : null, buyerKind };
  });
}
