import { publicCoop } from '../catalogue/public-coop.js';
import { regionPickerOptions, type RegionOptions } from '../coops/region-picker.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { parseInput } from '../kernel/validation.js';
import { z } from 'zod';
import { MAX_LINES, ZCheckoutLine, type PaymentMethod } from './model.js';
import { buyerMembership, mergeCartLines, priceCart } from './price-cart.js';
import { offeredMethods, quotesFor } from './sell-options.js';
import type { ShippingQuote } from './shipping.js';

/** The order a storefront lists the ways to pay in ('gateway' belongs to a provider adapter). */
const STOREFRONT_METHODS: readonly PaymentMethod[] = ['qris', 'transfer', 'cod', 'cash'];

export type CheckoutOptions = {
  methods: PaymentMethod[];
  buyer: { name: string; email: string; phone: string } | null;
  shipping: { needed: boolean; weightGrams: number; quotes: ShippingQuote[] };
  regions: RegionOptions;
  windows: { qrisMinutes: number; transferDays: number; cashDays: number | null };
  transferUniqueCode: boolean;
};

const ZOptionsRequest = z.object({
  lines: z.array(ZCheckoutLine).max(MAX_LINES),
  dest: z
    .object({ provinceCode: z.string().max(13).optional(), regencyCode: z.string().max(13).optional(), districtCode: z.string().max(13).optional() })
    .optional()
});

/**
 * What the checkout page offers for this cart and the address chosen so far: the ways to pay
 * the coop can receive (QRIS with a QRIS, transfer with a bank account), the shipping options
 * with their cost for the destination, the region lists of the address picker (each level the
 * children of the level above; no codes typed), the payment windows, and the signed-in
 * buyer's contact to prefill.
 */
export async function getCheckoutOptions(ctx: Ctx, coopSlug: string, input: unknown): Promise<CheckoutOptions> {
  const data = parseInput(ZOptionsRequest, input ?? {});
  const coop = await publicCoop(ctx, coopSlug);
  const account = ctx.actor && ctx.actor.via !== 'system' ? await ctx.db.selectFrom('accounts').select(['name', 'email', 'phone']).where('id', '=', ctx.actor.accountId).executeTakeFirst() : undefined;
  const dest = data.dest ?? {};
  const regions = await regionPickerOptions({ provinceCode: dest.provinceCode || null, regencyCode: dest.regencyCode || null, districtCode: dest.districtCode || null });
  // Only a regency that belongs to the chosen province prices the parcel.
  const regency = dest.provinceCode && dest.regencyCode && regions.regencies.some((r) => r.code === dest.regencyCode) ? { provinceCode: dest.provinceCode, regencyCode: dest.regencyCode } : null;
  return withTenant(ctx.db, coop.id, async (trx) => {
    const m = await buyerMembership(trx, ctx, coop.id);
    const priced = await priceCart(trx, coop.id, mergeCartLines(data.lines), m.memberId !== null);
    const offered = await offeredMethods(trx, coop.id, priced.settings);
    const s = priced.settings;
    return {
      methods: STOREFRONT_METHODS.filter((x) => offered.has(x)),
      buyer: account ? { name: account.name, email: account.email ?? '', phone: account.phone ?? '' } : null,
      shipping: quotesFor(s, priced.lines, regency),
      regions,
      windows: { qrisMinutes: s.paymentWindowMinutes, transferDays: s.transferWindowDays, cashDays: s.cashWindowDays },
      transferUniqueCode: s.transferUniqueCode
    };
  });
}
