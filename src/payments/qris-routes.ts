import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { ZSaveQrisSettingsRequest } from './qris-settings.js';
import { getQrisSettings } from './qris-get-settings.js';
import { saveQrisSettings } from './qris-save-settings.js';

const ZQrisSettings = z.object({ staticPayload: z.string(), merchantName: z.string(), merchantCity: z.string(), updatedAt: z.string() });

export async function qrisRoutes(api: App): Promise<void> {
  api.get(
    '/coops/:coopId/payments/qris',
    { schema: { tags: ['payments'], summary: 'QRIS statis koperasi yang tersimpan (ketua/bendahara)', params: ZCoopParams, response: { 200: z.object({ settings: ZQrisSettings.nullable() }), ...errorResponses } } },
    async (req) => ({ settings: await getQrisSettings(await enterCoop(req.ctx, req.auth, req.params.coopId)) })
  );

  api.put(
    '/coops/:coopId/payments/qris',
    {
      schema: {
        tags: ['payments'],
        summary: 'Menyimpan QRIS statis koperasi (diperiksa: TLV EMVCo, CRC-16 tag 63, statis, rupiah, Indonesia)',
        params: ZCoopParams,
        body: ZSaveQrisSettingsRequest,
        response: { 200: ZQrisSettings, ...errorResponses }
      }
    },
    async (req) => saveQrisSettings(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );
}
