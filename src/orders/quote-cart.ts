import { publicCoop } from '../catalogue/public-coop.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { parseInput } from '../kernel/validation.js';
import { z } from 'zod';
import { MAX_LINES, ZCheckoutLine } from './model.js';
import { buyerMembership, mergeCartLines, priceCart } from './price-cart.js';

export type CartQuote = {
  lines: {
    workId: string;
    variantId: string | null;
    slug: string | null;
    title: string;
    productLine: string | null;
    variantLabel: string | null;
    quantity: number;
    unitPrice: number;
    priceKind: 'member' | 'public';
    lineTotal: number;
    ppn: number;
    isDigital: boolean;
    available: boolean;
    stock: number | null;
    problem?: string;
  }[];
  subtotal: number;
  taxTotal: number;
  total: number;
  buyerKind: 'member' | 'non_member';
  ppnEnabled: boolean;
};

const ZQuoteRequest = z.object({ lines: z.array(ZCheckoutLine).max(MAX_LINES) });

/**
 * The cart priced exactly as checkout will charge it (same code path, no writes): lines that
 * cannot be bought (unpublished, unknown variant, not enough stock) come back flagged and are
 * left out of the totals.
 */
export async function quoteCart(ctx: Ctx, coopSlug: string, input: unknown): Promise<CartQuote> {
  const data = parseInput(ZQuoteRequest, input ?? {});
  const coop = await publicCoop(ctx, coopSlug);
  return withTenant(ctx.db, coop.id, async (trx) => {
    const m = await buyerMembership(trx, ctx, coop.id);
    const priced = await priceCart(trx, coop.id, mergeCartLines(data.lines), m.memberId !== null);
    return {
      lines: priced.lines.map((l) => ({
        workId: l.workId,
        variantId: l.variantId,
        slug: l.slug,
        title: l.title,
        productLine: l.productLine,
        variantLabel: l.variantLabel,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        priceKind: l.priceKind,
        lineTotal: l.lineTotal,
        ppn: l.ppn,
        isDigital: l.isDigital,
        available: !l.problem,
        stock: l.stock,
        ...(l.problem ? { problem: l.problem } : {})
      })),
      subtotal: priced.subtotal,
      taxTotal: priced.taxTotal,
      total: priced.total,
      buyerKind: m.memberId ? 'member' : 'non_member',
      ppnEnabled: priced.settings.ppnEnabled
    };
  });
}
