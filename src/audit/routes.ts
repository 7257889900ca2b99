import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { listAuditLog } from './list-audit-log.js';

const ZAuditQuery = z.object({
  entity: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  actorAccountId: z.string().max(36).optional(),
  from: z.string().max(10).optional().describe('YYYY-MM-DD (Asia/Jakarta), inclusive'),
  to: z.string().max(10).optional().describe('YYYY-MM-DD (Asia/Jakarta), inclusive'),
  page: z.string().max(7).optional(),
  pageSize: z.string().max(3).optional()
});

const ZAuditPage = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actor: z.object({ accountId: z.string(), name: z.string().nullable() }).nullable(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown()
    })
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  pages: z.number()
});

export async function auditRoutes(api: App): Promise<void> {
  api.get(
    '/coops/:coopId/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'Jejak audit koperasi (siapa, kapan, sebelum, sesudah), terbaru dulu; saring menurut entitas, pelaku, tanggal',
        params: ZCoopParams,
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage, ...errorResponses }
      }
    },
    async (req) => listAuditLog(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query)
  );
}
