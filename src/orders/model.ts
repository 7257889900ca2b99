import { formatIdr } from '../kernel/money.js';
import { z } from 'zod';
import type { ProductLine } from '../db/schema.js';
import { AppError } from '../kernel/errors.js';
import { allocateLRM } from '../surplus/allocate.js';
import type { BuyerKind, OrderStatus, PaymentMethod } from './tables.js';
import { bankAccountsFrom, shippingFrom, ZBankAccount, ZShipTo, ZShippingSettings, MAX_BANK_ACCOUNTS, SHIPPING_METHODS, type BankAccount, type ShippingBooking, type ShippingSettings } from './shipping.js';

export type { BuyerKind, OrderStatus, PaymentMethod };

/**
 * Orders: pure rules (no I/O). Money is whole rupiah; every rounding below is integer
 * arithmetic in bigint with one written rule. See docs/decisions/0080-orders-and-money-flow.md.
 */

export const ORDER_STATUSES = ['awaiting_payment', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const satisfies readonly OrderStatus[];
export const PAYMENT_METHODS = ['cash', 'transfer', 'cod', 'qris', 'gateway'] as const satisfies readonly PaymentMethod[];
/** Methods a buyer picks at checkout ('gateway' is opened by a payment provider adapter). */
export const CHECKOUT_METHODS = ['cash', 'transfer', 'cod', 'qris', 'gateway'] as const satisfies readonly PaymentMethod[];
/** Methods whose order may be handed over before the money is confirmed (marketplace.md #17). */
export const FULFIL_BEFORE_PAID: readonly PaymentMethod[] = ['cod', 'transfer', 'cash'];
/** Methods whose unpaid order never expires on its own (the courier is on the way). */
export const NO_EXPIRY: readonly PaymentMethod[] = ['cod'];

export const BP = 10_000n;
export const MAX_LINES = 50;
export const MAX_QUANTITY = 1000;
export const PROOF_MAX_BYTES = 2 * 1024 * 1024;
export const PROOF_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Commission of the cooperative per product line, in basis points, when neither the charter nor the coop's settings name one. */
export const DEFAULT_COMMISSION_BP: Record<ProductLine, number> = { suara: 1000, rupa: 2000, aksara: 1500, busana: 2000, agenda: 1000 };

export type OrderSettings = {
  ppnEnabled: boolean;
  paymentWindowMinutes: number;
  commissionBp: Record<ProductLine, number>;
  /** MDR per method in basis points (booked as the coop's expense; the buyer never pays it). */
  mdrBp: Record<PaymentMethod, number>;
  /** Payments up to this amount carry no MDR (QRIS micro merchants: 0% up to Rp100.000). */
  mdrFreeUpTo: number;
  /** The first of bankAccounts (kept for API clients that read one account); null: none set. */
  transferAccount: TransferAccount | null;
  /** The bank accounts buyers transfer to (manual transfer); none: checkout does not offer transfer. */
  bankAccounts: BankAccount[];
  /** Add a unique code (1–999) to a transfer's amount so payments of the same amount can be told apart. */
  transferUniqueCode: boolean;
  /** Payment window of a transfer, in days (QRIS and gateways: paymentWindowMinutes). */
  transferWindowDays: number;
  /** Payment window of cash and COD orders in days; null: they never lapse on their own. */
  cashWindowDays: number | null;
  shipping: ShippingSettings;
};

export type TransferAccount = BankAccount;

export const DEFAULT_ORDER_SETTINGS: OrderSettings = {
  ppnEnabled: false,
  paymentWindowMinutes: 60,
  commissionBp: { ...DEFAULT_COMMISSION_BP },
  mdrBp: { cash: 0, transfer: 0, cod: 0, qris: 0, gateway: 0 },
  mdrFreeUpTo: 0,
  transferAccount: null,
  bankAccounts: [],
  transferUniqueCode: false,
  transferWindowDays: 1,
  cashWindowDays: null,
  shipping: shippingFrom(null)
};

const bp = z.number().int().min(0).max(10_000);
const rupiah = z.number().int().min(0).max(1_000_000_000_000);

export const ZOrderSettingsRequest = z.strictObject({
  ppnEnabled: z.boolean(),
  paymentWindowMinutes: z.number().int().min(5).max(10080),
  commissionBp: z.strictObject({ suara: bp, rupa: bp, aksara: bp, busana: bp, agenda: bp }),
  mdrBp: z.strictObject({ cash: bp, transfer: bp, cod: bp, qris: bp, gateway: bp }),
  mdrFreeUpTo: rupiah,
  /** One account (older clients). Omitted: keep the stored accounts; null: remove them all. */
  transferAccount: ZBankAccount.nullable().optional(),
  /** The bank accounts (up to 3). Omitted: keep the stored ones. */
  bankAccounts: z.array(ZBankAccount).max(MAX_BANK_ACCOUNTS).optional(),
  transferUniqueCode: z.boolean().optional(),
  transferWindowDays: z.number().int().min(1).max(14).optional(),
  cashWindowDays: z.number().int().min(1).max(30).nullable().optional(),
  /** Omitted: keep the stored shipping options. */
  shipping: ZShippingSettings.optional()
});

/** Settings from the stored row (partial JSON allowed) over the defaults. */
export type SettingsRow = {
  ppn_enabled: boolean;
  payment_window_minutes: number;
  commission_bp: unknown;
  mdr_bp: unknown;
  mdr_free_up_to: number;
  bank_accounts?: unknown;
  transfer_unique_code?: boolean;
  transfer_window_days?: number;
  cash_window_days?: number | null;
  shipping?: unknown;
};

export function settingsFrom(row: SettingsRow | undefined): OrderSettings {
  if (!row) return { ...DEFAULT_ORDER_SETTINGS, commissionBp: { ...DEFAULT_COMMISSION_BP }, mdrBp: { ...DEFAULT_ORDER_SETTINGS.mdrBp }, bankAccounts: [], shipping: shippingFrom(null) };
  const pick = <K extends string>(defaults: Record<K, number>, stored: unknown): Record<K, number> => {
    const out = { ...defaults };
    if (stored && typeof stored === 'object') {
      for (const k of Object.keys(defaults) as K[]) {
        const v = (stored as Record<string, unknown>)[k];
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000) out[k] = v;
      }
    }
    return out;
  };
  return {
    ppnEnabled: row.ppn_enabled,
    paymentWindowMinutes: row.payment_window_minutes,
    commissionBp: pick(DEFAULT_COMMISSION_BP, row.commission_bp),
    mdrBp: pick(DEFAULT_ORDER_SETTINGS.mdrBp, row.mdr_bp),
    mdrFreeUpTo: Number(row.mdr_free_up_to),
    ...accounts(bankAccountsFrom(row.bank_accounts)),
    transferUniqueCode: row.transfer_unique_code ?? false,
    transferWindowDays: row.transfer_window_days ?? 1,
    cashWindowDays: row.cash_window_days ?? null,
    shipping: shippingFrom(row.shipping)
  };
}

const accounts = (list: BankAccount[]) => ({ bankAccounts: list, transferAccount: list[0] ?? null });

/**
 * The commission rate of a line: the charter's (rules.marketplace.commissionBp[line]) when the
 * charter names one, else the coop's marketplace setting (which defaults to DEFAULT_COMMISSION_BP).
 */
export function commissionRate(charterRules: unknown, settings: OrderSettings, line: ProductLine): number {
  const fromCharter = (charterRules as { marketplace?: { commissionBp?: Record<string, unknown> } } | null)?.marketplace?.commissionBp?.[line];
  if (typeof fromCharter === 'number' && Number.isInteger(fromCharter) && fromCharter >= 0 && fromCharter <= 10_000) return fromCharter;
  return settings.commissionBp[line];
}

/* ------------------------------------------------------------------ requests */

const optTrim = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));

export const ZCheckoutLine = z.object({
  workId: z.uuid(),
  variantId: z.uuid().optional(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY)
});

export const ZBuyer = z.object({
  name: z.string().trim().min(2).max(200),
  email: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((s) => (s ? s.toLowerCase() : undefined))
    .refine((s) => s === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'email_invalid'),
  phone: z
    .string()
    .trim()
    .max(30)
    .optional()
    .transform((s) => (s ? s.replace(/[\s-]/g, '') : undefined))
    .refine((s) => s === undefined || /^\+?[0-9]{8,15}$/.test(s), 'phone_invalid')
});

/** Prices are never read from the request: unknown keys (unitPrice, price, …) are dropped. */
export const ZCheckoutRequest = z.object({
  lines: z.array(ZCheckoutLine).min(1).max(MAX_LINES),
  paymentMethod: z.enum(CHECKOUT_METHODS),
  buyer: ZBuyer.optional(),
  shippingAddress: optTrim(1000),
  /** How physical goods reach the buyer, when the coop offers shipping: the method and (unless picked up) the address. */
  shipping: z.object({ method: z.enum(SHIPPING_METHODS), address: ZShipTo.optional() }).optional(),
  note: optTrim(1000),
  idempotencyKey: z.string().trim().min(8).max(200).optional()
});
export type CheckoutRequest = z.input<typeof ZCheckoutRequest>;

export const ZConfirmPaymentRequest = z.strictObject({
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  method: z.enum(PAYMENT_METHODS).optional(),
  reference: optTrim(200),
  fee: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  paymentId: z.uuid().optional()
});

export const ZReasonRequest = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export const ZFulfilRequest = z.strictObject({
  note: optTrim(500),
  /** For a courier order: the courier and the tracking number (resi), both required. */
  courier: optTrim(60),
  trackingNo: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((s) => (s ? s.replace(/\s+/g, '').toUpperCase() : undefined))
    .refine((s) => s === undefined || /^[A-Z0-9-]{4,40}$/.test(s), 'tracking_no_invalid')
});

export const ZRefundRequest = z.strictObject({
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  reason: z.string().trim().min(3).max(500),
  reference: z.string().trim().min(1).max(200),
  restock: z.boolean().optional()
});

export const ZListOrdersRequest = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  paid: z.enum(['yes', 'no']).optional(),
  buyerKind: z.enum(['member', 'non_member']).optional(),
  method: z.enum(PAYMENT_METHODS).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional()
});
export const ORDERS_PAGE_SIZE = 30;

/* ------------------------------------------------------------------ rounding rules */

/** a × num / den rounded half up (all non-negative). */
export function mulDivHalfUp(a: bigint, num: bigint, den: bigint): bigint {
  if (a < 0n || num < 0n || den <= 0n) throw new RangeError('mulDivHalfUp: negative input');
  return (a * num * 2n + den) / (den * 2n);
}

/**
 * The pinned per-item percent rule (marketplace.md #5): the commission is computed on ONE unit,
 * rounded half up to a whole rupiah, then multiplied by the quantity. 7.5% of Rp3.333 = 249,975
 * → Rp250 per unit → Rp750 for three.
 */
export function lineCommission(unitPrice: number, quantity: number, rateBp: number): number {
  return Number(mulDivHalfUp(BigInt(unitPrice), BigInt(rateBp), BP) * BigInt(quantity));
}

/**
 * PPN for goods that are not luxury goods (PMK 131/2024, PER-1/PJ/2025): the catalogue price is
 * the harga jual; DPP nilai lain = 11/12 × harga jual; PPN = 12% × DPP. Rounded once per order
 * line, half up to whole rupiah, first the DPP then the PPN from the rounded DPP. The buyer pays
 * harga jual + PPN.
 */
export function ppnFor(lineTotal: number): { dpp: number; ppn: number } {
  const dpp = mulDivHalfUp(BigInt(lineTotal), 11n, 12n);
  const ppn = mulDivHalfUp(dpp, 12n, 100n);
  return { dpp: Number(dpp), ppn: Number(ppn) };
}

/** The payment fee (MDR) of an amount: nothing up to the free threshold, else bp of it, half up. Never more than the amount. */
export function mdrFee(amount: number, rateBp: number, freeUpTo: number): number {
  if (amount <= freeUpTo || rateBp === 0) return 0;
  return Math.min(amount, Number(mulDivHalfUp(BigInt(amount), BigInt(rateBp), BP)));
}

/* ------------------------------------------------------------------ the split */

export type SplitLine = { lineTotal: number; commission: number; ppn: number; creators: readonly { memberId: string; shareBp: number }[] };

/** How the amount paid divides: producers' shares + the coop's commission + PPN = amount; the fee is the coop's expense within it. */
export type Split = {
  producers: { memberId: string; amount: number }[];
  commission: number;
  tax: number;
  fee: number;
  amount: number;
  /** Shipping the buyer paid (absent in splits frozen before 0155: 0), booked as revenue or passed on to the courier. */
  shipping?: number;
  shippingBooking?: ShippingBooking;
  /** The transfer's unique code: the coop's other income. */
  uniqueCode?: number;
};

export type SplitExtras = { shipping: number; shippingBooking: ShippingBooking; uniqueCode: number };

/**
 * The split of an order's payment. Per line: the producers' part is the line total minus the
 * coop's commission, divided among the creators by their basis points with largest remainders
 * (ties to the smaller member id); parts are then summed per member. Exact: Σ producers +
 * commission + tax = amount paid (the order total).
 */
export function splitOrder(lines: readonly SplitLine[], fee: number, extras?: SplitExtras): Split {
  const producers = new Map<string, bigint>();
  let commission = 0n;
  let tax = 0n;
  let amount = 0n;
  for (const l of lines) {
    const producerPart = BigInt(l.lineTotal - l.commission);
    if (producerPart < 0n) throw new RangeError('commission above the line total');
    commission += BigInt(l.commission);
    tax += BigInt(l.ppn);
    amount += BigInt(l.lineTotal + l.ppn);
    if (l.creators.length === 0) {
      // A work without creators (not publishable, but be safe): the coop keeps the whole line.
      commission += producerPart;
      continue;
    }
    const parts = allocateLRM(producerPart, l.creators.map((c) => ({ weight: BigInt(c.shareBp), tieKey: c.memberId })));
    l.creators.forEach((c, i) => producers.set(c.memberId, (producers.get(c.memberId) ?? 0n) + parts[i]!));
  }
  if (extras) {
    if (extras.shipping < 0 || extras.uniqueCode < 0) throw new RangeError('negative extra');
    amount += BigInt(extras.shipping) + BigInt(extras.uniqueCode);
  }
  if (BigInt(fee) > amount || fee < 0) throw new RangeError('fee outside the amount');
  return {
    producers: [...producers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([memberId, v]) => ({ memberId, amount: Number(v) })),
    commission: Number(commission),
    tax: Number(tax),
    fee,
    amount: Number(amount),
    ...(extras ? { shipping: extras.shipping, shippingBooking: extras.shippingBooking, uniqueCode: extras.uniqueCode } : {})
  };
}

/** Signed parts of a refund (a part may be −1 where the largest-remainder rounding of a bigger cumulative refund moves a rupiah). */
export type RefundParts = { producers: { memberId: string; amount: number }[]; commission: number; tax: number; fee: number; amount: number; shipping?: number; uniqueCode?: number };

function allocateSplit(split: Split, cumulative: bigint): { producers: bigint[]; commission: bigint; tax: bigint; fee: bigint; shipping: bigint; uniqueCode: bigint } {
  if (cumulative === 0n) return { producers: split.producers.map(() => 0n), commission: 0n, tax: 0n, fee: 0n, shipping: 0n, uniqueCode: 0n };
  const items = [
    ...split.producers.map((p) => ({ weight: BigInt(p.amount), tieKey: `p:${p.memberId}` })),
    { weight: BigInt(split.commission), tieKey: 'c' },
    { weight: BigInt(split.tax), tieKey: 't' },
    { weight: BigInt(split.shipping ?? 0), tieKey: 's' },
    { weight: BigInt(split.uniqueCode ?? 0), tieKey: 'u' }
  ];
  const parts = allocateLRM(cumulative, items);
  const n = split.producers.length;
  const fee = split.fee === 0 ? 0n : allocateLRM(BigInt(split.fee), [{ weight: cumulative, tieKey: 'a' }, { weight: BigInt(split.amount) - cumulative, tieKey: 'b' }])[0]!;
  return { producers: parts.slice(0, n), commission: parts[n]!, tax: parts[n + 1]!, fee, shipping: parts[n + 2]!, uniqueCode: parts[n + 3]! };
}

/**
 * The parts a refund reverses, proportional to the original split. Computed on the cumulative
 * refunded amount (before and after this refund) so that refunds in several steps reverse, in
 * total, exactly what one refund of the same sum would: after a full refund every part is back
 * to zero. Σ producers + commission + tax = the refund amount, exactly; fee is the share of the
 * MDR given back (booked as a reduction of the fee expense).
 */
export function refundParts(split: Split, refundedBefore: number, amount: number): RefundParts {
  if (amount <= 0 || refundedBefore < 0 || refundedBefore + amount > split.amount) throw new RangeError('refund outside the amount paid');
  const before = allocateSplit(split, BigInt(refundedBefore));
  const after = allocateSplit(split, BigInt(refundedBefore + amount));
  return {
    producers: split.producers.map((p, i) => ({ memberId: p.memberId, amount: Number(after.producers[i]! - before.producers[i]!) })),
    commission: Number(after.commission - before.commission),
    tax: Number(after.tax - before.tax),
    fee: Number(after.fee - before.fee),
    amount,
    ...(split.shipping ? { shipping: Number(after.shipping - before.shipping) } : {}),
    ...(split.uniqueCode ? { uniqueCode: Number(after.uniqueCode - before.uniqueCode) } : {})
  };
}

/* ------------------------------------------------------------------ journal lines */

export type JournalLine = { account: string; debit?: number; credit?: number; memberId?: string; memo?: string };

export function cashAccount(method: PaymentMethod): 'CASH' | 'BANK' {
  return method === 'cash' || method === 'cod' ? 'CASH' : 'BANK';
}

/**
 * The one journal entry of a payment: Dr Kas/Bank (amount − fee), Dr Beban biaya pembayaran (fee);
 * Cr Utang kepada produsen per member (their shares), Cr Penjualan anggota / non-anggota (the
 * commission, by the order's tag), Cr Utang pajak (PPN).
 */
export function paymentJournalLines(split: Split, method: PaymentMethod, buyerKind: BuyerKind): JournalLine[] {
  const lines: JournalLine[] = [];
  const cash = split.amount - split.fee;
  if (cash > 0) lines.push({ account: cashAccount(method), debit: cash });
  if (split.fee > 0) lines.push({ account: 'PAYMENT_FEES', debit: split.fee, memo: `MDR ${method}` });
  for (const p of split.producers) if (p.amount > 0) lines.push({ account: 'PAYABLE_TO_PRODUCERS', credit: p.amount, memberId: p.memberId });
  if (split.commission > 0) lines.push({ account: buyerKind === 'member' ? 'SALES_MEMBER' : 'SALES_NON_MEMBER', credit: split.commission });
  if (split.tax > 0) lines.push({ account: 'TAX_PAYABLE', credit: split.tax, memo: 'PPN keluaran' });
  if (split.shipping) lines.push({ account: shippingAccount(split.shippingBooking ?? 'pass_through', buyerKind), credit: split.shipping, memo: 'Ongkos kirim' });
  if (split.uniqueCode) lines.push({ account: 'OTHER_INCOME', credit: split.uniqueCode, memo: 'Kode unik transfer' });
  return lines;
}

/** Shipping the coop earns is service income (member or non-member); shipping passed on to a courier is owed to it (Utang usaha). */
export function shippingAccount(booking: ShippingBooking, buyerKind: BuyerKind): 'SERVICE_MEMBER' | 'SERVICE_NON_MEMBER' | 'PAYABLE' {
  if (booking === 'pass_through') return 'PAYABLE';
  return buyerKind === 'member' ? 'SERVICE_MEMBER' : 'SERVICE_NON_MEMBER';
}

const signed = (account: string, amount: number, debitWhenPositive: boolean, extra: Partial<JournalLine> = {}): JournalLine[] => {
  if (amount === 0) return [];
  const debit = (amount > 0) === debitWhenPositive;
  return [{ account, ...(debit ? { debit: Math.abs(amount) } : { credit: Math.abs(amount) }), ...extra }];
};

/** The reversal of a refund: Dr each part (producers, sales, PPN), Cr Kas/Bank the cash paid back, Cr fee expense the MDR given back. */
export function refundJournalLines(parts: RefundParts, method: PaymentMethod, buyerKind: BuyerKind, shippingBooking: ShippingBooking = 'pass_through'): JournalLine[] {
  return [
    ...parts.producers.flatMap((p) => signed('PAYABLE_TO_PRODUCERS', p.amount, true, { memberId: p.memberId })),
    ...signed(buyerKind === 'member' ? 'SALES_MEMBER' : 'SALES_NON_MEMBER', parts.commission, true),
    ...signed('TAX_PAYABLE', parts.tax, true, { memo: 'PPN keluaran' }),
    ...signed(shippingAccount(shippingBooking, buyerKind), parts.shipping ?? 0, true, { memo: 'Ongkos kirim' }),
    ...signed('OTHER_INCOME', parts.uniqueCode ?? 0, true, { memo: 'Kode unik transfer' }),
    ...signed(cashAccount(method), parts.amount - parts.fee, false),
    ...signed('PAYMENT_FEES', parts.fee, false)
  ];
}

/* ------------------------------------------------------------------ state machine */

export type OrderEvent = 'pay' | 'fulfil' | 'cancel' | 'expire' | 'refund_full';

export type OrderState = { status: OrderStatus; paid: boolean; method: PaymentMethod };

/**
 * The order's life: awaiting_payment → paid → fulfilled; COD/transfer/cash may be fulfilled
 * before the money is confirmed (then confirmed while 'fulfilled'); cancel before payment;
 * a full refund (also the cancelling of a paid order) ends in 'refunded'. Anything else is
 * ORDER_TRANSITION_INVALID (409).
 */
export function nextStatus(s: OrderState, event: OrderEvent): OrderStatus {
  const bad = () => new AppError('ORDER_TRANSITION_INVALID', { params: { from: s.status, event } });
  switch (event) {
    case 'pay':
      if (s.paid) throw bad();
      if (s.status === 'awaiting_payment') return 'paid';
      if (s.status === 'fulfilled') return 'fulfilled';
      throw bad();
    case 'fulfil':
      if (s.status === 'paid') return 'fulfilled';
      if (s.status === 'awaiting_payment' && FULFIL_BEFORE_PAID.includes(s.method)) return 'fulfilled';
      throw bad();
    case 'cancel':
      if (!s.paid && (s.status === 'awaiting_payment' || s.status === 'fulfilled')) return 'cancelled';
      throw bad();
    case 'expire':
      if (!s.paid && s.status === 'awaiting_payment') return 'cancelled';
      throw bad();
    case 'refund_full':
      if (s.paid && (s.status === 'paid' || s.status === 'fulfilled')) return 'refunded';
      throw bad();
  }
}

/* ------------------------------------------------------------------ numbers and formats */

export function formatOrderNo(year: number, seq: number): string {
  return `ORD-${year}-${String(seq).padStart(6, '0')}`;
}

export function formatInvoiceNo(year: number, seq: number): string {
  return `INV-${year}-${String(seq).padStart(5, '0')}`;
}

export function invoiceCounterName(year: number): string {
  return `invoice:${year}`;
}

export { formatIdr as formatRupiah };

/** Whether a work sells as a download: Suara, or an Aksara e-book (fallback when no file table says so). */
export function looksDigital(line: ProductLine, attributes: unknown): boolean {
  if (line === 'suara') return true;
  return line === 'aksara' && (attributes as { format?: unknown } | null)?.format === 'ebook';
}
