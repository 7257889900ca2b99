import { randomUUID } from 'node:crypto';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError } from '../../../../../kernel/errors.js';
import { withTenant } from '../../../../../db/tenant.js';
import { findQrisSettings } from '../../../../../payments/qris-store.js';
import { checkout } from '../../../../../orders/checkout.js';
import { failWith, formObject } from '$lib/server/forms';
import { readCart, writeCart } from '$lib/server/cart';
import { priceCart } from '$lib/server/cart-view';

export const csr = false;

/** Methods a buyer picks on the storefront ('gateway' belongs to a provider adapter). */
const METHODS = ['qris', 'transfer', 'cod', 'cash'] as const;

export const load: PageServerLoad = async ({ locals, params, cookies }) => {
  try {
    const cart = await priceCart(locals.ctx, params.slug, readCart(cookies, params.slug));
    if (!cart.ok) redirect(303, `/koperasi/${params.slug}/keranjang`);
    const hasQris = await withTenant(locals.ctx.db, cart.coop.id, async (trx) => Boolean(await findQrisSettings(trx, cart.coop.id)));
    const account = locals.auth
      ? await locals.ctx.db.selectFrom('accounts').select(['name', 'email', 'phone']).where('id', '=', locals.auth.actor.accountId).executeTakeFirst()
      : undefined;
    return {
      cart,
      methods: METHODS.filter((m) => m !== 'qris' || hasQris),
      buyer: account ? { name: account.name, email: account.email ?? '', phone: account.phone ?? '' } : null,
      // One key per form shown: a double submit places one order.
      checkoutKey: randomUUID()
    };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};

export const actions: Actions = {
  default: async ({ locals, params, request, cookies, url }) => {
    const values = formObject(await request.formData());
    const lines = readCart(cookies, params.slug);
    let result;
    try {
      result = await checkout(locals.ctx, params.slug, {
        lines: lines.map((l) => ({ workId: l.workId, ...(l.variantId ? { variantId: l.variantId } : {}), quantity: l.quantity })),
        paymentMethod: values.paymentMethod,
        buyer: values.name || values.email || values.phone ? { name: values.name ?? '', email: values.email, phone: values.phone } : undefined,
        shippingAddress: values.shippingAddress,
        note: values.note,
        idempotencyKey: values.checkoutKey
      });
    } catch (err) {
      return failWith(locals.locale, err, values);
    }
    writeCart(cookies, params.slug, [], url.protocol === 'https:');
    redirect(303, `/koperasi/${params.slug}/pesanan/${result.token}`);
  }
};
