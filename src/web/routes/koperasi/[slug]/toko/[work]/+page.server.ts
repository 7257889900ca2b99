import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError } from '../../../../../../kernel/errors.js';
import { getStoreWork } from '../../../../../../catalogue/get-store-work.js';
import { storeWorkIds } from '$lib/server/cart-view';
import { addLine, readCart, writeCart, CART_MAX_QUANTITY } from '$lib/server/cart';

export const csr = false;

/** A work's public page, priced for the viewer (member price only for an active member, checked here on the server). */
export const load: PageServerLoad = async ({ locals, params, cookies, url }) => {
  try {
    const [work, ids] = await Promise.all([getStoreWork(locals.ctx, params.slug, params.work), storeWorkIds(locals.ctx, params.slug, params.work)]);
    return { work, ids, inCart: readCart(cookies, params.slug).reduce((n, l) => n + l.quantity, 0), pageUrl: `${url.origin}${url.pathname}`, origin: url.origin };
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'CATALOGUE_WORK_NOT_FOUND')) error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};

export const actions: Actions = {
  /** Add to the cookie cart: only ids and a quantity; the variant must be one of this work's. */
  add: async ({ locals, params, request, cookies, url }) => {
    const ids = await storeWorkIds(locals.ctx, params.slug, params.work).catch(() => null);
    if (!ids) error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    const form = await request.formData();
    const quantity = Number(form.get('quantity') ?? 1);
    const variantId = String(form.get('variantId') ?? '');
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > CART_MAX_QUANTITY) return { addError: 'quantity' as const };
    let variant: string | null = null;
    if (ids.variants.length > 0) {
      const v = ids.variants.find((x) => x.id === variantId);
      if (!v) return { addError: 'variant' as const };
      if (v.stock < 1) return { addError: 'soldOut' as const };
      variant = v.id;
    }
    writeCart(cookies, params.slug, addLine(readCart(cookies, params.slug), { workId: ids.workId, variantId: variant, quantity }), url.protocol === 'https:');
    redirect(303, `/koperasi/${params.slug}/keranjang?ditambah=1`);
  }
};
