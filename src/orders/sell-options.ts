import type { Tx } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import { gatewayEnabled } from '../payments/providers/settings.js';
import { findQrisSettings } from '../payments/qris-store.js';
import { regionByCode } from '../regions/model.js';
import type { OrderSettings, PaymentMethod } from './model.js';
import type { PricedLine } from './price-cart.js';
import { parcelWeight, shippingOffered, shippingQuotes, SHIPPABLE_LINES, type ShippingMethod, type ShippingQuote, type ShipTo, type ShipToStored } from './shipping.js';

/** Ways to pay a buyer may pick at this coop's storefront: QRIS only with a QRIS (or a gateway), transfer only with a bank account. */
export async function offeredMethods(trx: Tx, coopId: string, settings: OrderSettings): Promise<Set<PaymentMethod>> {
  const [qris, gateway] = await Promise.all([findQrisSettings(trx, coopId), gatewayEnabled(trx, coopId)]);
  const out = new Set<PaymentMethod>(['cod', 'cash']);
  if (qris || gateway) out.add('qris');
  if (settings.bankAccounts.length > 0) out.add('transfer');
  if (gateway) out.add('gateway');
  return out;
}

/** Lines that travel: physical goods of Busana, Rupa and Aksara in print. */
export function physicalLines(lines: readonly PricedLine[]): PricedLine[] {
  return lines.filter((l) => !l.problem && !l.isDigital && l.productLine !== null && SHIPPABLE_LINES.includes(l.productLine));
}

/** The address as chosen, checked level by level against the region list (each code under the one above), with the names it has today. */
export async function resolveShipTo(a: ShipTo, field = 'shipping.address'): Promise<ShipToStored> {
  const bad = (f: string, code = 'region_mismatch') => new AppError('VALIDATION_FAILED', { fields: [{ field: `${field}.${f}`, code }] });
  const [p, r, d, v] = await Promise.all([regionByCode(a.provinceCode), regionByCode(a.regencyCode), regionByCode(a.districtCode), a.villageCode ? regionByCode(a.villageCode) : Promise.resolve(undefined)]);
  if (!p) throw bad('provinceCode', 'region_invalid');
  if (!r || r.parent !== p.code) throw bad('regencyCode');
  if (!d || d.parent !== r.code) throw bad('districtCode');
  if (a.villageCode && (!v || v.parent !== d.code)) throw bad('villageCode');
  return { ...a, provinceName: p.name, regencyName: r.name, districtName: d.name, villageName: v?.name ?? null };
}

export type ShippingChoice = { method: ShippingMethod; cost: number; booking: 'revenue' | 'pass_through'; weightGrams: number; shipTo: ShipToStored | null };

/**
 * The shipping line of a checkout. Nothing physical, or a coop that offers no shipping: no
 * line (the free-text address of older clients stays a note). Otherwise the buyer must pick an
 * offered method; local delivery and courier need an address where the method is available.
 */
export async function chooseShipping(settings: OrderSettings, lines: readonly PricedLine[], input: { method: ShippingMethod; address?: ShipTo } | undefined): Promise<ShippingChoice | null> {
  const s = settings.shipping;
  const physical = physicalLines(lines);
  if (physical.length === 0) return null;
  if (!shippingOffered(s)) {
    if (input) throw new AppError('ORDER_SHIPPING_UNAVAILABLE', { fields: [{ field: 'shipping.method', code: 'shipping_not_offered' }] });
    return null;
  }
  if (!input) throw new AppError('ORDER_SHIPPING_REQUIRED', { fields: [{ field: 'shipping.method', code: 'shipping_required' }] });
  const weightGrams = parcelWeight(physical.map((l) => ({ productLine: l.productLine!, quantity: l.quantity, weightGrams: null })), s);
  const goods = physical.reduce((sum, l) => sum + l.lineTotal, 0);
  let shipTo: ShipToStored | null = null;
  if (input.method !== 'pickup') {
    if (!input.address) throw new AppError('ORDER_SHIPPING_REQUIRED', { fields: [{ field: 'shipping.address.street', code: 'address_required' }] });
    shipTo = await resolveShipTo(input.address);
  } else if (input.address) {
    shipTo = await resolveShipTo(input.address);
  }
  const quote = shippingQuotes(s, goods, weightGrams, shipTo).find((q) => q.method === input.method);
  if (!quote || !quote.available) throw new AppError('ORDER_SHIPPING_UNAVAILABLE', { fields: [{ field: 'shipping.method', code: 'shipping_unavailable' }] });
  return { method: input.method, cost: quote.cost, booking: s.booking, weightGrams, shipTo };
}

/** The quotes a checkout page shows for the destination chosen so far. */
export function quotesFor(settings: OrderSettings, lines: readonly PricedLine[], dest: { provinceCode: string; regencyCode: string } | null): { needed: boolean; weightGrams: number; quotes: ShippingQuote[] } {
  const physical = physicalLines(lines);
  if (physical.length === 0 || !shippingOffered(settings.shipping)) return { needed: false, weightGrams: 0, quotes: [] };
  const weightGrams = parcelWeight(physical.map((l) => ({ productLine: l.productLine!, quantity: l.quantity, weightGrams: null })), settings.shipping);
  const goods = physical.reduce((sum, l) => sum + l.lineTotal, 0);
  return { needed: true, weightGrams, quotes: shippingQuotes(settings.shipping, goods, weightGrams, dest) };
}

/** The region lists the shipping settings form needs: provinces, the regencies of each province a rate row names, and of the coop's own province (for own delivery). */
export async function shippingRegionLists(provinceCodes: readonly string[], coopProvince: string | null): Promise<{ provinces: { code: string; name: string }[]; regencies: Record<string, { code: string; name: string }[]> }> {
  const { regionChildren } = await import('../regions/model.js');
  const provinces = (await regionChildren(null)).map((r) => ({ code: r.code, name: r.name }));
  const wanted = [...new Set([...provinceCodes, ...(coopProvince ? [coopProvince] : [])])].filter((c) => provinces.some((p) => p.code === c));
  const regencies: Record<string, { code: string; name: string }[]> = {};
  for (const p of wanted) regencies[p] = (await regionChildren(p)).map((r) => ({ code: r.code, name: r.name }));
  return { provinces, regencies };
}
