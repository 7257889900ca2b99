import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../server/types.js';
import { enterCoop } from '../server/tenant-context.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { AppError } from '../kernel/errors.js';
import { ZMemberView } from './routes.js';
import { getMemberPersonalData, getOwnPersonalData, personalDataPdf, type PersonalData } from './get-personal-data.js';
import { getErasureRequest, recordErasureRequest, requestOwnErasure, ZOfficerErasureRequest, ZOwnErasureRequest } from './request-erasure.js';
import { eraseMemberData, ZEraseRequest } from './erase-member-data.js';

/*
 * Personal data routes (UU 27/2022, decision 0106): a person's own data and erasure request
 * under /me (a session of the account linked to the record; no role needed, so a leaver can
 * still use them), and the officers' side under /members/:memberId.
 */

const ZMemberParams = ZCoopParams.extend({ memberId: z.uuid() });
const ZBinary = z.any().describe('file');
const ZPersonalData = z.record(z.string(), z.unknown()).describe('lumbung.personal-data.v1: member, account, statusHistory, membershipPeriods, capital, businessVolume, shu, orders, payouts, governance, events, workCredits, productionWork, invitations, erasureRequest, auditLines');
const ZErasureRequestView = z.object({
  memberId: z.string(),
  requestedVia: z.enum(['member', 'officer']),
  requestedAt: z.string(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'done']),
  doneAt: z.string().nullable(),
  reason: z.string().nullable()
});

/** The signed-in person (a session, not an API token: a token belongs to an integration, not to a person). */
function ownCtx(req: FastifyRequest, coopId: string) {
  if (!req.auth) throw new AppError('UNAUTHENTICATED');
  if (req.auth.kind !== 'session') throw new AppError('FORBIDDEN');
  return { ...req.ctx, actor: req.auth.actor, coopId };
}

function filename(data: PersonalData, ext: string): string {
  return `data-pribadi-${data.coop.slug}-${data.member.memberNo === null ? data.member.id.slice(0, 8) : String(data.member.memberNo).padStart(4, '0')}.${ext}`;
}

async function sendPdf(reply: FastifyReply, data: PersonalData, locale: Parameters<typeof personalDataPdf>[1]) {
  const pdf = await personalDataPdf(data, locale);
  return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${filename(data, 'pdf')}"`).header('cache-control', 'no-store').send(pdf);
}

export async function privacyRoutes(api: App): Promise<void> {
  const tags = ['personal data'];
  api.get(
    '/coops/:coopId/me/personal-data.json',
    { schema: { tags, summary: 'Semua data tentang saya di koperasi ini (JSON), juga setelah keluar; sesi akun yang terhubung dengan data anggota', params: ZCoopParams, response: { 200: ZPersonalData, ...errorResponses } } },
    async (req, reply) => {
      const data = await getOwnPersonalData(ownCtx(req, req.params.coopId));
      return reply.header('content-disposition', `attachment; filename="${filename(data, 'json')}"`).header('cache-control', 'no-store').send(data);
    }
  );
  api.get(
    '/coops/:coopId/me/personal-data.pdf',
    { schema: { tags, summary: 'Semua data tentang saya di koperasi ini (PDF)', params: ZCoopParams, response: { 200: ZBinary, ...errorResponses } } },
    async (req, reply) => sendPdf(reply, await getOwnPersonalData(ownCtx(req, req.params.coopId)), req.ctx.locale)
  );
  api.post(
    '/coops/:coopId/me/erasure-request',
    {
      schema: {
        tags,
        summary: 'Minta penghapusan data pribadi saya (hanya setelah keluar/diberhentikan/ditolak); dilaksanakan ketua/sekretaris',
        params: ZCoopParams,
        body: ZOwnErasureRequest.optional(),
        response: { 200: ZErasureRequestView, ...errorResponses }
      }
    },
    async (req) => requestOwnErasure(ownCtx(req, req.params.coopId), req.body ?? {})
  );

  const base = '/coops/:coopId/members/:memberId';
  api.get(
    `${base}/personal-data.json`,
    { schema: { tags, summary: 'Semua data satu anggota (ketua/sekretaris, atas permintaan anggota; dicatat di log audit)', params: ZMemberParams, response: { 200: ZPersonalData, ...errorResponses } } },
    async (req, reply) => {
      const data = await getMemberPersonalData(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId);
      return reply.header('content-disposition', `attachment; filename="${filename(data, 'json')}"`).header('cache-control', 'no-store').send(data);
    }
  );
  api.get(
    `${base}/personal-data.pdf`,
    { schema: { tags, summary: 'Semua data satu anggota (PDF; ketua/sekretaris; dicatat di log audit)', params: ZMemberParams, response: { 200: ZBinary, ...errorResponses } } },
    async (req, reply) => {
      const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
      return sendPdf(reply, await getMemberPersonalData(ctx, req.params.memberId), ctx.locale);
    }
  );
  api.get(
    `${base}/erasure-request`,
    { schema: { tags, summary: 'Permintaan penghapusan data anggota, bila ada (ketua/sekretaris)', params: ZMemberParams, response: { 200: ZErasureRequestView.nullable(), ...errorResponses } } },
    async (req) => getErasureRequest(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId)
  );
  api.post(
    `${base}/erasure-request`,
    {
      schema: { tags, summary: 'Catat permintaan penghapusan yang diterima dari mantan anggota (ketua/sekretaris; note: bagaimana diterima)', params: ZMemberParams, body: ZOfficerErasureRequest, response: { 200: ZErasureRequestView, ...errorResponses } }
    },
    async (req) => recordErasureRequest(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, req.body)
  );
  api.post(
    `${base}/erase`,
    {
      schema: {
        tags,
        summary:
          'Laksanakan penghapusan data pribadi mantan anggota (ketua/sekretaris, alasan wajib): nama → nama samaran, NIK/tanggal lahir/alamat/HP/surel dihapus, akun dilepas; nomor anggota dan pembukuan tetap. Ditolak bila masih ada kewajiban terbuka',
        params: ZMemberParams,
        body: ZEraseRequest,
        response: { 200: z.object({ member: ZMemberView, pseudonym: z.string(), changed: z.record(z.string(), z.number()), journalEntriesKeepingName: z.number().int() }), ...errorResponses }
      }
    },
    async (req) => eraseMemberData(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, req.body)
  );
}
