import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { ZCheckoutRequest, ZConfirmPaymentRequest, ZFulfilRequest, ZListOrdersRequest, ZOrderSettingsRequest, ZReasonRequest, ZRefundRequest } from './model.js';
import { checkout } from './checkout.js';
import { quoteCart } from './quote-cart.js';
import { getOrderForBuyer } from './get-order-for-buyer.js';
import { cancelOwnOrder } from './cancel-own-order.js';
import { submitTransferProof } from './submit-transfer-proof.js';
import { buyerInvoicePdf, invoicePdf } from './invoice-pdf.js';
import { listOrders } from './list-orders.js';
import { getOrder } from './get-order.js';
import { confirmPayment } from './confirm-payment.js';
import { markFulfilled } from './mark-fulfilled.js';
import { cancelOrder } from './cancel-order.js';
import { refundOrder } from './refund-order.js';
import { listPaymentsAwaitingConfirmation } from './list-payments-awaiting-confirmation.js';
import { getTransferProof, rejectTransferProof } from './transfer-proof.js';
import { getOrderSettings, saveOrderSettings } from './order-settings.js';
import { listCollections, ZCollectionsRequest } from './list-collections.js';
import { correctInvoice, ZCorrectInvoiceRequest } from './correct-invoice.js';
import { requestPayout } from '../payouts/request-payout.js';
import { listPayouts } from '../payouts/list-payouts.js';
import { listProducerBalances } from '../payouts/list-producer-balances.js';
import { producerBalance } from '../payouts/producer-balance.js';
import { getMySales } from '../payouts/get-my-sales.js';
import { ZPayoutRequest } from '../payouts/model.js';

const tags = ['orders'];
const ZView = z.any().describe('see src/orders and src/payouts for the shape');
const ZLineOut = z.object({ lineNo: z.number(), workId: z.string(), title: z.string(), productLine: z.string(), variantLabel: z.string().nullable(), quantity: z.number(), unitPrice: z.number(), priceKind: z.enum(['member', 'public']), lineTotal: z.number(), dpp: z.number(), ppn: z.number(), isDigital: z.boolean() });
const ZBuyerOrder = z
  .object({
    coop: z.object({ slug: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
    orderId: z.string(),
    orderNo: z.string(),
    status: z.enum(['awaiting_payment', 'paid', 'fulfilled', 'cancelled', 'refunded']),
    paid: z.boolean(),
    buyerKind: z.enum(['member', 'non_member']),
    buyer: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
    paymentMethod: z.string(),
    lines: z.array(ZLineOut),
    subtotal: z.number(),
    taxTotal: z.number(),
    total: z.number().describe('whole rupiah = subtotal + taxTotal'),
    paidAmount: z.number(),
    refundedAmount: z.number(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    history: z.array(z.object({ status: z.string(), event: z.string(), at: z.string(), note: z.string().nullable() })),
    qris: z.object({ payload: z.string(), svg: z.string(), amount: z.number() }).nullable().describe('dynamic QRIS for the exact total while unpaid'),
    transferAccount: z.object({ bankName: z.string(), accountNo: z.string(), accountName: z.string() }).nullable().describe("the coop's bank account, for an unpaid transfer order"),
    invoices: z.array(z.object({ invoiceNo: z.string(), kind: z.enum(['invoice', 'correction']), issuedAt: z.string(), total: z.number() }))
  })
  .loose();
const ZBoardOrder = ZBuyerOrder.extend({
  id: z.string(),
  split: z.object({ producers: z.array(z.object({ memberId: z.string(), name: z.string(), amount: z.number() })), coopMargin: z.number(), paymentFee: z.number(), tax: z.number() }).nullable(),
  payments: z.array(z.object({ id: z.string(), method: z.string(), status: z.string(), amount: z.number(), fee: z.number(), hasProof: z.boolean() }).loose()),
  refunds: z.array(z.object({ id: z.string(), reference: z.string(), amount: z.number(), reason: z.string() }).loose()),
  ledgerEntryIds: z.array(z.string())
}).loose();
const ZBinary = z.any().describe('file');
const ZSlug = z.object({ slug: z.string().min(1).max(64) });
const ZTokenParams = ZSlug.extend({ token: z.string().min(1).max(100) });
const ZOrderParams = ZCoopParams.extend({ orderId: z.uuid() });
const ZPaymentParams = ZOrderParams.extend({ paymentId: z.uuid() });
const ZMemberParams = ZCoopParams.extend({ memberId: z.uuid() });
const ZCheckoutResult = z.object({ orderId: z.string(), orderNo: z.string(), token: z.string(), status: z.string(), total: z.number(), expiresAt: z.string().nullable(), buyerKind: z.string() });
const ZProofBody = z.object({ mime: z.string().max(40), data: z.string().max(3_000_000).describe('base64'), payerName: z.string().max(200).optional(), reference: z.string().max(200).optional() });

export async function orderRoutes(api: App): Promise<void> {
  /* ---------------------------------------------------------------- public (buyers) */
  api.post(
    '/public/coops/:slug/checkout',
    { schema: { tags, summary: 'Checkout: membuat pesanan (menunggu pembayaran); harga ditentukan server, stok dipesan', params: ZSlug, body: ZCheckoutRequest, response: { 201: ZCheckoutResult, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await checkout(req.ctx, req.params.slug, req.body))
  );
  api.post(
    '/public/coops/:slug/cart/quote',
    { schema: { tags, summary: 'Harga keranjang persis seperti checkout (tanpa menulis)', params: ZSlug, body: z.object({ lines: z.array(z.any()) }), response: { 200: ZView, ...errorResponses } } },
    async (req) => quoteCart(req.ctx, req.params.slug, req.body)
  );
  api.get(
    '/public/coops/:slug/orders/:token',
    { schema: { tags, summary: 'Status pesanan untuk pembeli (token rahasia), dengan QRIS dinamis nominal tepat', params: ZTokenParams, response: { 200: ZBuyerOrder, ...errorResponses } } },
    async (req) => getOrderForBuyer(req.ctx, req.params.slug, { token: req.params.token })
  );
  api.post(
    '/public/coops/:slug/orders/:token/cancel',
    { schema: { tags, summary: 'Pembeli membatalkan pesanan yang belum dibayar', params: ZTokenParams, response: { 200: ZBuyerOrder, ...errorResponses } } },
    async (req) => cancelOwnOrder(req.ctx, req.params.slug, { token: req.params.token })
  );
  api.post(
    '/public/coops/:slug/orders/:token/transfer-proof',
    { bodyLimit: 4 * 1024 * 1024, schema: { tags, summary: 'Unggah bukti transfer (gambar base64, ≤ 2 MB)', params: ZTokenParams, body: ZProofBody, response: { 201: z.object({ paymentId: z.string() }), ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await submitTransferProof(req.ctx, req.params.slug, { token: req.params.token }, req.body))
  );
  api.get(
    '/public/coops/:slug/orders/:token/invoice.pdf',
    { schema: { tags, summary: 'Faktur/kuitansi pesanan (PDF)', params: ZTokenParams, response: { 200: ZBinary, ...errorResponses } } },
    async (req, reply) => {
      const out = await buyerInvoicePdf(req.ctx, req.params.slug, { token: req.params.token });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${out.filename}"`).send(out.pdf);
    }
  );

  /* ---------------------------------------------------------------- board */
  const base = '/coops/:coopId';
  api.get(`${base}/orders`, { schema: { tags, summary: 'Daftar pesanan (saring status, lunas, anggota/non-anggota, cara bayar, cari)', params: ZCoopParams, querystring: ZListOrdersRequest, response: { 200: ZView, ...errorResponses } } }, async (req) =>
    listOrders(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query)
  );
  api.get(`${base}/orders/awaiting-confirmation`, { schema: { tags, summary: 'Pembayaran yang menunggu konfirmasi bendahara', params: ZCoopParams, response: { 200: ZView, ...errorResponses } } }, async (req) => ({
    items: await listPaymentsAwaitingConfirmation(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.get(`${base}/orders/collections`, { schema: { tags, summary: 'Uang terkumpul per hari, cara bayar dan petugas (rekonsiliasi kas/bank): bruto, MDR, neto', params: ZCoopParams, querystring: ZCollectionsRequest, response: { 200: ZView, ...errorResponses } } }, async (req) => ({
    items: await listCollections(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query)
  }));
  api.get(`${base}/orders/settings`, { schema: { tags, summary: 'Pengaturan toko: PPN, batas waktu bayar, komisi per lini, MDR', params: ZCoopParams, response: { 200: ZView, ...errorResponses } } }, async (req) =>
    getOrderSettings(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );
  api.put(`${base}/orders/settings`, { schema: { tags, summary: 'Menyimpan pengaturan toko (ketua/bendahara)', params: ZCoopParams, body: ZOrderSettingsRequest, response: { 200: ZView, ...errorResponses } } }, async (req) =>
    saveOrderSettings(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );
  api.get(`${base}/orders/:orderId`, { schema: { tags, summary: 'Satu pesanan: baris, riwayat, pembayaran, pembagian uang, faktur', params: ZOrderParams, response: { 200: ZBoardOrder, ...errorResponses } } }, async (req) =>
    getOrder(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId)
  );
  api.post(`${base}/orders/:orderId/confirm-payment`, { schema: { tags, summary: 'Bendahara mengonfirmasi uang diterima (jumlah harus sama dengan total)', params: ZOrderParams, body: ZConfirmPaymentRequest, response: { 200: ZBoardOrder, ...errorResponses } } }, async (req) =>
    confirmPayment(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId, req.body)
  );
  api.post(`${base}/orders/:orderId/fulfil`, { schema: { tags, summary: 'Pesanan diserahkan/dikirim', params: ZOrderParams, body: ZFulfilRequest.optional(), response: { 200: ZBoardOrder, ...errorResponses } } }, async (req) =>
    markFulfilled(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId, req.body ?? {})
  );
  api.post(`${base}/orders/:orderId/cancel`, { schema: { tags, summary: 'Membatalkan pesanan (yang sudah dibayar: dana dikembalikan penuh + stok kembali)', params: ZOrderParams, body: ZReasonRequest, response: { 200: ZBoardOrder, ...errorResponses } } }, async (req) =>
    cancelOrder(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId, req.body)
  );
  api.post(`${base}/orders/:orderId/refund`, { schema: { tags, summary: 'Pengembalian dana penuh atau sebagian (referensi = kunci idempotensi)', params: ZOrderParams, body: ZRefundRequest, response: { 200: ZBoardOrder, ...errorResponses } } }, async (req) =>
    refundOrder(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId, req.body)
  );
  api.get(`${base}/orders/:orderId/payments/:paymentId/proof`, { schema: { tags, summary: 'Gambar bukti transfer', params: ZPaymentParams, response: { 200: ZBinary, ...errorResponses } } }, async (req, reply) => {
    const out = await getTransferProof(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId, req.params.paymentId);
    return reply.header('content-type', out.mime).send(out.data);
  });
  api.post(`${base}/orders/:orderId/payments/:paymentId/reject`, { schema: { tags, summary: 'Menolak bukti transfer', params: ZPaymentParams, body: ZReasonRequest, response: { 200: ZBoardOrder, ...errorResponses } } }, async (req) =>
    rejectTransferProof(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId, req.params.paymentId, req.body)
  );
  api.post(`${base}/orders/:orderId/invoice-correction`, { schema: { tags, summary: 'Faktur pengganti (nomor baru yang merujuk faktur lama; faktur lama tidak berubah)', params: ZOrderParams, body: ZCorrectInvoiceRequest, response: { 200: ZBoardOrder, ...errorResponses } } }, async (req) =>
    correctInvoice(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId, req.body)
  );
  api.get(`${base}/orders/:orderId/invoice.pdf`, { schema: { tags, summary: 'Faktur pesanan (PDF, terbilang)', params: ZOrderParams, querystring: z.object({ no: z.string().max(40).optional() }), response: { 200: ZBinary, ...errorResponses } } }, async (req, reply) => {
    const out = await invoicePdf(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.orderId, req.query.no);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${out.filename}"`).send(out.pdf);
  });

  /* ---------------------------------------------------------------- producers and payouts */
  api.get(`${base}/producers/balances`, { schema: { tags: ['payouts'], summary: 'Saldo setiap produsen anggota (dari buku besar)', params: ZCoopParams, response: { 200: ZView, ...errorResponses } } }, async (req) => ({
    items: await listProducerBalances(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.get(`${base}/producers/:memberId/balance`, { schema: { tags: ['payouts'], summary: 'Saldo dan mutasi satu produsen', params: ZMemberParams, response: { 200: ZView, ...errorResponses } } }, async (req) =>
    producerBalance(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId)
  );
  api.post(`${base}/producers/:memberId/payouts`, { schema: { tags: ['payouts'], summary: 'Membayar produsen (tidak melebihi saldo; idempoten per referensi)', params: ZMemberParams, body: ZPayoutRequest, response: { 200: ZView, 201: ZView, ...errorResponses } } }, async (req, reply) => {
    const r = await requestPayout(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, req.body);
    return reply.status(r.created ? 201 : 200).send(r);
  });
  api.get(`${base}/payouts`, { schema: { tags: ['payouts'], summary: 'Daftar pembayaran ke produsen', params: ZCoopParams, response: { 200: ZView, ...errorResponses } } }, async (req) => ({
    items: await listPayouts(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.get(`${base}/my-sales`, { schema: { tags: ['payouts'], summary: 'Penjualan karya saya, saldo dan pembayaran saya', params: ZCoopParams, response: { 200: ZView, ...errorResponses } } }, async (req) =>
    getMySales(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );
}
