import { z } from 'zod';
import type { ProductLine } from '../db/schema.js';
import type { PaymentMethod } from './tables.js';

/**
 * Shipping, bank transfer and payment windows of the storefront: pure rules (no I/O).
 * Money is whole rupiah, weights whole grams. See docs/decisions/0155-shipping-and-transfer.md.
 */

export const SHIPPING_METHODS = ['pickup', 'local', 'courier'] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];
export type ShippingBooking = 'revenue' | 'pass_through';
/** Lines that can be physical goods (Aksara only in print). */
export const SHIPPABLE_LINES: readonly ProductLine[] = ['busana', 'rupa', 'aksara'];

export type CourierRate = { region: string; firstKg: number; nextKg: number };
export type ShippingSettings = {
  booking: ShippingBooking;
  /** Weight of one unit per line when the work names none (grams). */
  unitWeightGrams: { busana: number; rupa: number; aksara: number };
  /** Goods subtotal from which local delivery and courier are free (inclusive); null: never free. */
  freeFrom: number | null;
  pickup: { enabled: boolean };
  /** Delivery by the coop itself, a flat rate, to the listed regencies only. */
  local: { enabled: boolean; rate: number; regencyCodes: string[] };
  /** A courier: the most specific rate for the destination (regency, then province, then '*' for anywhere). */
  courier: { enabled: boolean; rates: CourierRate[] };
};

export const DEFAULT_SHIPPING: ShippingSettings = {
  booking: 'pass_through',
  unitWeightGrams: { busana: 300, rupa: 1000, aksara: 400 },
  freeFrom: null,
  pickup: { enabled: false },
  local: { enabled: false, rate: 0, regencyCodes: [] },
  courier: { enabled: false, rates: [] }
};

const rupiah = z.number().int().min(0).max(100_000_000);
const grams = z.number().int().min(1).max(100_000);
const ZProvince = z.string().regex(/^\d{2}$/, { error: 'region_invalid' });
const ZRegency = z.string().regex(/^\d{2}\.\d{2}$/, { error: 'region_invalid' });

export const ZShippingSettings = z.strictObject({
  booking: z.enum(['revenue', 'pass_through']),
  unitWeightGrams: z.strictObject({ busana: grams, rupa: grams, aksara: grams }),
  freeFrom: rupiah.min(1).nullable(),
  pickup: z.strictObject({ enabled: z.boolean() }),
  local: z.strictObject({ enabled: z.boolean(), rate: rupiah, regencyCodes: z.array(ZRegency).max(50) }),
  courier: z.strictObject({
    enabled: z.boolean(),
    rates: z
      .array(z.strictObject({ region: z.union([z.literal('*'), ZProvince, ZRegency]), firstKg: rupiah, nextKg: rupiah }))
      .max(200)
      .refine((rs) => new Set(rs.map((r) => r.region)).size === rs.length, { error: 'region_duplicate' })
  })
});

export function shippingFrom(stored: unknown): ShippingSettings {
  const parsed = ZShippingSettings.safeParse(typeof stored === 'string' ? JSON.parse(stored) : stored);
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SHIPPING);
}

export function shippingOffered(s: ShippingSettings): boolean {
  return s.pickup.enabled || s.local.enabled || s.courier.enabled;
}

/** Total weight of the physical lines, whole grams. */
export function parcelWeight(lines: readonly { productLine: ProductLine; quantity: number; weightGrams: number | null }[], s: ShippingSettings): number {
  let g = 0;
  for (const l of lines) {
    const unit = l.weightGrams ?? (l.productLine in s.unitWeightGrams ? s.unitWeightGrams[l.productLine as keyof ShippingSettings['unitWeightGrams']] : 0);
    g += unit * l.quantity;
  }
  return g;
}

/** The courier rate for a destination: the regency's, else the province's, else '*'; undefined: no courier there. */
export function courierRateFor(rates: readonly CourierRate[], dest: { provinceCode: string; regencyCode: string }): CourierRate | undefined {
  return rates.find((r) => r.region === dest.regencyCode) ?? rates.find((r) => r.region === dest.provinceCode) ?? rates.find((r) => r.region === '*');
}

/** Whole kilograms charged: every started kilogram, at least one. */
export function chargedKg(weightGrams: number): number {
  return Math.max(1, Math.ceil(weightGrams / 1000));
}

export type ShippingQuote = { method: ShippingMethod; cost: number; free: boolean; available: boolean };

/**
 * What each enabled method costs for a parcel of `weightGrams` worth `goodsSubtotal` going to
 * `dest` (null: no destination chosen yet; local and courier are then not available).
 * Courier = firstKg + nextKg × (charged kg − 1); local = the flat rate; both free when the goods
 * subtotal is at least `freeFrom`. Pickup is free.
 */
export function shippingQuotes(s: ShippingSettings, goodsSubtotal: number, weightGrams: number, dest: { provinceCode: string; regencyCode: string } | null): ShippingQuote[] {
  const free = s.freeFrom !== null && goodsSubtotal >= s.freeFrom;
  const out: ShippingQuote[] = [];
  if (s.pickup.enabled) out.push({ method: 'pickup', cost: 0, free: true, available: true });
  if (s.local.enabled) {
    const available = !!dest && s.local.regencyCodes.includes(dest.regencyCode);
    out.push({ method: 'local', cost: free ? 0 : s.local.rate, free, available });
  }
  if (s.courier.enabled) {
    const rate = dest ? courierRateFor(s.courier.rates, dest) : undefined;
    const cost = rate ? rate.firstKg + rate.nextKg * (chargedKg(weightGrams) - 1) : 0;
    out.push({ method: 'courier', cost: free ? 0 : cost, free, available: !!rate });
  }
  return out;
}

/* ------------------------------------------------------------------ bank transfer */

export type BankAccount = { bankName: string; accountNo: string; accountName: string };
export const MAX_BANK_ACCOUNTS = 3;

export const ZBankAccount = z.strictObject({
  bankName: z.string().trim().min(2).max(60),
  accountNo: z.string().trim().regex(/^[0-9][0-9 .-]{3,33}[0-9]$/, { error: 'account_no_invalid' }),
  accountName: z.string().trim().min(2).max(100)
});

export function bankAccountsFrom(stored: unknown): BankAccount[] {
  const v = typeof stored === 'string' ? JSON.parse(stored) : stored;
  if (!Array.isArray(v)) return [];
  return v.flatMap((a) => {
    const p = ZBankAccount.safeParse(a);
    return p.success ? [p.data] : [];
  });
}

/**
 * A unique code (1–999) added to a transfer so the bendahara can tell payments of the same
 * amount apart: the first code from `start` on (wrapping) whose total is not the total of
 * another open transfer order; 0 when all 999 are taken (the amount is then shown as is).
 */
export function pickUniqueCode(base: number, openTotals: ReadonlySet<number>, start: number): number {
  for (let i = 0; i < 999; i++) {
    const code = ((start + i) % 999) + 1;
    if (!openTotals.has(base + code)) return code;
  }
  return 0;
}

/* ------------------------------------------------------------------ payment windows */

export type PaymentWindows = { qrisMinutes: number; transferDays: number; cashDays: number | null };

/** When an unpaid order lapses: QRIS and gateways in minutes, transfer in days, cash and COD per the coop (null: never on their own). */
export function expiryFor(method: PaymentMethod, w: PaymentWindows, now: Date): Date | null {
  switch (method) {
    case 'qris':
    case 'gateway':
      return new Date(now.getTime() + w.qrisMinutes * 60_000);
    case 'transfer':
      return new Date(now.getTime() + w.transferDays * 86_400_000);
    case 'cash':
    case 'cod':
      return w.cashDays === null ? null : new Date(now.getTime() + w.cashDays * 86_400_000);
  }
}

/**
 * When to remind the buyer before the order lapses: a quarter of the window before, at least
 * 10 minutes and at most 24 hours before; windows under 30 minutes get no reminder (null).
 */
export function reminderAt(createdAt: Date, expiresAt: Date): Date | null {
  const window = expiresAt.getTime() - createdAt.getTime();
  if (window < 30 * 60_000) return null;
  const lead = Math.min(24 * 3_600_000, Math.max(10 * 60_000, Math.floor(window / 4)));
  return new Date(expiresAt.getTime() - lead);
}

/* ------------------------------------------------------------------ time zones */

/** Indonesia's three zones by province (the pure helper the meetings use): a buyer reads times in their address's zone. */
export { zoneOfProvince, formatLocalTime, type Zone } from '../governance/model.js';

/* ------------------------------------------------------------------ the buyer's address */

export const ZShipTo = z.strictObject({
  recipient: z.string().trim().min(2).max(200),
  phone: z
    .string()
    .trim()
    .max(30)
    .transform((s) => s.replace(/[\s-]/g, ''))
    .refine((s) => /^\+?[0-9]{8,15}$/.test(s), 'phone_invalid'),
  provinceCode: ZProvince,
  regencyCode: ZRegency,
  districtCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, { error: 'region_invalid' }),
  villageCode: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { error: 'region_invalid' })
    .optional(),
  street: z.string().trim().min(5).max(300),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { error: 'postal_code_invalid' })
    .optional()
});
export type ShipTo = z.infer<typeof ZShipTo>;
/** The address as stored on the order: the codes and the names they had then. */
export type ShipToStored = ShipTo & { provinceName: string; regencyName: string; districtName: string; villageName: string | null };

export function addressLines(a: ShipToStored): string[] {
  return [
    `${a.recipient} (${a.phone})`,
    a.street,
    [a.villageName, a.districtName].filter(Boolean).join(', '),
    `${a.regencyName}, ${a.provinceName}${a.postalCode ? ` ${a.postalCode}` : ''}`
  ];
}
