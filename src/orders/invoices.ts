import type { Tx } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import { formatInvoiceNo, invoiceCounterName } from './model.js';
import { coopName, orderLines, takeInvoiceSeq, type OrderRow } from './store.js';

export type InvoiceData = {
  coop: { name: string; address: string | null };
  orderNo: string;
  issuedOn: string;
  buyer: { name: string; email: string | null; phone: string | null; kind: 'member' | 'non_member' };
  method: string;
  ppnEnabled: boolean;
  lines: { title: string; variantLabel: string | null; quantity: number; unitPrice: number; lineTotal: number; dpp: number; ppn: number }[];
  subtotal: number;
  taxTotal: number;
  /** The shipping line (absent on invoices issued before 0155). */
  shipping?: { method: 'pickup' | 'local' | 'courier'; amount: number } | null;
  /** The transfer's unique code, part of the total. */
  uniqueCode?: number;
  total: number;
  paidAmount: number;
  refundedAmount: number;
  correctsNo: string | null;
};

/**
 * Issue an invoice (or a correction of an earlier one) for an order, inside the payment or
 * refund transaction: the next number of the year from the coop's counter row (locked until
 * commit, so numbers are 1..N without gaps even under parallel confirmations), with the whole
 * order serialised into the row. Issued rows are immutable (trigger invoices_immutable).
 */
export async function issueInvoice(
  trx: Tx,
  coopId: string,
  order: OrderRow,
  opts: { at: Date; kind: 'invoice' | 'correction'; corrects?: { id: string; invoiceNo: string } | null; reason?: string | null; paidAmount: number; refundedAmount: number }
): Promise<{ id: string; invoiceNo: string }> {
  const issuedOn = jakartaDate(opts.at);
  const year = Number(issuedOn.slice(0, 4));
  const seq = await takeInvoiceSeq(trx, coopId, invoiceCounterName(year));
  const invoiceNo = formatInvoiceNo(year, seq);
  const [lines, coop] = await Promise.all([orderLines(trx, coopId, order.id), coopName(trx, coopId)]);
  const data: InvoiceData = {
    coop: { name: coop.name, address: coop.street },
    orderNo: order.order_no,
    issuedOn,
    buyer: { name: order.buyer_name, email: order.buyer_email, phone: order.buyer_phone, kind: order.buyer_kind },
    method: order.payment_method,
    ppnEnabled: order.ppn_enabled,
    lines: lines.map((l) => ({ title: l.title, variantLabel: l.variant_label, quantity: l.quantity, unitPrice: l.unit_price, lineTotal: l.line_total, dpp: l.dpp, ppn: l.ppn })),
    subtotal: order.subtotal,
    taxTotal: order.tax_total,
    shipping: order.shipping_method ? { method: order.shipping_method, amount: order.shipping_total } : null,
    uniqueCode: order.unique_code,
    total: order.total,
    paidAmount: opts.paidAmount,
    refundedAmount: opts.refundedAmount,
    correctsNo: opts.corrects?.invoiceNo ?? null
  };
  const row = await trx
    .insertInto('invoices')
    .values({
      coop_id: coopId,
      order_id: order.id,
      year,
      seq,
      invoice_no: invoiceNo,
      kind: opts.kind,
      corrects_invoice_id: opts.corrects?.id ?? null,
      reason: opts.reason ?? null,
      total: opts.paidAmount - opts.refundedAmount,
      data: JSON.stringify(data),
      issued_at: opts.at
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, invoiceNo };
}

/** The newest invoice of an order (the one a correction replaces). */
export async function latestInvoice(trx: Tx, coopId: string, orderId: string): Promise<{ id: string; invoiceNo: string } | undefined> {
  const row = await trx.selectFrom('invoices').select(['id', 'invoice_no']).where('coop_id', '=', coopId).where('order_id', '=', orderId).orderBy('year', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { id: row.id, invoiceNo: row.invoice_no } : undefined;
}
