import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams, ZErrorResponse } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { dispositionName, MAX_FILE_BYTES } from './model.js';
import { listWorkFiles, uploadWorkFile } from './upload-work-file.js';
import { getEntitlement, serveDownload, servePreview } from './serve-download.js';

const ZFileView = z.object({ kind: z.enum(['download', 'preview']), filename: z.string(), contentType: z.string(), byteSize: z.number(), sha256: z.string(), licenceTerms: z.string(), uploadedAt: z.string() });
const ZFileParams = ZCoopParams.extend({ workId: z.uuid(), kind: z.string().max(64).describe('download | preview') });

export async function downloadsRoutes(api: App): Promise<void> {
  await api.register(async (scope) => {
    const r = scope as unknown as App;
    // The file is the raw request body (any content type other than JSON): no base64 blow-up.
    r.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES + 1024 }, (_req, body, done) => done(null, body));

    r.put(
      '/coops/:coopId/works/:workId/files/:kind',
      {
        schema: {
          tags: ['downloads'],
          summary: 'Mengunggah berkas unduhan (download) atau cuplikan publik (preview) karya Suara/Aksara: isi permintaan = berkas mentah, Content-Type = jenisnya',
          params: ZFileParams,
          querystring: z.object({ filename: z.string().max(200).optional(), licenceTerms: z.string().max(4000).optional() }),
          response: { 200: ZFileView, ...errorResponses }
        }
      },
      async (req) =>
        uploadWorkFile(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId, {
          kind: req.params.kind as 'download' | 'preview',
          filename: req.query.filename ?? '',
          licenceTerms: req.query.licenceTerms,
          contentType: String(req.headers['content-type'] ?? ''),
          data: Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0)
        })
    );
    r.get(
      '/coops/:coopId/works/:workId/files',
      { schema: { tags: ['downloads'], summary: 'Berkas unduhan dan cuplikan sebuah karya', params: ZCoopParams.extend({ workId: z.uuid() }), response: { 200: z.object({ items: z.array(ZFileView) }), ...errorResponses } } },
      async (req) => ({ items: await listWorkFiles(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId) })
    );

    r.get(
      '/public/coops/:slug/downloads/:token',
      {
        schema: {
          tags: ['downloads'],
          summary: 'Mengunduh berkas lewat tautan bertanda tangan (HMAC) yang kedaluwarsa: dipalsukan → 403, kedaluwarsa → 410',
          params: z.object({ slug: z.string().min(1).max(64), token: z.string().min(1).max(200) }),
          response: { ...errorResponses, 410: ZErrorResponse }
        }
      },
      async (req, reply) => {
        const f = await serveDownload(req.ctx, req.params.slug, req.params.token);
        return reply.header('content-type', f.contentType).header('content-disposition', dispositionName(f.filename)).header('cache-control', 'private, no-store').send(f.data as never);
      }
    );
    r.get(
      '/public/coops/:slug/store/:workSlug/preview',
      { schema: { tags: ['downloads'], summary: 'Cuplikan publik sebuah karya terbit', params: z.object({ slug: z.string().min(1).max(64), workSlug: z.string().min(1).max(80) }), response: { ...errorResponses } } },
      async (req, reply) => {
        const f = await servePreview(req.ctx, req.params.slug, req.params.workSlug);
        return reply.header('content-type', f.contentType).header('content-disposition', `inline; filename="${f.filename.replace(/[^A-Za-z0-9._ -]/g, '_')}"`).send(f.data as never);
      }
    );
    r.get(
      '/public/coops/:slug/entitlements/:access',
      {
        schema: {
          tags: ['downloads'],
          summary: 'Halaman hak unduh pembeli (token dari email): tautan unduhan baru setiap kali dibuka',
          params: z.object({ slug: z.string().min(1).max(64), access: z.string().min(1).max(100) }),
          response: {
            200: z.object({
              coop: z.object({ slug: z.string(), name: z.string() }),
              title: z.string(),
              productLine: z.string(),
              filename: z.string(),
              byteSize: z.number(),
              licenceTerms: z.string(),
              revoked: z.boolean(),
              downloadCount: z.number(),
              link: z.object({ url: z.string(), expiresAt: z.string() }).nullable()
            }),
            ...errorResponses
          }
        }
      },
      async (req) => getEntitlement(req.ctx, req.params.slug, req.params.access)
    );
  });
}
