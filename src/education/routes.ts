import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { createProgramme } from './create-programme.js';
import { listProgrammes } from './list-programmes.js';
import { getProgramme } from './get-programme.js';
import { addSession } from './add-session.js';
import { getSession } from './get-session.js';
import { enrolParticipant, enrolSelf } from './enrol.js';
import { checkInSelf } from './check-in.js';
import { closeSession, markAttendance } from './mark-attendance.js';
import { setAssessment } from './set-assessment.js';
import { certificatePdf, issueCertificate, verifyCertificate } from './certificates.js';
import { exportLearningRecord, getLearningRecord, getPublicRecord, setRecordLink } from './learning-record.js';
import { recordSpending } from './record-spending.js';
import { getForumTheme, hideForumPost, listForumThemes, markForumHelpful, openForumTheme, postToForum, setForumFollow } from './forum.js';
import { downloadMaterial, listMaterials, uploadMaterial } from './materials.js';
import { MAX_MATERIAL_BYTES } from './materials-model.js';
import { dispositionName } from '../downloads/model.js';

const tags = ['education'];
const anyBody = z.record(z.string(), z.unknown());
const ZProgrammeParams = ZCoopParams.extend({ programmeId: z.uuid() });
const ZSessionParams = ZCoopParams.extend({ sessionId: z.uuid() });
const ZCompletion = z.object({ completed: z.boolean(), required: z.number(), attended: z.number(), reason: z.string() });
const ZSessionSummary = z.object({
  id: z.string(),
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  minutes: z.number(),
  venue: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  capacity: z.number().nullable(),
  present: z.number(),
  closed: z.boolean(),
  meetingId: z.string().nullable(),
  facilitatorMemberId: z.string().nullable()
});
const ZProgrammeView = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  productLine: z.string().nullable(),
  audience: z.string(),
  description: z.string(),
  topics: z.array(z.string()),
  facilitators: z.array(z.object({ memberId: z.string(), name: z.string() })),
  outsideFacilitators: z.array(z.string()),
  budget: z.number(),
  spent: z.number(),
  minAttendanceBp: z.number(),
  requiresAssessment: z.boolean(),
  capacity: z.number().nullable(),
  enrolled: z.number(),
  status: z.string(),
  sessions: z.array(ZSessionSummary),
  participants: z.array(
    z.object({
      enrolmentId: z.string(),
      memberId: z.string().nullable(),
      name: z.string(),
      phone: z.string().nullable(),
      kind: z.string(),
      attended: z.number(),
      minutes: z.number(),
      assessment: z.string().nullable(),
      completion: ZCompletion,
      certificateCode: z.string().nullable()
    })
  ),
  spending: z.array(z.object({ id: z.string(), amount: z.number(), description: z.string(), spentOn: z.string(), entryId: z.string() })),
  myEnrolmentId: z.string().nullable(),
  may: z.object({ manage: z.boolean(), fund: z.boolean(), facilitate: z.boolean() })
});
const ZSessionView = ZSessionSummary.extend({
  programmeId: z.string(),
  programmeTitle: z.string(),
  checkinCode: z.string().nullable(),
  counts: z.object({ present: z.number(), absent: z.number(), unmarked: z.number() }),
  attendance: z.array(z.object({ enrolmentId: z.string(), name: z.string(), kind: z.string(), status: z.string(), method: z.string().nullable(), at: z.string().nullable() })),
  may: z.object({ facilitate: z.boolean() })
});
const ZSummary = z.object({ id: z.string(), title: z.string(), kind: z.string(), audience: z.string(), status: z.string(), budget: z.number(), spent: z.number(), sessions: z.number(), enrolled: z.number(), capacity: z.number().nullable(), nextSessionAt: z.string().nullable() });
const ZEnrolment = z.object({ enrolmentId: z.string(), programmeId: z.string(), name: z.string(), kind: z.string() });
const ZCertificate = z.object({ code: z.string(), holderName: z.string(), programmeTitle: z.string(), sessionTopic: z.string().nullable(), completedOn: z.string(), coopName: z.string(), coopSlug: z.string() });
const ZRecord = z.object({
  memberId: z.string(),
  name: z.string(),
  years: z.array(z.object({ year: z.number(), minutes: z.number(), sessions: z.array(z.object({ sessionId: z.string(), programmeTitle: z.string(), topic: z.string(), startsAt: z.string(), minutes: z.number() })) })),
  programmes: z.array(z.object({ programmeId: z.string(), title: z.string(), kind: z.string(), attended: z.number(), required: z.number(), completed: z.boolean() })),
  certificates: z.array(z.object({ code: z.string(), programmeTitle: z.string(), sessionTopic: z.string().nullable(), completedOn: z.string() })),
  totalMinutes: z.number(),
  publicToken: z.string().nullable()
});
const ZBinary = z.any().describe('file');

function originOf(req: FastifyRequest): string {
  return process.env.PUBLIC_URL ?? `${req.protocol}://${req.host}`;
}

export async function educationRoutes(api: App): Promise<void> {
  const base = '/coops/:coopId/education';
  const enter = (req: FastifyRequest & { params: { coopId: string } }) => enterCoop(req.ctx, req.auth, req.params.coopId);

  api.get(`${base}/programmes`, { schema: { tags, summary: 'Daftar program pendidikan (sesi, peserta, anggaran dan realisasi)', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZSummary) }), ...errorResponses } } }, async (req) => ({
    items: await listProgrammes(await enter(req))
  }));
  api.post(`${base}/programmes`, { schema: { tags, summary: 'Membuat program pendidikan', params: ZCoopParams, body: anyBody, response: { 201: ZProgrammeView, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await createProgramme(await enter(req), req.body))
  );
  api.get(`${base}/programmes/:programmeId`, { schema: { tags, summary: 'Satu program: sesi, peserta dengan ketuntasan, anggaran dan belanja', params: ZProgrammeParams, response: { 200: ZProgrammeView, ...errorResponses } } }, async (req) =>
    getProgramme(await enter(req), req.params.programmeId)
  );
  api.post(`${base}/programmes/:programmeId/sessions`, { schema: { tags, summary: 'Menambah sesi (boleh sekaligus rapat anggota)', params: ZProgrammeParams, body: anyBody, response: { 201: ZSessionView, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addSession(await enter(req), req.params.programmeId, req.body))
  );
  api.post(`${base}/programmes/:programmeId/enrolments`, { schema: { tags, summary: 'Mendaftarkan peserta (pengurus), atau diri sendiri (tanpa isi)', params: ZProgrammeParams, body: anyBody.optional(), response: { 201: ZEnrolment, ...errorResponses } } }, async (req, reply) => {
    const ctx = await enter(req);
    const body = req.body ?? {};
    return reply.status(201).send(Object.keys(body).length === 0 ? await enrolSelf(ctx, req.params.programmeId) : await enrolParticipant(ctx, req.params.programmeId, body));
  });
  api.post(`${base}/programmes/:programmeId/assessments`, { schema: { tags, summary: 'Hasil penilaian fasilitator untuk satu peserta', params: ZProgrammeParams, body: anyBody, response: { 200: ZProgrammeView, ...errorResponses } } }, async (req) =>
    setAssessment(await enter(req), req.params.programmeId, req.body)
  );
  api.post(`${base}/programmes/:programmeId/certificates`, { schema: { tags, summary: 'Menerbitkan sertifikat (program tuntas, atau kehadiran satu sesi)', params: ZProgrammeParams, body: anyBody, response: { 201: ZCertificate, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await issueCertificate(await enter(req), req.params.programmeId, req.body))
  );
  api.post(`${base}/programmes/:programmeId/spending`, { schema: { tags, summary: 'Belanja dari dana pendidikan (jurnal lewat postEntry, ditandai dengan program)', params: ZProgrammeParams, body: anyBody, response: { 201: ZProgrammeView, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await recordSpending(await enter(req), req.params.programmeId, req.body))
  );
  api.get(`${base}/sessions/:sessionId`, { schema: { tags, summary: 'Satu sesi dengan daftar hadir (fasilitator, pengurus, pengawas)', params: ZSessionParams, response: { 200: ZSessionView, ...errorResponses } } }, async (req) =>
    getSession(await enter(req), req.params.sessionId)
  );
  api.post(`${base}/sessions/:sessionId/attendance`, { schema: { tags, summary: 'Fasilitator menandai hadir/tidak hadir', params: ZSessionParams, body: anyBody, response: { 200: ZSessionView, ...errorResponses } } }, async (req) =>
    markAttendance(await enter(req), req.params.sessionId, req.body)
  );
  api.post(`${base}/sessions/:sessionId/close`, { schema: { tags, summary: 'Menutup sesi: yang belum diisi menjadi tidak hadir', params: ZSessionParams, response: { 200: ZSessionView, ...errorResponses } } }, async (req) =>
    closeSession(await enter(req), req.params.sessionId)
  );
  api.post(`${base}/check-in`, { schema: { tags, summary: 'Presensi mandiri dengan kode sesi (hanya di dalam waktu sesi, hanya peserta terdaftar)', params: ZCoopParams, body: anyBody, response: { 200: z.object({ sessionId: z.string(), programmeTitle: z.string(), topic: z.string(), alreadyPresent: z.boolean(), at: z.string() }), ...errorResponses } } }, async (req) =>
    checkInSelf(await enter(req), req.body)
  );
  api.get(`${base}/record`, { schema: { tags, summary: 'Catatan belajar saya', params: ZCoopParams, response: { 200: ZRecord, ...errorResponses } } }, async (req) => getLearningRecord(await enter(req), null));
  api.put(`${base}/record/public-link`, { schema: { tags, summary: 'Menyalakan/mematikan tautan publik catatan belajar saya', params: ZCoopParams, body: z.object({ on: z.boolean() }), response: { 200: z.object({ token: z.string().nullable() }), ...errorResponses } } }, async (req) =>
    setRecordLink(await enter(req), req.body.on)
  );
  api.get(`${base}/records/:memberId`, { schema: { tags, summary: 'Catatan belajar seorang anggota (pengurus, pengawas)', params: ZCoopParams.extend({ memberId: z.uuid() }), response: { 200: ZRecord, ...errorResponses } } }, async (req) =>
    getLearningRecord(await enter(req), req.params.memberId)
  );
  api.get(`${base}/records/:memberId/export.xlsx`, { schema: { tags, summary: 'Catatan belajar sebagai XLSX', params: ZCoopParams.extend({ memberId: z.uuid() }), response: { 200: ZBinary, ...errorResponses } } }, async (req, reply) => {
    const { filename, body } = await exportLearningRecord(await enter(req), req.params.memberId);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${filename}"`).send(body);
  });
  api.get(`${base}/certificates/:code/pdf`, { schema: { tags, summary: 'Sertifikat (PDF) dengan kode QR ke halaman verifikasi', params: ZCoopParams.extend({ code: z.string().max(64) }), response: { 200: ZBinary, ...errorResponses } } }, async (req, reply) => {
    const { filename, pdf } = await certificatePdf(await enter(req), req.params.code, originOf(req));
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
  });
  // Public: verification of a certificate and a learning record its holder made public.
  api.get('/public/coops/:slug/certificates/:code', { schema: { tags, summary: 'Verifikasi sertifikat (publik): nama, program, tanggal, koperasi', params: z.object({ slug: z.string().max(80), code: z.string().max(64) }), response: { 200: ZCertificate.omit({ code: true }), ...errorResponses } } }, async (req) => {
    const { code: _code, ...rest } = await verifyCertificate(req.ctx, req.params.slug, req.params.code);
    return rest;
  });
  api.get('/public/coops/:slug/learning-records/:token', { schema: { tags, summary: 'Catatan belajar yang dibuat publik oleh pemiliknya', params: z.object({ slug: z.string().max(80), token: z.string().max(64) }), response: { 200: ZRecord.extend({ coopName: z.string() }), ...errorResponses } } }, async (req) =>
    getPublicRecord(req.ctx, req.params.slug, req.params.token)
  );
  // Peer-learning forum across the instance (decision 0165): the route's coop is the actor's own;
  // a theme is addressed by its cooperative and id.
  const forum = '/coops/:coopId/forum/themes';
  const ZThemeParams = ZCoopParams.extend({ themeCoopId: z.uuid(), themeId: z.uuid() });
  const ZPostParams = ZThemeParams.extend({ postId: z.uuid() });
  const ZThemeSummary = z.object({ coopId: z.string(), id: z.string(), coopName: z.string(), coopSlug: z.string(), title: z.string(), pemantikName: z.string(), sessionStartsAt: z.string().nullable(), posts: z.number(), lastPostAt: z.string().nullable(), createdAt: z.string() });
  const ZPost = z.object({ id: z.string(), authorName: z.string(), authorCoopName: z.string(), body: z.string(), hidden: z.object({ reason: z.string(), at: z.string() }).nullable(), hiddenBody: z.string().nullable(), helpful: z.boolean(), mine: z.boolean(), mayMarkHelpful: z.boolean(), createdAt: z.string() });
  const ZTheme = ZThemeSummary.extend({
    body: z.string(),
    scope: z.enum(['instance', 'network']),
    sessionEndsAt: z.string().nullable(),
    sessionPlace: z.string().nullable(),
    threads: z.array(ZPost.extend({ replies: z.array(ZPost) })),
    following: z.boolean(),
    may: z.object({ post: z.boolean(), moderate: z.boolean() })
  });
  api.get(forum, { schema: { tags, summary: 'Forum belajar antar teman sejawat: tema dari semua koperasi di instans ini', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZThemeSummary) }), ...errorResponses } } }, async (req) => ({
    items: await listForumThemes(await enter(req))
  }));
  api.post(forum, { schema: { tags, summary: 'Membuka tema sebagai pemantik (boleh dengan diskusi terjadwal)', params: ZCoopParams, body: anyBody, response: { 201: ZTheme, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await openForumTheme(await enter(req), req.body))
  );
  api.get(`${forum}/:themeCoopId/:themeId`, { schema: { tags, summary: 'Satu tema: utas, balasan, tanda membantu; tulisan tersembunyi hanya sebagai penanda', params: ZThemeParams, response: { 200: ZTheme, ...errorResponses } } }, async (req) =>
    getForumTheme(await enter(req), req.params.themeCoopId, req.params.themeId)
  );
  api.post(`${forum}/:themeCoopId/:themeId/posts`, { schema: { tags, summary: 'Membuka utas (tanpa threadId) atau membalas di utas; pengikut dikabari lewat surel', params: ZThemeParams, body: anyBody, response: { 201: z.object({ id: z.string(), threadId: z.string().nullable(), mailed: z.number() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await postToForum(await enter(req), req.params.themeCoopId, req.params.themeId, req.body))
  );
  api.post(`${forum}/:themeCoopId/:themeId/posts/:postId/helpful`, { schema: { tags, summary: 'Menandai tulisan membantu (pemantik atau pembuka utas; berulang tidak mengubah apa pun)', params: ZPostParams, response: { 200: z.object({ postId: z.string(), helpful: z.literal(true), changed: z.boolean() }), ...errorResponses } } }, async (req) =>
    markForumHelpful(await enter(req), req.params.themeCoopId, req.params.themeId, req.params.postId)
  );
  api.post(`${forum}/:themeCoopId/:themeId/posts/:postId/hide`, { schema: { tags, summary: 'Pengurus koperasi pembuka tema menyembunyikan tulisan dengan alasan', params: ZPostParams, body: anyBody, response: { 200: z.object({ postId: z.string(), hidden: z.literal(true) }), ...errorResponses } } }, async (req) =>
    hideForumPost(await enter(req), req.params.themeCoopId, req.params.themeId, req.params.postId, req.body)
  );
  api.put(`${forum}/:themeCoopId/:themeId/follow`, { schema: { tags, summary: 'Mengikuti tema (kabar balasan lewat surel) atau berhenti', params: ZThemeParams, body: anyBody, response: { 200: z.object({ following: z.boolean() }), ...errorResponses } } }, async (req) =>
    setForumFollow(await enter(req), req.params.themeCoopId, req.params.themeId, req.body)
  );

  // Session materials: the raw request body is the file (its type is read from its content).
  const ZMaterial = z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string().nullable(), createdAt: z.string() });
  api.get(`${base}/sessions/:sessionId/materials`, { schema: { tags, summary: 'Materi sesi (peserta terdaftar, fasilitator, pengurus)', params: ZSessionParams, response: { 200: z.object({ items: z.array(ZMaterial), may: z.object({ read: z.boolean(), upload: z.boolean() }) }), ...errorResponses } } }, async (req) =>
    listMaterials(await enter(req), req.params.sessionId)
  );
  api.get(`${base}/sessions/:sessionId/materials/:materialId`, { schema: { tags, summary: 'Mengunduh satu materi', params: ZSessionParams.extend({ materialId: z.uuid() }), response: { 200: ZBinary, ...errorResponses } } }, async (req, reply) => {
    const m = await downloadMaterial(await enter(req), req.params.sessionId, req.params.materialId);
    return reply.header('content-type', m.contentType).header('content-disposition', dispositionName(m.fileName)).header('x-content-type-options', 'nosniff').send(m.data);
  });
  await api.register(async (scope) => {
    const r = scope as unknown as App;
    r.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_MATERIAL_BYTES + 1024 }, (_req, body, done) => done(null, body));
    r.post(
      `${base}/sessions/:sessionId/materials`,
      { schema: { tags, summary: 'Mengunggah materi sesi: isi permintaan = berkas mentah; jenis dibaca dari isinya (PDF, gambar, Office, EPUB, audio, video, teks), paling besar 20 MB', params: ZSessionParams, querystring: z.object({ filename: z.string().max(200).optional() }), response: { 201: ZMaterial, ...errorResponses } } },
      async (req, reply) =>
        reply.status(201).send(await uploadMaterial(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.sessionId, { fileName: req.query.filename ?? '', data: Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0) }))
    );
  });
}
