import { z } from 'zod';
import type { App } from '../../server/types.js';
import { errorResponses, ZCoopParams } from '../../server/schemas.js';
import { enterCoop } from '../../server/tenant-context.js';
import { handleNotification } from './handle-notification.js';
import { getProviderSettings, saveProviderSettings } from './settings.js';
import { listReconciliation, resolveReconciliation } from './reconciliation.js';

const ZSettings = z.object({ provider: z.literal('midtrans'), configured: z.boolean(), enabled: z.boolean(), serverKeyHint: z.string().nullable(), notificationUrl: z.string() });
const ZItem = z.object({
  id: z.string(),
  provider: z.string(),
  orderNo: z.string(),
  reason: z.enum(['amount_mismatch', 'unknown_order', 'order_not_payable']),
  expectedAmount: z.number().nullable(),
  receivedAmount: z.number(),
  status: z.enum(['open', 'resolved']),
  resolutionNote: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable()
});

export async function paymentProviderRoutes(api: App): Promise<void> {
  api.post(
    '/public/payments/:provider/:coopSlug',
    {
      schema: {
        tags: ['payments'],
        summary: 'Notifikasi HTTP gerbang pembayaran (Midtrans): tanda tangan diperiksa (salah → 401), idempoten per transaksi+status; jumlah berbeda → antrean rekonsiliasi',
        params: z.object({ provider: z.enum(['midtrans']), coopSlug: z.string().min(1).max(64) }),
        body: z.record(z.string(), z.unknown()),
        response: { 200: z.object({ outcome: z.string() }), ...errorResponses }
      }
    },
    async (req) => handleNotification(req.ctx, req.params.provider, req.params.coopSlug, req.body)
  );
  api.get(
    '/coops/:coopId/payments/providers/midtrans',
    { schema: { tags: ['payments'], summary: 'Pengaturan Midtrans (server key hanya ditampilkan 4 huruf terakhir)', params: ZCoopParams, response: { 200: ZSettings, ...errorResponses } } },
    async (req) => getProviderSettings(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );
  api.put(
    '/coops/:coopId/payments/providers/midtrans',
    {
      schema: {
        tags: ['payments'],
        summary: 'Menyimpan server key Midtrans dan menyalakan/mematikan gerbang',
        params: ZCoopParams,
        body: z.object({ serverKey: z.string().optional(), enabled: z.boolean().optional() }),
        response: { 200: ZSettings, ...errorResponses }
      }
    },
    async (req) => saveProviderSettings(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );
  api.get(
    '/coops/:coopId/payments/reconciliation',
    {
      schema: {
        tags: ['payments'],
        summary: 'Antrean rekonsiliasi: pembayaran gerbang yang tidak menandai pesanan lunas',
        params: ZCoopParams,
        querystring: z.object({ status: z.enum(['open', 'resolved', 'all']).optional() }),
        response: { 200: z.object({ items: z.array(ZItem) }), ...errorResponses }
      }
    },
    async (req) => ({ items: await listReconciliation(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query) })
  );
  api.post(
    '/coops/:coopId/payments/reconciliation/:itemId/resolve',
    {
      schema: {
        tags: ['payments'],
        summary: 'Menandai butir rekonsiliasi selesai dengan catatan',
        params: ZCoopParams.extend({ itemId: z.uuid() }),
        body: z.object({ note: z.string() }),
        response: { 200: z.object({ id: z.string(), status: z.literal('resolved') }), ...errorResponses }
      }
    },
    async (req) => resolveReconciliation(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.itemId, req.body)
  );
}
