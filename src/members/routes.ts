import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../server/types.js';
import { enterCoop } from '../server/tenant-context.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { AppError } from '../kernel/errors.js';
import { addMember } from './add-member.js';
import { applyForMembership } from './apply-for-membership.js';
import { approveMember } from './approve-member.js';
import { expelMember } from './expel-member.js';
import { exportMembers, ZExportMembersRequest } from './export-members.js';
import { getMember } from './get-member.js';
import { getMemberHistory } from './get-member-history.js';
import { getMemberPeriods } from './get-member-periods.js';
import { importMembers } from './import-members.js';
import { listMembers, ZListMembersRequest } from './list-members.js';
import { memberCardPdf, memberCardPng } from './member-card.js';
import { MEMBER_STATUSES, ZApproveRequest, ZMemberRequest, ZMemberUpdateRequest, ZReasonRequest, ZRejoinRequest, ZRequiredReasonRequest } from './model.js';
import { reinstateMember } from './reinstate-member.js';
import { rejectApplication } from './reject-application.js';
import { rejoinMember } from './rejoin-member.js';
import { resignMember } from './resign-member.js';
import { suspendMember } from './suspend-member.js';
import { updateMember } from './update-member.js';
import { inviteMember, ZInviteRequest } from './invite-member.js';
import { getInvitation } from './get-invitation.js';
import { acceptInvitation } from './accept-invitation.js';

const statuses = MEMBER_STATUSES as [string, ...string[]];

export const ZMemberView = z.object({
  id: z.string(),
  memberNo: z.number().int().nullable(),
  accountId: z.string().nullable(),
  status: z.enum(statuses),
  fullName: z.string(),
  gender: z.enum(['F', 'M']),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  isYouth: z.boolean(),
  nik: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  street: z.string().nullable(),
  villageCode: z.string().nullable(),
  rt: z.number().int().nullable(),
  rw: z.number().int().nullable(),
  householdCode: z.string().nullable(),
  occupation: z.string().nullable(),
  skills: z.array(z.string()),
  civilSocietyGroup: z.string().nullable(),
  isWellOff: z.boolean(),
  receivesStateAid: z.boolean(),
  appliedAt: z.string(),
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  updatedAt: z.string()
});

const ZMemberList = z.object({ items: z.array(ZMemberView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), pages: z.number().int() });
const ZHistory = z.array(
  z.object({
    id: z.number().int(),
    fromStatus: z.enum(statuses).nullable(),
    toStatus: z.enum(statuses),
    reason: z.string().nullable(),
    at: z.string(),
    actorAccountId: z.string().nullable(),
    actorName: z.string().nullable()
  })
);
const ZPeriods = z.array(
  z.object({
    periodNo: z.number().int(),
    memberNo: z.number().int().nullable(),
    appliedAt: z.string(),
    joinedOn: z.string().nullable(),
    leftOn: z.string().nullable(),
    outcome: z.enum(['resigned', 'expelled', 'rejected']).nullable(),
    latest: z.boolean(),
    details: ZMemberView.pick({
      fullName: true,
      gender: true,
      birthDate: true,
      nik: true,
      phone: true,
      email: true,
      street: true,
      villageCode: true,
      rt: true,
      rw: true,
      householdCode: true,
      occupation: true,
      skills: true,
      civilSocietyGroup: true,
      isWellOff: true,
      receivesStateAid: true
    })
  })
);
const ZMemberParams = ZCoopParams.extend({ memberId: z.uuid() });
const ZAddMemberRequest = ZMemberRequest.and(z.object({ asStatus: z.enum(['applicant', 'active']).optional() }));
const ZImportRequest = z.object({
  format: z.enum(['csv', 'xlsx']),
  contentBase64: z.string().min(1),
  asStatus: z.enum(['active', 'applicant']).optional()
});
const ZImportQuery = z.object({ asStatus: z.enum(['active', 'applicant']).optional() });
const ZImportResult = z.object({ imported: z.number().int(), active: z.number().int(), applicants: z.number().int(), other: z.number().int() });
const ZBinary = z.any().describe('file');

/** The public address the request came to (for the QR code on member cards). */
function originOf(req: FastifyRequest): string {
  return process.env.PUBLIC_URL ?? `${req.protocol}://${req.host}`;
}

export async function memberRoutes(api: App): Promise<void> {
  await api.register(async (scope) => {
    const r = scope as unknown as App;
    // Imports may be posted as a plain CSV body (text/csv) besides the JSON form.
    r.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

    const tags = ['members'];
    const base = '/coops/:coopId/members';

    r.get(
      base,
      {
        schema: {
          tags,
          summary: 'Daftar anggota: cari (q: nama/nomor/HP), saring status/gender/youth/rt/rw, urut (sort), halaman (page, pageSize)',
          params: ZCoopParams,
          querystring: ZListMembersRequest,
          response: { 200: ZMemberList, ...errorResponses }
        }
      },
      async (req) => listMembers(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query)
    );

    r.post(
      base,
      {
        schema: {
          tags,
          summary: 'Tambah anggota (pengurus/staf): sebagai calon, atau langsung aktif (asStatus: active) bila boleh menyetujui',
          params: ZCoopParams,
          body: ZAddMemberRequest,
          response: { 201: ZMemberView, ...errorResponses }
        },
        // The use case validates the whole record (with region data and today's date) and reports every field.
        validatorCompiler: () => (data) => ({ value: data })
      },
      async (req, reply) => {
        const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
        return reply.status(201).send(await addMember(ctx, req.body));
      }
    );

    r.get(
      `${base}/export.csv`,
      { schema: { tags, summary: 'Ekspor anggota sebagai CSV (kolom sama dengan impor); filter seperti daftar; NIK/tanggal lahir disamarkan kecuali unmasked=true (ketua/sekretaris, dicatat di log audit)', params: ZCoopParams, querystring: ZExportMembersRequest, response: { 200: ZBinary, ...errorResponses } } },
      async (req, reply) => {
        const out = await exportMembers(await enterCoop(req.ctx, req.auth, req.params.coopId), 'csv', req.query);
        return reply.header('content-type', out.contentType).header('content-disposition', `attachment; filename="${out.filename}"`).send(out.body);
      }
    );

    r.get(
      `${base}/export.xlsx`,
      { schema: { tags, summary: 'Ekspor anggota sebagai XLSX (kolom sama dengan impor); filter seperti daftar; NIK/tanggal lahir disamarkan kecuali unmasked=true (ketua/sekretaris, dicatat di log audit)', params: ZCoopParams, querystring: ZExportMembersRequest, response: { 200: ZBinary, ...errorResponses } } },
      async (req, reply) => {
        const out = await exportMembers(await enterCoop(req.ctx, req.auth, req.params.coopId), 'xlsx', req.query);
        return reply.header('content-type', out.contentType).header('content-disposition', `attachment; filename="${out.filename}"`).send(out.body);
      }
    );

    r.post(
      `${base}/import`,
      {
        schema: {
          tags,
          summary:
            'Impor anggota. Body JSON { format: csv|xlsx, contentBase64, asStatus?: active|applicant } atau body text/csv (asStatus lewat query). Semua baris diperiksa; bila ada yang salah: 422 IMPORT_INVALID dengan details.rows [{row, field, code, message}] dan tidak ada yang disimpan',
          params: ZCoopParams,
          querystring: ZImportQuery,
          body: z.union([ZImportRequest, z.string()]),
          response: { 201: ZImportResult, ...errorResponses }
        }
      },
      async (req, reply) => {
        const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
        const body = req.body;
        const input =
          typeof body === 'string'
            ? { format: 'csv', content: body, asStatus: req.query.asStatus }
            : { format: body.format, content: Buffer.from(body.contentBase64, 'base64'), asStatus: body.asStatus ?? req.query.asStatus };
        return reply.status(201).send(await importMembers(ctx, input));
      }
    );

    r.get(
      `${base}/:memberId`,
      {
        schema: {
          tags,
          summary: 'Data satu anggota (pengurus/staf/pengawas; anggota hanya datanya sendiri). NIK dan tanggal lahir disamarkan kecuali bagi ketua/sekretaris; tiap pembacaan tanpa samaran dicatat di log audit',
          params: ZMemberParams,
          response: { 200: ZMemberView, ...errorResponses }
        }
      },
      async (req) => getMember(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, { reveal: true })
    );

    r.patch(
      `${base}/:memberId`,
      {
        schema: { tags, summary: 'Ubah data anggota (bukan status)', params: ZMemberParams, body: ZMemberUpdateRequest, response: { 200: ZMemberView, ...errorResponses } },
        // The use case checks the merged record as a whole and reports every field at once.
        validatorCompiler: () => (data) => ({ value: data })
      },
      async (req) => updateMember(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, req.body)
    );

    r.get(
      `${base}/:memberId/history`,
      { schema: { tags, summary: 'Riwayat status anggota', params: ZMemberParams, response: { 200: ZHistory, ...errorResponses } } },
      async (req) => getMemberHistory(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId)
    );

    r.get(
      `${base}/:memberId/periods`,
      {
        schema: {
          tags,
          summary: 'Masa keanggotaan (keluar lalu masuk lagi = masa baru, nomor anggota sama), masing-masing dengan data anggota pada masa itu',
          params: ZMemberParams,
          response: { 200: ZPeriods, ...errorResponses }
        }
      },
      async (req) => getMemberPeriods(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId)
    );

    const actions = [
      { path: 'approve', body: ZApproveRequest, summary: 'Setujui calon anggota: nomor anggota berikutnya; bila AD menetapkan rapat anggota, isi meetingRef', run: approveMember },
      { path: 'reject', body: ZReasonRequest, summary: 'Tolak permohonan', run: rejectApplication },
      { path: 'suspend', body: ZRequiredReasonRequest, summary: 'Berhentikan sementara (alasan wajib)', run: suspendMember },
      { path: 'reinstate', body: ZReasonRequest, summary: 'Aktifkan kembali anggota yang diberhentikan sementara', run: reinstateMember },
      { path: 'resign', body: ZReasonRequest, summary: 'Keluar: dicatat pengurus, atau oleh anggota sendiri', run: resignMember },
      { path: 'expel', body: ZRequiredReasonRequest, summary: 'Berhentikan anggota (alasan wajib)', run: expelMember },
      { path: 'rejoin', body: ZRejoinRequest, summary: 'Daftarkan kembali mantan anggota sebagai calon (nomor anggota tetap); activate: langsung setujui', run: rejoinMember }
    ] as const;
    for (const a of actions) {
      r.post(
        `${base}/:memberId/${a.path}`,
        {
          schema: { tags, summary: a.summary, params: ZMemberParams, body: a.body.optional(), response: { 200: ZMemberView, ...errorResponses } }
        },
        async (req) => a.run(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, req.body ?? {})
      );
    }

    r.post(
      `${base}/:memberId/invitation`,
      {
        schema: {
          tags,
          summary: 'Undang anggota tanpa akun untuk menghubungkan akun Lumbung (tautan ke surelnya, berlaku 14 hari)',
          params: ZMemberParams,
          body: ZInviteRequest.optional(),
          response: { 200: z.object({ id: z.string(), memberId: z.string(), email: z.string(), expiresAt: z.string() }), ...errorResponses }
        }
      },
      async (req) => {
        const { link: _secret, ...sent } = await inviteMember(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, req.body ?? {});
        return sent;
      }
    );

    r.get(
      `${base}/:memberId/card.pdf`,
      { schema: { tags, summary: 'Kartu anggota (PDF, ukuran kartu) dengan kode QR ke halaman data anggota', params: ZMemberParams, response: { 200: ZBinary, ...errorResponses } } },
      async (req, reply) => {
        const pdf = await memberCardPdf(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, originOf(req));
        return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="kartu-anggota.pdf"`).send(pdf);
      }
    );

    r.get(
      `${base}/:memberId/card.png`,
      { schema: { tags, summary: 'Kartu anggota (gambar PNG 856×540) dengan kode QR', params: ZMemberParams, response: { 200: ZBinary, ...errorResponses } } },
      async (req, reply) => {
        const png = await memberCardPng(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.memberId, originOf(req));
        return reply.header('content-type', 'image/png').header('content-disposition', `inline; filename="kartu-anggota.png"`).send(png);
      }
    );

    r.post(
      '/coops/:coopId/apply',
      {
        schema: {
          tags,
          summary: 'Ajukan diri menjadi anggota (akun yang sedang masuk, untuk dirinya sendiri); tidak perlu peran di koperasi',
          params: ZCoopParams,
          body: ZMemberRequest,
          response: { 201: ZMemberView, ...errorResponses }
        },
        validatorCompiler: () => (data) => ({ value: data })
      },
      async (req, reply) => {
        if (!req.auth) throw new AppError('UNAUTHENTICATED');
        // An API token belongs to one cooperative's integration: it cannot apply anywhere.
        if (req.auth.kind !== 'session') throw new AppError('FORBIDDEN');
        return reply.status(201).send(await applyForMembership({ ...req.ctx, coopId: req.params.coopId }, req.body));
      }
    );

    const ZInvitationParams = z.object({ slug: z.string(), token: z.string() });
    r.get(
      '/public/coops/:slug/invitations/:token',
      {
        schema: {
          tags,
          summary: 'Undangan akun: untuk siapa (publik; token dari surel adalah kuncinya)',
          params: ZInvitationParams,
          response: {
            200: z.object({ coop: z.object({ slug: z.string(), name: z.string() }), memberName: z.string(), memberNo: z.number().int().nullable(), email: z.string(), expiresAt: z.string() }),
            ...errorResponses
          }
        }
      },
      async (req) => {
        const v = await getInvitation(req.ctx, req.params.slug, req.params.token);
        return { ...v, coop: { slug: v.coop.slug, name: v.coop.name } };
      }
    );
    r.post(
      '/public/coops/:slug/invitations/:token/accept',
      {
        schema: {
          tags,
          summary: 'Terima undangan: hubungkan akun yang sedang masuk (sesi) dengan anggota yang diundang',
          params: ZInvitationParams,
          response: { 200: z.object({ memberId: z.string() }), ...errorResponses }
        }
      },
      async (req) => {
        if (!req.auth) throw new AppError('UNAUTHENTICATED');
        if (req.auth.kind !== 'session') throw new AppError('FORBIDDEN');
        const { memberId } = await acceptInvitation({ ...req.ctx, actor: req.auth.actor }, req.params.slug, req.params.token);
        return { memberId };
      }
    );
  });
}
