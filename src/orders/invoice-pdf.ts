import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { amountWords } from '../capital/receipt.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t, type Locale } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { renderPdf } from '../kernel/pdf.js';
import { withBuyerOrder, type BuyerRef } from './buyer-order.js';
import type { InvoiceData } from './invoices.js';
import { formatRupiah } from './model.js';
import { isUuid } from './support.js';

type InvoiceRow = { invoice_no: string; kind: 'invoice' | 'correction'; data: unknown; total: number };

/** The document of an issued invoice, from the order serialised into it when it was issued (later edits never change it). */
export function invoiceDocument(locale: Locale, inv: InvoiceRow): TDocumentDefinitions {
  const d = inv.data as InvoiceData;
  const L = (k: string, p?: Record<string, unknown>) => t(locale, `orders.pdf.${k}`, p);
  const money = (n: number) => ({ text: formatRupiah(n), alignment: 'right' as const });
  const body: Content[][] = [
    [{ text: L('item'), bold: true }, { text: L('qty'), bold: true, alignment: 'right' }, { text: L('price'), bold: true, alignment: 'right' }, { text: L('total'), bold: true, alignment: 'right' }],
    ...d.lines.map((l): Content[] => [`${l.title}${l.variantLabel ? ` (${l.variantLabel})` : ''}`, { text: String(l.quantity), alignment: 'right' }, money(l.unitPrice), money(l.lineTotal)])
  ];
  const totals: Content[][] = [[L('subtotal'), money(d.subtotal)]];
  if (d.ppnEnabled) {
    totals.push([L('dpp'), money(d.lines.reduce((s, l) => s + l.dpp, 0))]);
    totals.push([L('ppn'), money(d.taxTotal)]);
  }
  if (d.shipping) totals.push([t(locale, 'storeSell.shippingLine', { method: t(locale, `storeSell.shipping.${d.shipping.method}`) }), money(d.shipping.amount)]);
  if (d.uniqueCode) totals.push([t(locale, 'storeSell.uniqueCode'), money(d.uniqueCode)]);
  totals.push([{ text: L('grandTotal'), bold: true }, { ...money(d.total), bold: true }]);
  if (d.refundedAmount > 0) {
    totals.push([L('refunded'), money(-d.refundedAmount)]);
    totals.push([{ text: L('paid'), bold: true }, { ...money(d.paidAmount - d.refundedAmount), bold: true }]);
  }
  const net = d.paidAmount - d.refundedAmount;
  return {
    pageSize: 'A5',
    pageMargins: [32, 32, 32, 32],
    info: { title: `${L(inv.kind)} ${inv.invoice_no}`, creator: 'Lumbung' },
    defaultStyle: { font: 'Roboto', fontSize: 9, color: '#1f1a14' },
    content: [
      {
        columns: [
          { width: '*', stack: [{ text: d.coop.name, bold: true, fontSize: 12 }, ...(d.coop.address ? [{ text: d.coop.address, fontSize: 8, color: '#6b6258' }] : [])] },
          {
            width: 'auto',
            stack: [
              { text: L(inv.kind), bold: true, fontSize: 14, alignment: 'right' },
              { text: `${L('number')} ${inv.invoice_no}`, alignment: 'right' },
              { text: `${L('date')}: ${d.issuedOn}`, alignment: 'right' },
              { text: `${L('order')}: ${d.orderNo}`, alignment: 'right' },
              ...(d.correctsNo ? [{ text: L('corrects', { no: d.correctsNo }), alignment: 'right' as const, italics: true }] : [])
            ]
          }
        ]
      },
      { text: `${L('buyer')}: ${d.buyer.name}${d.buyer.email ? ` · ${d.buyer.email}` : ''}${d.buyer.phone ? ` · ${d.buyer.phone}` : ''} (${t(locale, `orders.buyerKind.${d.buyer.kind}`)})`, margin: [0, 10, 0, 6] },
      { table: { headerRows: 1, widths: ['*', 30, 70, 75], body }, layout: 'lightHorizontalLines' },
      { table: { widths: ['*', 90], body: totals }, layout: 'noBorders', margin: [120, 8, 0, 0] },
      { text: `${L('words')}: ${amountWords(Math.max(0, net))}`, italics: true, margin: [0, 8, 0, 0] },
      { text: `${L('method')}: ${t(locale, `orders.method.${d.method}`)}`, margin: [0, 4, 0, 0] },
      { text: L('footer'), fontSize: 7, color: '#6b6258', margin: [0, 16, 0, 0] }
    ]
  };
}

async function pick(trx: Tx, coopId: string, orderId: string, invoiceNo?: string): Promise<InvoiceRow> {
  let q = trx.selectFrom('invoices').select(['invoice_no', 'kind', 'data', 'total']).where('coop_id', '=', coopId).where('order_id', '=', orderId);
  q = invoiceNo ? q.where('invoice_no', '=', invoiceNo) : q.orderBy('year', 'desc').orderBy('seq', 'desc').limit(1);
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

const fileOf = (no: string) => `${no}.pdf`;

/** An order's invoice (the latest, or the one named) as PDF, for the board. */
export async function invoicePdf(ctx: TenantCtx, orderId: string, invoiceNo?: string): Promise<{ filename: string; pdf: Buffer }> {
  requirePermission(ctx, 'orders.read');
  if (!isUuid(orderId)) throw new AppError('ORDER_NOT_FOUND');
  const inv = await withTenant(ctx.db, ctx.coopId, (trx) => pick(trx, ctx.coopId, orderId, invoiceNo));
  return { filename: fileOf(inv.invoice_no), pdf: await renderPdf(invoiceDocument(ctx.locale, inv)) };
}

/** The latest invoice of the buyer's order as PDF (the receipt a buyer keeps). */
export async function buyerInvoicePdf(ctx: Ctx, coopSlug: string, ref: BuyerRef | string): Promise<{ filename: string; pdf: Buffer }> {
  const r: BuyerRef = typeof ref === 'string' ? { token: ref } : ref;
  const inv = await withBuyerOrder(ctx, coopSlug, r, (trx, order, coopId) => pick(trx, coopId, order.id));
  return { filename: fileOf(inv.invoice_no), pdf: await renderPdf(invoiceDocument(ctx.locale, inv)) };
}
