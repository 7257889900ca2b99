import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { COOP_TYPES, PRODUCT_LINES, ROLES, ZCreateApiTokenRequest, ZCreateCoopRequest, ZSetMemberRolesRequest, ZUpdateCoopRequest } from './model.js';
import { createCoop } from './create-coop.js';
import { updateCoop } from './update-coop.js';
import { getCoop } from './get-coop.js';
import { getPublicProfile } from './get-public-profile.js';
import { listCoopUsers } from './list-coop-users.js';
import { setMemberRoles } from './set-member-roles.js';
import { createApiToken } from './create-api-token.js';
import { listApiTokens } from './list-api-tokens.js';
import { revokeApiToken } from './revoke-api-token.js';

const ZCoop = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  coopType: z.enum(COOP_TYPES),
  legalNumber: z.string().nullable(),
  legalDate: z.string().nullable(),
  nikKoperasi: z.string().nullable(),
  provinceCode: z.string().nullable(),
  regencyCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  villageCode: z.string().nullable(),
  regionDataset: z.string().nullable(),
  street: z.string().nullable(),
  rt: z.number().nullable(),
  rw: z.number().nullable(),
  postalCode: z.string().nullable(),
  fiscalYearStartMonth: z.number(),
  productLines: z.array(z.enum(PRODUCT_LINES)),
  description: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isPublic: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string()
});

const ZPublicProfile = z.object({
  slug: z.string(),
  name: z.string(),
  coopType: z.enum(COOP_TYPES),
  region: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string().nullable() })),
  productLines: z.array(z.enum(PRODUCT_LINES)),
  description: z.string().nullable(),
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable() }),
  activeMembers: z.number(),
  since: z.string()
});

const ZCoopUser = z.object({
  accountId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  since: z.string()
});

const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable()
});

export async function coopRoutes(api: App): Promise<void> {
  api.post(
    '/coops',
    {
      schema: {
        tags: ['coops'],
        summary: 'Mendirikan koperasi baru di platform (administrator platform): data koperasi, ketua pertama, anggaran dasar awal',
        body: ZCreateCoopRequest,
        response: {
          201: z.object({ coop: ZCoop, ketua: z.object({ accountId: z.string(), created: z.boolean() }), charterTemplate: z.string() }),
          ...errorResponses
        }
      }
    },
    async (req, reply) => {
      const result = await createCoop(req.ctx, req.body);
      return reply.status(201).send(result);
    }
  );

  api.get(
    '/coops/:coopId',
    { schema: { tags: ['coops'], summary: 'Data koperasi (cooperative data)', params: ZCoopParams, response: { 200: ZCoop, ...errorResponses } } },
    async (req) => getCoop(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );

  api.patch(
    '/coops/:coopId',
    {
      schema: {
        tags: ['coops'],
        summary: 'Mengubah data koperasi (ketua/sekretaris); hanya isian yang dikirim yang berubah, null mengosongkan',
        params: ZCoopParams,
        body: ZUpdateCoopRequest,
        response: { 200: ZCoop, ...errorResponses }
      }
    },
    async (req) => updateCoop(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );

  api.get(
    '/public/coops/:slug',
    {
      schema: {
        tags: ['coops'],
        summary: 'Profil publik koperasi (tanpa masuk); hanya koperasi yang memilih tampil publik',
        params: z.object({ slug: z.string().min(1).max(64) }),
        response: { 200: ZPublicProfile, ...errorResponses }
      }
    },
    async (req) => getPublicProfile(req.ctx, req.params.slug)
  );

  api.get(
    '/coops/:coopId/users',
    {
      schema: { tags: ['roles'], summary: 'Akun dan peran di koperasi (pengurus, pengawas, staf, anggota)', params: ZCoopParams, response: { 200: z.array(ZCoopUser), ...errorResponses } }
    },
    async (req) => listCoopUsers(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );

  api.put(
    '/coops/:coopId/users',
    {
      schema: {
        tags: ['roles'],
        summary: 'Menetapkan seluruh peran satu akun (ketua); daftar kosong mengeluarkannya; koperasi selalu punya ketua',
        params: ZCoopParams,
        body: ZSetMemberRolesRequest,
        response: { 200: z.object({ accountId: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)) }), ...errorResponses }
      }
    },
    async (req) => setMemberRoles(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );

  api.get(
    '/coops/:coopId/api-tokens',
    { schema: { tags: ['api-tokens'], summary: 'Token API koperasi (tanpa rahasianya)', params: ZCoopParams, response: { 200: z.array(ZApiToken), ...errorResponses } } },
    async (req) => listApiTokens(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );

  api.post(
    '/coops/:coopId/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Membuat token API untuk integrasi; rahasia (lt_…) hanya ditampilkan sekali',
        params: ZCoopParams,
        body: ZCreateApiTokenRequest,
        response: { 201: z.object({ id: z.string(), name: z.string(), createdAt: z.string(), expiresAt: z.string().nullable(), secret: z.string() }), ...errorResponses }
      }
    },
    async (req, reply) => {
      const created = await createApiToken(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body);
      return reply.status(201).send(created);
    }
  );

  api.delete(
    '/coops/:coopId/api-tokens/:tokenId',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Mencabut token API',
        params: ZCoopParams.extend({ tokenId: z.uuid() }),
        response: { 200: z.object({ id: z.string(), revokedAt: z.string() }), ...errorResponses }
      }
    },
    async (req) => revokeApiToken(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.tokenId)
  );
}
