import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';

/**
 * The shopping cart of one cooperative's storefront, held in a cookie so it works without
 * JavaScript and without an account. It holds ONLY what the buyer chose: work id, variant id
 * and quantity. Prices, names, stock and the member price are never read from it; every page
 * that shows the cart prices it again on the server, and checkout prices it once more.
 * Because it carries nothing worth forging, it is validated strictly instead of signed: a
 * cookie that does not parse, or a line that does not fit the shape, is dropped.
 */
export type CartLine = { workId: string; variantId: string | null; quantity: number };

export const CART_MAX_LINES = 30;
export const CART_MAX_QUANTITY = 99;

const ZStored = z
  .array(z.object({ w: z.uuid(), v: z.uuid().nullish(), q: z.number().int().min(1).max(CART_MAX_QUANTITY) }))
  .max(CART_MAX_LINES);

export function cartCookieName(slug: string): string {
  return `lumbung_cart_${slug.replace(/[^a-z0-9-]/g, '')}`;
}

/** Decode a cookie value; anything malformed is an empty cart. */
export function decodeCart(value: string | undefined): CartLine[] {
  if (!value || value.length > 4000) return [];
  try {
    const parsed = ZStored.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    if (!parsed.success) return [];
    return normalise(parsed.data.map((l) => ({ workId: l.w, variantId: l.v ?? null, quantity: l.q })));
  } catch {
    return [];
  }
}

export function encodeCart(lines: CartLine[]): string {
  return Buffer.from(JSON.stringify(normalise(lines).map((l) => (l.variantId ? { w: l.workId, v: l.variantId, q: l.quantity } : { w: l.workId, q: l.quantity })))).toString('base64url');
}

const keyOf = (l: Pick<CartLine, 'workId' | 'variantId'>) => `${l.workId}|${l.variantId ?? ''}`;

/** One line per work+variant, quantities within bounds, at most CART_MAX_LINES lines. */
export function normalise(lines: CartLine[]): CartLine[] {
  const out = new Map<string, CartLine>();
  for (const l of lines) {
    const prev = out.get(keyOf(l));
    const quantity = Math.min(CART_MAX_QUANTITY, (prev?.quantity ?? 0) + l.quantity);
    if (quantity >= 1) out.set(keyOf(l), { workId: l.workId, variantId: l.variantId, quantity });
  }
  return [...out.values()].slice(0, CART_MAX_LINES);
}

export function lineKey(l: Pick<CartLine, 'workId' | 'variantId'>): string {
  return keyOf(l);
}

export function addLine(lines: CartLine[], line: CartLine): CartLine[] {
  return normalise([...lines, line]);
}

/** Set a line's quantity; 0 removes it. */
export function setQuantity(lines: CartLine[], key: string, quantity: number): CartLine[] {
  return normalise(lines.map((l) => (keyOf(l) === key ? { ...l, quantity: Math.max(0, Math.min(CART_MAX_QUANTITY, quantity)) } : l)).filter((l) => l.quantity > 0));
}

export function readCart(cookies: Cookies, slug: string): CartLine[] {
  return decodeCart(cookies.get(cartCookieName(slug)));
}

export function writeCart(cookies: Cookies, slug: string, lines: CartLine[], secure: boolean): void {
  const name = cartCookieName(slug);
  const opts = { path: `/koperasi/${slug}`, httpOnly: true, sameSite: 'lax' as const, secure };
  if (lines.length === 0) cookies.delete(name, opts);
  else cookies.set(name, encodeCart(lines), { ...opts, maxAge: 60 * 60 * 24 * 30 });
}
