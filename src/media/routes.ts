import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { MAX_IMAGE_BYTES } from './model.js';
import { deleteWorkImage, editWorkImage, listWorkImages, serveMedia, uploadWorkImage } from './work-images.js';

const ZPicture = z.object({ alt: z.string(), width: z.number(), height: z.number(), webp: z.string(), jpeg: z.string(), src: z.string(), full: z.string() });
const ZImage = z.object({ id: z.string(), position: z.number(), alt: z.string(), variantId: z.string().nullable(), width: z.number(), height: z.number(), picture: ZPicture.nullable() });
const ZWorkParams = ZCoopParams.extend({ workId: z.uuid() });
const ZImageParams = ZWorkParams.extend({ imageId: z.uuid() });

export async function mediaRoutes(api: App): Promise<void> {
  await api.register(async (scope) => {
    const r = scope as unknown as App;
    // The photo is the raw request body (image/*, any other non-JSON type is refused by its bytes, not its name).
    // Parsed up to twice the limit so that a photo a little too big gets the clear 413 of the use case.
    r.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 2 * MAX_IMAGE_BYTES }, (_req, body, done) => done(null, body));

    r.post(
      '/coops/:coopId/works/:workId/images',
      {
        schema: {
          tags: ['media'],
          summary: 'Menambah foto karya: isi permintaan = berkas mentah (JPEG/PNG/WebP/HEIC, ≤ 9 MB), keterangan (alt) wajib; EXIF dihapus, varian thumb/card/full × WebP/JPEG',
          params: ZWorkParams,
          querystring: z.object({ alt: z.string().max(400).optional(), variantId: z.string().max(64).optional() }),
          response: { 201: ZImage, ...errorResponses }
        }
      },
      async (req, reply) =>
        reply.status(201).send(
          await uploadWorkImage(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId, {
            data: Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0),
            alt: req.query.alt ?? '',
            variantId: req.query.variantId
          })
        )
    );
    r.get(
      '/coops/:coopId/works/:workId/images',
      { schema: { tags: ['media'], summary: 'Foto karya, urut (yang pertama sampul)', params: ZWorkParams, response: { 200: z.object({ items: z.array(ZImage) }), ...errorResponses } } },
      async (req) => ({ items: await listWorkImages(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId) })
    );
    r.patch(
      '/coops/:coopId/works/:workId/images/:imageId',
      {
        schema: {
          tags: ['media'],
          summary: 'Mengubah keterangan foto, menjadikannya sampul, atau memindah urutannya',
          params: ZImageParams,
          body: z.object({ alt: z.string().max(400).optional(), position: z.number().int().optional(), cover: z.boolean().optional() }),
          response: { 200: z.object({ items: z.array(ZImage) }), ...errorResponses }
        }
      },
      async (req) => ({ items: await editWorkImage(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId, req.params.imageId, req.body) })
    );
    r.delete(
      '/coops/:coopId/works/:workId/images/:imageId',
      { schema: { tags: ['media'], summary: 'Menghapus foto karya', params: ZImageParams, response: { 204: z.null(), ...errorResponses } } },
      async (req, reply) => {
        await deleteWorkImage(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId, req.params.imageId);
        return reply.status(204).send(null);
      }
    );

    r.get(
      '/public/coops/:slug/media/:file',
      {
        schema: {
          tags: ['media'],
          summary: 'Satu varian foto (alamat = SHA-256 isinya, tidak berubah): cache 1 tahun, ETag',
          params: z.object({ slug: z.string().min(1).max(64), file: z.string().min(1).max(80) })
        }
      },
      async (req, reply) => {
        const m = await serveMedia(req.ctx, req.params.slug, req.params.file);
        const etag = `"${m.sha256}"`;
        reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag).header('cross-origin-resource-policy', 'cross-origin');
        if (req.headers['if-none-match'] === etag) return reply.status(304).send();
        return reply.header('content-type', m.contentType).send(m.data);
      }
    );
  });
}
