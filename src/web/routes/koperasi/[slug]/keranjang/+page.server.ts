import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError } from '../../../../../kernel/errors.js';
import { readCart, setQuantity, writeCart } from '$lib/server/cart';
import { priceCart } from '$lib/server/cart-view';

export const csr = false;

/** The cart, priced again on the server for whoever is looking (never from the cookie). */
export const load: PageServerLoad = async ({ locals, params, cookies, url }) => {
  try {
    return { cart: await priceCart(locals.ctx, params.slug, readCart(cookies, params.slug)), added: url.searchParams.has('ditambah'), signedIn: !!locals.auth };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') error(404, { message: 'NOT_FOUND', code: 'NOT_FOUND' });
    throw err;
  }
};

export const actions: Actions = {
  /** One form for the whole cart: a quantity box per line (0 removes), or a line's remove button. */
  update: async ({ params, request, cookies, url }) => {
    const form = await request.formData();
    let lines = readCart(cookies, params.slug);
    const remove = form.get('remove');
    if (typeof remove === 'string') {
      lines = setQuantity(lines, remove, 0);
    } else {
      for (const l of [...lines]) {
        const key = `${l.workId}|${l.variantId ?? ''}`;
        const raw = form.get(`qty:${key}`);
        if (raw === null) continue;
        const q = Number(String(raw).trim());
        if (Number.isInteger(q) && q >= 0) lines = setQuantity(lines, key, q);
      }
    }
    writeCart(cookies, params.slug, lines, url.protocol === 'https:');
    redirect(303, `/koperasi/${params.slug}/keranjang`);
  },
  empty: async ({ params, cookies, url }) => {
    writeCart(cookies, params.slug, [], url.protocol === 'https:');
    redirect(303, `/koperasi/${params.slug}/keranjang`);
  }
};
