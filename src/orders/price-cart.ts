import type { Tx } from '../db/tenant.js';
import type { ProductLine } from '../db/schema.js';
import { priceFor } from '../catalogue/model.js';
import { currentCharterRules } from '../charters/current-rules.js';
import { findMemberByAccount } from '../members/store.js';
import type { Ctx } from '../kernel/context.js';
import { orderHooks } from './hooks.js';
import { commissionRate, lineCommission, looksDigital, ppnFor, settingsFrom, type OrderSettings } from './model.js';
import { cartContext, findSettingsRow, variantsForCart, worksForCart } from './store.js';

export type CartLine = { workId: string; variantId?: string; quantity: number };

export type PricedLine = {
  workId: string;
  variantId: string | null;
  slug: string | null;
  title: string;
  productLine: ProductLine | null;
  variantLabel: string | null;
  isDigital: boolean;
  quantity: number;
  unitPrice: number;
  priceKind: 'member' | 'public';
  lineTotal: number;
  commissionBp: number;
  commission: number;
  dpp: number;
  ppn: number;
  creators: { memberId: string; creditName: string; shareBp: number }[];
  /** Units left (Busana variants); null when not counted here. */
  stock: number | null;
  /** Why this line cannot be bought: a field code (order_work_unavailable, order_variant_required, …) or 'out_of_stock'. */
  problem: string | null;
};

export type PricedCart = { lines: PricedLine[]; subtotal: number; taxTotal: number; total: number; settings: OrderSettings };

/** The same work and variant twice in a cart is one line. */
export function mergeCartLines(lines: readonly CartLine[]): CartLine[] {
  const out = new Map<string, CartLine>();
  for (const l of lines) {
    const key = `${l.workId}/${l.variantId ?? ''}`;
    const prev = out.get(key);
    out.set(key, prev ? { ...prev, quantity: prev.quantity + l.quantity } : { ...l });
  }
  return [...out.values()];
}

/** The buyer as the server sees them: an ACTIVE member of this coop (inside this transaction), or not. */
export async function buyerMembership(trx: Tx, ctx: Ctx, coopId: string): Promise<{ memberId: string | null; fullName: string | null; email: string | null; phone: string | null }> {
  if (!ctx.actor || ctx.actor.via === 'system') return { memberId: null, fullName: null, email: null, phone: null };
  const m = await findMemberByAccount(trx, coopId, ctx.actor.accountId);
  if (!m || m.status !== 'active') return { memberId: null, fullName: null, email: null, phone: null };
  return { memberId: m.id, fullName: m.full_name, email: m.email, phone: m.phone };
}

/**
 * Price a cart on the server, inside the tenant transaction: published works only, the member
 * price only for an active member, the commission rate (charter, else the coop's settings), the
 * per-item commission and the PPN snapshot. Lines that cannot be bought carry a problem.
 */
export async function priceCart(trx: Tx, coopId: string, cart: readonly CartLine[], isMember: boolean): Promise<PricedCart> {
  const workIds = [...new Set(cart.map((l) => l.workId))];
  const variantIds = [...new Set(cart.map((l) => l.variantId).filter((v): v is string => !!v))];
  // One statement (decision 0140); on Citus, one per table.
  const read = await cartContext(trx, coopId, workIds, variantIds);
  const [settingsRow, rules, works, variants] = read
    ? [read.settings as Parameters<typeof settingsFrom>[0], read.rules, read.works, read.variants]
    : await Promise.all([findSettingsRow(trx, coopId), currentCharterRules(trx, coopId), worksForCart(trx, coopId, workIds), variantsForCart(trx, coopId, variantIds)]);
  const settings = settingsFrom(settingsRow);
  const digital = read ? read.digital : await orderHooks.digitalWorkIds(trx, coopId, [...works.keys()]);
  const lines: PricedLine[] = cart.map((l) => {
    const w = works.get(l.workId);
    const blank = { workId: l.workId, variantId: l.variantId ?? null, quantity: l.quantity, unitPrice: 0, priceKind: 'public' as const, lineTotal: 0, commissionBp: 0, commission: 0, dpp: 0, ppn: 0, creators: [], stock: null, isDigital: false };
    if (!w || w.status !== 'published') return { ...blank, slug: null, title: w?.title ?? '', productLine: w?.product_line ?? null, variantLabel: null, problem: 'order_work_unavailable' };
    let variantLabel: string | null = null;
    let stock: number | null = null;
    let problem: string | null = null;
    if (w.product_line === 'busana') {
      const v = l.variantId ? variants.get(l.variantId) : undefined;
      if (!l.variantId) problem = 'order_variant_required';
      else if (!v || v.work_id !== w.id) problem = 'order_variant_unknown';
      else {
        variantLabel = `${v.size} / ${v.colour}`;
        stock = v.stock;
        if (v.stock < l.quantity) problem = 'out_of_stock';
      }
    } else if (l.variantId) problem = 'order_variant_not_allowed';
    else if (w.units_left !== null) {
      // An original (1) or a numbered edition: what is left of it.
      stock = w.units_left;
      if (w.units_left < l.quantity) problem = 'out_of_stock';
    }
    const price = priceFor({ publicPrice: w.public_price, memberPrice: w.member_price }, isMember);
    const unitPrice = price.amount;
    const lineTotal = unitPrice * l.quantity;
    const commissionBp = commissionRate(rules, settings, w.product_line);
    const tax = settings.ppnEnabled ? ppnFor(lineTotal) : { dpp: 0, ppn: 0 };
    return {
      workId: w.id,
      variantId: l.variantId ?? null,
      slug: w.slug,
      title: w.title,
      productLine: w.product_line,
      variantLabel,
      isDigital: (digital?.has(w.id) ?? false) || looksDigital(w.product_line, w.attributes),
      quantity: l.quantity,
      unitPrice,
      priceKind: price.kind,
      lineTotal,
      commissionBp,
      commission: lineCommission(unitPrice, l.quantity, commissionBp),
      dpp: tax.dpp,
      ppn: tax.ppn,
      creators: w.creators,
      stock,
      problem
    };
  });
  const ok = lines.filter((l) => !l.problem);
  const subtotal = ok.reduce((s, l) => s + l.lineTotal, 0);
  const taxTotal = ok.reduce((s, l) => s + l.ppn, 0);
  return { lines, subtotal, taxTotal, total: subtotal + taxTotal, settings };
}
