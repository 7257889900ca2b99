import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError } from '$core/kernel/errors.js';
import { checkout } from '$core/orders/checkout.js';
import { getCheckoutOptions } from '$core/orders/checkout-options.js';
import type { Ctx } from '$core/kernel/context.js';
import { failWith, formObject } from '$lib/server/forms';
import { readCart, writeCart, type CartLine } from '$lib/server/cart';
import { priceCart } from '$lib/server/cart-view';

export const csr = false;

const cartLines = (lines: CartLine[]) => lines.map((l) => ({ workId: l.workId, ...(l.variantId ? { variantId: l.variantId } : {}), quantity: l.quantity }));

/** The address picker and shipping options for the destination typed so far (region codes come only from the lists). */
function optionsFor(ctx: Ctx, slug: string, lines: CartLine[], v: Record<string, unknown>) {
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  return getCheckoutOptions(ctx, slug, { lines: cartLines(lines), dest: { provinceCode: s('provinceCode'), regencyCode: s('regencyCode'), districtCode: s('districtCode') } });
}

export const load: PageServerLoad = async ({ locals, params, cookies }) => {
  try {
    const lines = readCart(cookies, params.slug);
    const cart = await priceCart(locals.ctx, params.slug, lines);
    if (!cart.ok) redirect(303, `/koperasi/${params.slug}/keranjang`);
    const options = await optionsFor(locals.ctx, params.slug, lines, {});
    // One key per form shown: a double submit places one order.
    return { cart, options, checkoutKey: randomUUID() };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};

/** Keep a region level only while the level above is the one it was picked under. */
function trimChain(v: Record<string, unknown>): Record<string, unknown> {
  const out = { ...v };
  const under = (child: string, parent: string) => typeof out[child] === 'string' && typeof out[parent] === 'string' && (out[child] as string).startsWith(`${out[parent] as string}.`);
  if (!under('regencyCode', 'provinceCode')) delete out.regencyCode;
  if (!under('districtCode', 'regencyCode')) delete out.districtCode;
  if (!under('villageCode', 'districtCode')) delete out.villageCode;
  return out;
}

export const actions: Actions = {
  /** Place the order; with `?pilih` ("Pilih"): reload the region lists and shipping costs for the place chosen, keeping everything typed. */
  default: async ({ locals, params, request, cookies, url }) => {
    const values = trimChain(formObject(await request.formData()));
    const lines = readCart(cookies, params.slug);
    if (url.searchParams.has('pilih')) return { picking: true, values, options: await optionsFor(locals.ctx, params.slug, lines, values) };
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
    // Picked up at the coop: an address half-chosen on the way is not needed and not checked.
    const anyAddress = str('shippingMethod') !== 'pickup' && ['provinceCode', 'regencyCode', 'districtCode', 'street'].some((k) => str(k));
    let result;
    try {
      result = await checkout(locals.ctx, params.slug, {
        lines: cartLines(lines),
        paymentMethod: values.paymentMethod,
        buyer: values.name || values.email || values.phone ? { name: str('name') ?? '', email: str('email'), phone: str('phone') } : undefined,
        ...(str('shippingMethod')
          ? {
              shipping: {
                method: str('shippingMethod'),
                ...(anyAddress
                  ? {
                      address: {
                        recipient: str('recipient') ?? str('name') ?? '',
                        phone: str('recipientPhone') ?? str('phone') ?? '',
                        provinceCode: str('provinceCode') ?? '',
                        regencyCode: str('regencyCode') ?? '',
                        districtCode: str('districtCode') ?? '',
                        ...(str('villageCode') ? { villageCode: str('villageCode') } : {}),
                        street: str('street') ?? '',
                        ...(str('postalCode') ? { postalCode: str('postalCode') } : {})
                      }
                    }
                  : {})
              }
            }
          : {}),
        shippingAddress: str('shippingAddress'),
        note: str('note'),
        idempotencyKey: str('checkoutKey')
      });
    } catch (err) {
      const failed = failWith(locals.locale, err, values);
      return fail(failed.status, { ...failed.data, options: await optionsFor(locals.ctx, params.slug, lines, values) });
    }
    writeCart(cookies, params.slug, [], url.protocol === 'https:');
    redirect(303, `/koperasi/${params.slug}/pesanan/${result.token}`);
  }
};
