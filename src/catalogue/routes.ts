import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { MAX_CREATORS, PRODUCT_LINES, WORK_STATUSES, ZCreator as ZCreatorInput, ZListWorksRequest, ZStorefrontRequest, ZWorkRequest } from './model.js';
import { createWork } from './create-work.js';
import { updateWork } from './update-work.js';
import { publishWork } from './publish-work.js';
import { archiveWork } from './archive-work.js';
import { setWorkCreators } from './set-work-creators.js';
import { getWork } from './get-work.js';
import { listWorks } from './list-works.js';
import { browseStorefront } from './browse-storefront.js';
import { getStoreWork } from './get-store-work.js';

const ZCreator = z.object({ memberId: z.string(), creditName: z.string(), shareBp: z.number() });
const ZEventOut = z.object({ startsAt: z.string(), venue: z.string(), capacity: z.number() });
const ZPrice = z.object({ amount: z.number().describe('whole rupiah'), kind: z.enum(['member', 'public']) });

const ZWork = z.object({
  id: z.string(),
  productLine: z.enum(PRODUCT_LINES),
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  publicPrice: z.number(),
  memberPrice: z.number().nullable(),
  status: z.enum(WORK_STATUSES),
  publishedAt: z.string().nullable(),
  event: ZEventOut.nullable(),
  variants: z.array(z.object({ id: z.string(), size: z.string(), colour: z.string(), sku: z.string(), stock: z.number() })),
  creators: z.array(ZCreator),
  createdAt: z.string(),
  updatedAt: z.string()
});

const ZWorkList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      productLine: z.enum(PRODUCT_LINES),
      title: z.string(),
      slug: z.string(),
      status: z.enum(WORK_STATUSES),
      publicPrice: z.number(),
      memberPrice: z.number().nullable(),
      creators: z.array(z.string()),
      sharesBp: z.number(),
      updatedAt: z.string()
    })
  ),
  total: z.number(),
  page: z.number(),
  pages: z.number(),
  pageSize: z.number()
});

const ZStoreCoop = z.object({ slug: z.string(), name: z.string() });
const ZPicture = z.object({ alt: z.string(), width: z.number(), height: z.number(), webp: z.string(), jpeg: z.string(), src: z.string(), full: z.string() });
const ZStorePage = z.object({
  coop: ZStoreCoop,
  items: z.array(
    z.object({
      slug: z.string(),
      productLine: z.enum(PRODUCT_LINES),
      title: z.string(),
      excerpt: z.string(),
      price: ZPrice,
      creators: z.array(z.string()),
      startsAt: z.string().nullable(),
      stock: z.number().nullable(),
      cover: ZPicture.nullable()
    })
  ),
  total: z.number(),
  page: z.number(),
  pages: z.number(),
  pageSize: z.number(),
  viewerIsMember: z.boolean()
});
const ZStoreWork = z.object({
  coop: ZStoreCoop,
  slug: z.string(),
  productLine: z.enum(PRODUCT_LINES),
  title: z.string(),
  description: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  price: ZPrice,
  publicPrice: z.number(),
  creators: z.array(z.string()),
  variants: z.array(z.object({ size: z.string(), colour: z.string(), stock: z.number() })),
  event: ZEventOut.nullable(),
  viewerIsMember: z.boolean(),
  images: z.array(ZPicture.extend({ variant: z.string().nullable() })),
  seats: z.object({ left: z.number(), freeRegistration: z.boolean() }).nullable(),
  preview: z.object({ kind: z.enum(['audio', 'document']), url: z.string(), contentType: z.string() }).nullable()
});

const ZWorkParams = ZCoopParams.extend({ workId: z.uuid() });

/**
 * The shape of the creators body. The rule that the shares sum to 10,000 is checked by the
 * use case (ZSetCreatorsRequest), after the tenant is entered: someone of another cooperative
 * learns nothing from a validation message.
 */
const ZSetCreatorsBody = z.strictObject({ creators: z.array(ZCreatorInput).min(1).max(MAX_CREATORS) });
const ZSlugParams = z.object({ slug: z.string().min(1).max(64) });

export async function catalogueRoutes(api: App): Promise<void> {
  api.get(
    '/coops/:coopId/works',
    { schema: { tags: ['catalogue'], summary: 'Daftar karya koperasi untuk pengurus (semua status; cari, saring lini/status)', params: ZCoopParams, querystring: ZListWorksRequest, response: { 200: ZWorkList, ...errorResponses } } },
    async (req) => listWorks(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query)
  );

  api.post(
    '/coops/:coopId/works',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Menambah karya (draf) di salah satu lini: suara, rupa, aksara, busana (varian), agenda (acara); pencipta opsional, bagian Σ = 10.000 bp',
        params: ZCoopParams,
        body: ZWorkRequest,
        response: { 201: ZWork, ...errorResponses }
      }
    },
    async (req, reply) => reply.status(201).send(await createWork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );

  api.get(
    '/coops/:coopId/works/:workId',
    { schema: { tags: ['catalogue'], summary: 'Satu karya dengan pencipta, bagian dan varian', params: ZWorkParams, response: { 200: ZWork, ...errorResponses } } },
    async (req) => getWork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId)
  );

  api.put(
    '/coops/:coopId/works/:workId',
    { schema: { tags: ['catalogue'], summary: 'Mengganti isi karya (lini produk tetap; slug tetap)', params: ZWorkParams, body: ZWorkRequest, response: { 200: ZWork, ...errorResponses } } },
    async (req) => updateWork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId, req.body)
  );

  api.put(
    '/coops/:coopId/works/:workId/creators',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Menetapkan pencipta karya (anggota aktif) dan bagiannya dalam basis poin, jumlah tepat 10.000',
        params: ZWorkParams,
        body: ZSetCreatorsBody,
        response: { 200: z.object({ creators: z.array(ZCreator) }), ...errorResponses }
      }
    },
    async (req) => ({ creators: await setWorkCreators(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId, req.body) })
  );

  api.post(
    '/coops/:coopId/works/:workId/publish',
    { schema: { tags: ['catalogue'], summary: 'Menerbitkan karya di toko (perlu pencipta dengan bagian 100%)', params: ZWorkParams, response: { 200: ZWork, ...errorResponses } } },
    async (req) => publishWork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId)
  );

  api.post(
    '/coops/:coopId/works/:workId/archive',
    { schema: { tags: ['catalogue'], summary: 'Mengarsipkan karya (turun dari toko)', params: ZWorkParams, response: { 200: ZWork, ...errorResponses } } },
    async (req) => archiveWork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId)
  );

  api.get(
    '/public/coops/:slug/store',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Toko publik koperasi: karya terbit, cari (teks penuh bahasa Indonesia), saring lini, halaman; harga anggota hanya untuk anggota aktif yang masuk',
        params: ZSlugParams,
        querystring: ZStorefrontRequest,
        response: { 200: ZStorePage, ...errorResponses }
      }
    },
    async (req) => browseStorefront(req.ctx, req.params.slug, req.query)
  );

  api.get(
    '/public/coops/:slug/store/:workSlug',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Halaman karya di toko publik, dengan harga untuk pengunjung',
        params: ZSlugParams.extend({ workSlug: z.string().min(1).max(80) }),
        response: { 200: ZStoreWork, ...errorResponses }
      }
    },
    async (req) => getStoreWork(req.ctx, req.params.slug, req.params.workSlug)
  );
}
