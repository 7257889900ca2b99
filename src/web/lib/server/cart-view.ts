import type { Ctx } from '../../../kernel/context.js';
import { withTenant } from '../../../db/tenant.js';
import { publicCoop } from '../../../catalogue/public-coop.js';
import { quoteCart } from '../../../orders/quote-cart.js';
import type { ProductLine } from '../../../db/schema.js';
import { lineKey, type CartLine } from './cart.js';

export type PricedCartLine = {
  key: string;
  workId: string;
  variantId: string | null;
  slug: string | null;
  title: string;
  productLine: ProductLine | null;
  variantLabel: string | null;
  quantity: number;
  unitPrice: number;
  priceKind: 'member' | 'public';
  lineTotal: number;
  ppn: number;
  stock: number | null;
  /** A field code of the orders capability (order_work_unavailable, order_variant_required, …) or 'out_of_stock'. */
  problem: string | null;
};
export type PricedCart = {
  coop: { id: string; slug: string; name: string };
  lines: PricedCartLine[];
  subtotal: number;
  taxTotal: number;
  total: number;
  buyerIsMember: boolean;
  ok: boolean;
};

/**
 * The cart priced on the server for the viewer by the orders capability's quote (the same
 * code path checkout charges with, no writes): the price shown is the price charged, the
 * member price only for an active member. Lines that can no longer be bought are flagged,
 * not dropped, so the buyer sees why.
 */
export async function priceCart(ctx: Ctx, coopSlug: string, cart: CartLine[]): Promise<PricedCart> {
  const coop = await publicCoop(ctx, coopSlug);
  const quote = await quoteCart(ctx, coopSlug, { lines: cart.map((l) => ({ workId: l.workId, ...(l.variantId ? { variantId: l.variantId } : {}), quantity: l.quantity })) });
  // The cookie cart is already one line per work+variant, so the quote's lines are in the cart's order.
  const lines: PricedCartLine[] = quote.lines.map((l, i) => ({
    key: lineKey(cart[i] ?? { workId: l.workId, variantId: l.variantId }),
    workId: l.workId,
    variantId: l.variantId,
    slug: l.slug,
    title: l.title || '—',
    productLine: l.productLine as ProductLine | null,
    variantLabel: l.variantLabel,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    priceKind: l.priceKind,
    lineTotal: l.lineTotal,
    ppn: l.ppn,
    stock: l.stock,
    problem: l.problem ?? null
  }));
  return { coop, lines, subtotal: quote.subtotal, taxTotal: quote.taxTotal, total: quote.total, buyerIsMember: quote.buyerKind === 'member', ok: lines.length > 0 && lines.every((l) => !l.problem) };
}

/** Ids the product page's add-to-cart form needs (the public work view carries none). */
export async function storeWorkIds(ctx: Ctx, coopSlug: string, workSlug: string) {
  const coop = await publicCoop(ctx, coopSlug);
  return withTenant(ctx.db, coop.id, async (trx) => {
    const work = await trx.selectFrom('works').select(['id', 'product_line']).where('coop_id', '=', coop.id).where('slug', '=', workSlug).where('status', '=', 'published').executeTakeFirst();
    if (!work) return null;
    const variants = await trx.selectFrom('work_variants').select(['id', 'size', 'colour', 'stock']).where('coop_id', '=', coop.id).where('work_id', '=', work.id).orderBy('position').execute();
    return { coopId: coop.id, workId: work.id, productLine: work.product_line, variants };
  });
}
