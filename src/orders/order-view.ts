import type { Tx } from '../db/tenant.js';
import { dynamicQris } from '../payments/qris.js';
import { qrisSvg } from '../payments/qris-for-amount.js';
import { findQrisSettings } from '../payments/qris-store.js';
import type { ProductLine } from '../db/schema.js';
import { settingsFrom, type BuyerKind, type OrderStatus, type PaymentMethod, type Split, type TransferAccount } from './model.js';
import type { ShippingMethod, ShipToStored, Zone } from './shipping.js';
import { zoneOfProvince } from './shipping.js';
import { coopName, findSettingsRow, orderHistory, orderInvoices, orderLines, orderPayments, orderRefunds, type OrderRow } from './store.js';

export type BuyerOrderView = {
  /** The coop and how to reach it (phone/WhatsApp, email), on every order page. */
  coop: { slug: string; name: string; phone: string | null; email: string | null };
  orderId: string;
  orderNo: string;
  status: OrderStatus;
  paid: boolean;
  buyerKind: BuyerKind;
  buyer: { name: string; email: string | null; phone: string | null };
  shippingAddress: string | null;
  note: string | null;
  paymentMethod: PaymentMethod;
  ppnEnabled: boolean;
  lines: { lineNo: number; workId: string; title: string; productLine: ProductLine; variantLabel: string | null; quantity: number; unitPrice: number; priceKind: 'member' | 'public'; lineTotal: number; dpp: number; ppn: number; isDigital: boolean }[];
  subtotal: number;
  taxTotal: number;
  total: number;
  paidAmount: number;
  refundedAmount: number;
  createdAt: string;
  expiresAt: string | null;
  paidAt: string | null;
  fulfilledAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  history: { status: OrderStatus; event: string; at: string; note: string | null }[];
  qris: { payload: string; svg: string; amount: number } | null;
  transferProofSubmitted: boolean;
  /** Where to transfer, for an unpaid transfer order (null: the coop has not set its account). */
  transferAccount: TransferAccount | null;
  /** Every account the coop lists, for an unpaid transfer order. */
  bankAccounts: TransferAccount[];
  /** The transfer's unique code, inside the total (0: none). */
  uniqueCode: number;
  /** The shipping line and where the goods go; courier and resi once shipped. */
  shipping: { method: ShippingMethod; cost: number; weightGrams: number | null; address: ShipToStored | null; courier: string | null; trackingNo: string | null } | null;
  /** The zone times are shown in for this buyer (their address's, else the coop's), e.g. WITA. */
  zone: Zone;
  invoices: { invoiceNo: string; kind: 'invoice' | 'correction'; issuedAt: string; total: number }[];
};

export type OrderView = BuyerOrderView & {
  id: string;
  split: { producers: { memberId: string; name: string; amount: number }[]; coopMargin: number; paymentFee: number; tax: number } | null;
  payments: { id: string; method: PaymentMethod; status: 'pending' | 'confirmed' | 'rejected'; amount: number; fee: number; reference: string | null; payerName: string | null; hasProof: boolean; rejectReason: string | null; createdAt: string; confirmedAt: string | null }[];
  refunds: { id: string; reference: string; amount: number; reason: string; restocked: boolean; createdAt: string }[];
  ledgerEntryIds: string[];
  creators: { memberId: string; name: string }[];
};

async function transferDetails(trx: Tx, coopId: string, order: OrderRow): Promise<{ transferAccount: TransferAccount | null; bankAccounts: TransferAccount[] }> {
  if (order.payment_method !== 'transfer' || order.paid_at) return { transferAccount: null, bankAccounts: [] };
  const s = settingsFrom(await findSettingsRow(trx, coopId));
  return { transferAccount: s.transferAccount, bankAccounts: s.bankAccounts };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The order as its buyer sees it (and, with `board`, as the cooperative's board sees it). */
export async function buildOrderView(trx: Tx, coopId: string, order: OrderRow, opts: { board: true }): Promise<OrderView>;
export async function buildOrderView(trx: Tx, coopId: string, order: OrderRow, opts?: { board?: false }): Promise<BuyerOrderView>;
export async function buildOrderView(trx: Tx, coopId: string, order: OrderRow, opts: { board?: boolean } = {}): Promise<BuyerOrderView | OrderView> {
  const [lines, history, payments, invoices, coop] = await Promise.all([
    orderLines(trx, coopId, order.id),
    orderHistory(trx, coopId, order.id),
    orderPayments(trx, coopId, order.id),
    orderInvoices(trx, coopId, order.id),
    coopName(trx, coopId)
  ]);
  let qris: BuyerOrderView['qris'] = null;
  if (order.payment_method === 'qris' && !order.paid_at && order.status === 'awaiting_payment') {
    const settings = await findQrisSettings(trx, coopId);
    if (settings) {
      const payload = dynamicQris(settings.static_payload, order.total);
      qris = { payload, svg: await qrisSvg(payload), amount: order.total };
    }
  }
  const view: BuyerOrderView = {
    coop: { slug: coop.slug, name: coop.name, phone: coop.phone, email: coop.email },
    orderId: order.id,
    orderNo: order.order_no,
    status: order.status,
    paid: !!order.paid_at,
    buyerKind: order.buyer_kind,
    buyer: { name: order.buyer_name, email: order.buyer_email, phone: order.buyer_phone },
    shippingAddress: order.shipping_address,
    note: order.note,
    paymentMethod: order.payment_method,
    ppnEnabled: order.ppn_enabled,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      workId: l.work_id,
      title: l.title,
      productLine: l.product_line,
      variantLabel: l.variant_label,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      priceKind: l.price_kind,
      lineTotal: l.line_total,
      dpp: l.dpp,
      ppn: l.ppn,
      isDigital: l.is_digital
    })),
    subtotal: order.subtotal,
    taxTotal: order.tax_total,
    total: order.total,
    paidAmount: order.paid_amount,
    refundedAmount: order.refunded_amount,
    createdAt: iso(order.created_at)!,
    expiresAt: iso(order.expires_at),
    paidAt: iso(order.paid_at),
    fulfilledAt: iso(order.fulfilled_at),
    cancelledAt: iso(order.cancelled_at),
    cancelReason: order.cancel_reason,
    history: history.map((h) => ({ status: h.to_status as OrderStatus, event: h.event, at: iso(h.at)!, note: h.note })),
    qris,
    transferProofSubmitted: payments.some((p) => p.has_proof && p.status !== 'rejected'),
    ...(await transferDetails(trx, coopId, order)),
    uniqueCode: order.unique_code,
    shipping: order.shipping_method
      ? { method: order.shipping_method, cost: order.shipping_total, weightGrams: order.weight_grams, address: order.ship_to as ShipToStored | null, courier: order.courier, trackingNo: order.tracking_no }
      : null,
    zone: zoneOfProvince((order.ship_to as ShipToStored | null)?.provinceCode ?? coop.province_code),
    invoices: invoices.map((i) => ({ invoiceNo: i.invoice_no, kind: i.kind, issuedAt: iso(i.issued_at)!, total: i.total }))
  };
  if (!opts.board) return view;

  const refunds = await orderRefunds(trx, coopId, order.id);
  const split = order.split as Split | null;
  const memberIds = [...new Set([...(split?.producers.map((p) => p.memberId) ?? []), ...lines.flatMap((l) => l.creators.map((c) => c.memberId))])];
  const names = memberIds.length ? await trx.selectFrom('members').select(['id', 'full_name']).where('coop_id', '=', coopId).where('id', 'in', memberIds).execute() : [];
  const nameOf = (id: string) => names.find((n) => n.id === id)?.full_name ?? '';
  return {
    ...view,
    id: order.id,
    split: split ? { producers: split.producers.map((p) => ({ memberId: p.memberId, name: nameOf(p.memberId), amount: p.amount })), coopMargin: split.commission, paymentFee: split.fee, tax: split.tax } : null,
    payments: payments.map((p) => ({
      id: p.id,
      method: p.method,
      status: p.status,
      amount: p.amount,
      fee: p.fee,
      reference: p.reference,
      payerName: p.payer_name,
      hasProof: p.has_proof,
      rejectReason: p.reject_reason,
      createdAt: iso(p.created_at)!,
      confirmedAt: iso(p.confirmed_at)
    })),
    refunds: refunds.map((r) => ({ id: r.id, reference: r.reference, amount: r.amount, reason: r.reason, restocked: r.restocked, createdAt: iso(r.created_at)! })),
    ledgerEntryIds: [order.payment_entry_id, ...refunds.map((r) => r.ledger_entry_id)].filter((x): x is string => !!x),
    creators: memberIds.map((id) => ({ memberId: id, name: nameOf(id) }))
  };
}
