import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { createGrantFund, listFunds, recordInflow } from './funds.js';
import { createProgramme, listProgrammes } from './programmes.js';
import { declareConflict, decideApplication, disburseAid, getApplication, listApplications, submitApplication, submitPublicApplication } from './applications.js';
import { getTransparency, transparencyCsv } from './get-transparency.js';
import { getCareRules, updateCareRules } from './rules.js';
import { reverseMovement } from './reverse-movement.js';
import { listMovements } from './list-movements.js';
import { getScorecard } from './scorecard.js';
import { confirmDonation, getDonation, listPendingDonations, startDonation } from './donations.js';
import { donationReceiptPdf, movementReceiptPdf } from './receipt.js';
import { referToMembers } from './members-decision.js';

const tags = ['care'];
const anyBody = z.record(z.string(), z.unknown());
const ZSlug = z.object({ slug: z.string().min(1).max(64) });
const ZAppParams = ZCoopParams.extend({ applicationId: z.uuid() });
const ZFund = z.object({ id: z.string(), kind: z.string(), name: z.string(), accountCode: z.string(), isStateAid: z.boolean(), grantor: z.string().nullable(), conditions: z.string(), balance: z.number() });
const ZMovement = z.object({ id: z.string(), receiptNo: z.string(), kind: z.string(), amount: z.number(), occurredOn: z.string(), fundId: z.string(), entryId: z.string(), created: z.boolean() });
const ZLine = z.object({ description: z.string(), amount: z.number() });
const ZProgramme = z.object({
  id: z.string(), title: z.string(), purpose: z.string(), story: z.string(), villageCode: z.string().nullable(), rt: z.number().nullable(), rw: z.number().nullable(),
  fundId: z.string(), fundName: z.string(), status: z.string(), startsOn: z.string().nullable(), endsOn: z.string().nullable(), lines: z.array(ZLine), budget: z.number(), actual: z.number(), received: z.number()
});
const ZCheck = z.object({ rule: z.string(), status: z.string(), evidence: z.object({ key: z.string(), params: z.record(z.string(), z.unknown()) }) });
const ZApplication = z.object({
  id: z.string(), status: z.string(), applicantName: z.string(), householdCode: z.string(), category: z.string(), amountAsked: z.number(), approvedAmount: z.number().nullable(), paidAmount: z.number(),
  fundId: z.string(), programmeId: z.string().nullable(), submittedVia: z.string(), submittedOn: z.string(), refusedRule: z.string().nullable(),
  eligibility: z.object({ eligible: z.boolean(), refusedBy: z.string().nullable(), checks: z.array(ZCheck) }),
  reason: z.string(), memberId: z.string().nullable(), householdSize: z.number(), isWellOff: z.boolean(), villageCode: z.string().nullable(), consentPublic: z.boolean(), membersDecisionId: z.string().nullable(),
  decisions: z.array(z.object({ officerAccountId: z.string(), officerName: z.string(), role: z.string(), vote: z.string(), amount: z.number().nullable(), note: z.string(), at: z.string() })),
  conflicts: z.array(z.object({ officerAccountId: z.string(), relation: z.string() }))
});
const ZPublicMovement = z.object({ date: z.string(), receiptNo: z.string(), kind: z.string(), fund: z.string(), purpose: z.string(), programme: z.string().nullable(), category: z.string().nullable(), village: z.string().nullable(), counterparty: z.string().nullable(), amount: z.number() });
const ZTransparency = z.object({
  coop: z.object({ slug: z.string(), name: z.string() }),
  funds: z.array(z.object({ name: z.string(), kind: z.string(), grantor: z.string().nullable(), isStateAid: z.boolean(), balance: z.number() })),
  years: z.array(z.object({ year: z.number(), inflow: z.number(), outflow: z.number(), count: z.number() })),
  programmes: z.array(z.object({ id: z.string(), title: z.string(), purpose: z.string(), story: z.string(), status: z.string(), fundName: z.string(), budget: z.number(), actual: z.number(), received: z.number(), lines: z.array(ZLine), startsOn: z.string().nullable(), endsOn: z.string().nullable() })),
  movements: z.array(ZPublicMovement),
  page: z.number(), pages: z.number(), total: z.number()
});

const ZBoardMovements = z.object({
  items: z.array(z.object({
    id: z.string(), date: z.string(), receiptNo: z.string(), kind: z.string(), amount: z.number(), method: z.string(), fundId: z.string(), fund: z.string(), purpose: z.string(), programme: z.string().nullable(),
    applicationId: z.string().nullable(), category: z.string().nullable(), counterparty: z.string().nullable(), counterpartyPublic: z.boolean(), receiptSigned: z.string().nullable(), reverses: z.string().nullable(), reversedBy: z.string().nullable()
  })),
  page: z.number(), pages: z.number(), total: z.number()
});
const ZBinary = z.any().describe('file');
const ZPendingDonation = z.object({ id: z.string(), programme: z.string(), amount: z.number(), method: z.string(), donorName: z.string().nullable(), donorPublic: z.boolean(), createdAt: z.string() });
const ZDonationPage = z.object({
  coop: z.object({ slug: z.string(), name: z.string() }), programme: z.object({ id: z.string(), title: z.string() }), amount: z.number(), method: z.string(), status: z.string(),
  donorName: z.string().nullable(), donorPublic: z.boolean(), receiptNo: z.string().nullable(), paidOn: z.string().nullable(),
  qris: z.object({ payload: z.string(), svg: z.string() }).nullable(), transferAccount: z.object({ bankName: z.string(), accountNo: z.string(), accountName: z.string() }).nullable()
});
const ZFigure = z.object({ value: z.number().nullable(), part: z.number().optional(), whole: z.number().optional() });
const ZScorecard = z.object({
  coop: z.object({ slug: z.string(), name: z.string() }), year: z.number(), previousYear: z.number(), latestYear: z.number(),
  principles: z.array(z.object({ n: z.number(), key: z.string(), measured: z.boolean(), reason: z.string().nullable(), measures: z.array(z.object({ key: z.string(), unit: z.string(), current: ZFigure, previous: ZFigure })) }))
});

export async function careRoutes(api: App): Promise<void> {
  const base = '/coops/:coopId/care';
  const ZRules = z.object({ membersOnly: z.boolean(), maxPerHouseholdPerYear: z.number().nullable(), waitingDays: z.number().nullable(), oneOpenPerHousehold: z.boolean(), approvalsRequired: z.number(), approverRoles: z.array(z.string()), membersDecisionAbove: z.number().nullable(), noStateAidForWellOff: z.boolean(), stateAidRuleFrom: z.string().nullable() });
  api.get(`${base}/rules`, { schema: { tags, summary: 'Aturan bantuan yang berlaku (syarat, N dari pejabat, ambang rapat anggota)', params: ZCoopParams, response: { 200: ZRules, ...errorResponses } } }, async (req) =>
    getCareRules(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );
  api.put(`${base}/rules`, { schema: { tags, summary: 'Menyimpan aturan bantuan (seluruhnya; diaudit)', params: ZCoopParams, body: anyBody, response: { 200: ZRules, ...errorResponses } } }, async (req) =>
    updateCareRules(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );
  api.get(`${base}/funds`, { schema: { tags, summary: 'Dana sosial, dana pendidikan dan dana hibah dengan saldonya (saldo akun buku besar)', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZFund) }), ...errorResponses } } }, async (req) => ({
    items: await listFunds(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.post(`${base}/funds`, { schema: { tags, summary: 'Membuka dana hibah (sub-akun sendiri; pemberi hibah, tanda bantuan negara, syarat)', params: ZCoopParams, body: anyBody, response: { 201: ZFund, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await createGrantFund(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );
  api.post(`${base}/inflows`, { schema: { tags, summary: 'Mencatat donasi atau hibah masuk (satu jurnal, kuitansi bernomor)', params: ZCoopParams, body: anyBody, response: { 201: ZMovement, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await recordInflow(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );
  api.get(`${base}/programmes`, { schema: { tags, summary: 'Program sosial dengan anggaran dan realisasi', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZProgramme) }), ...errorResponses } } }, async (req) => ({
    items: await listProgrammes(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.post(`${base}/programmes`, { schema: { tags, summary: 'Membuat program sosial (wilayah, pos anggaran, sumber dana)', params: ZCoopParams, body: anyBody, response: { 201: ZProgramme, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await createProgramme(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );
  api.get(`${base}/applications`, { schema: { tags, summary: 'Permohonan bantuan (terbaru dulu)', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZApplication) }), ...errorResponses } } }, async (req) => ({
    items: await listApplications(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.post(`${base}/applications`, { schema: { tags, summary: 'Mencatat permohonan bantuan (anggota atau warga); syarat diperiksa dengan buktinya', params: ZCoopParams, body: anyBody, response: { 201: ZApplication, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await submitApplication(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );
  api.get(`${base}/applications/:applicationId`, { schema: { tags, summary: 'Satu permohonan: pemeriksaan syarat, keputusan, konflik kepentingan', params: ZAppParams, response: { 200: ZApplication, ...errorResponses } } }, async (req) =>
    getApplication(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.applicationId)
  );
  api.post(`${base}/applications/:applicationId/decisions`, { schema: { tags, summary: 'Keputusan satu pejabat (N dari pejabat yang ditunjuk menyetujui)', params: ZAppParams, body: anyBody, response: { 200: ZApplication, ...errorResponses } } }, async (req) =>
    decideApplication(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.applicationId, req.body)
  );
  api.post(`${base}/applications/:applicationId/members-decision`, { schema: { tags, summary: 'Jumlah di atas ambang: pejabat mengajukan ke rapat anggota sebagai keputusan (diterapkan saat keputusan ditutup)', params: ZAppParams, body: anyBody, response: { 201: z.object({ decisionId: z.string(), number: z.number() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await referToMembers(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.applicationId, req.body))
  );
  api.post(`${base}/applications/:applicationId/conflicts`, { schema: { tags, summary: 'Pejabat menyatakan konflik kepentingan (disimpan)', params: ZAppParams, body: anyBody, response: { 200: ZApplication, ...errorResponses } } }, async (req) =>
    declareConflict(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.applicationId, req.body)
  );
  api.post(`${base}/applications/:applicationId/disbursements`, { schema: { tags, summary: 'Menyalurkan bantuan (sebagian atau seluruhnya): satu jurnal, kuitansi ditandai diterima', params: ZAppParams, body: anyBody, response: { 201: ZMovement, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await disburseAid(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.applicationId, req.body))
  );

  api.get(`${base}/movements`, {
    schema: { tags, summary: 'Pergerakan dana untuk pengurus (terbaru dulu, 50 per halaman; per dana atau per permohonan)', params: ZCoopParams, querystring: z.object({ fundId: z.uuid().optional(), applicationId: z.uuid().optional(), page: z.coerce.number().int().min(1).max(1_000_000).optional() }), response: { 200: ZBoardMovements, ...errorResponses } }
  }, async (req) => listMovements(await enterCoop(req.ctx, req.auth, req.params.coopId), { fundId: req.query.fundId ?? null, applicationId: req.query.applicationId ?? null, page: req.query.page ?? 1 }));

  api.get(`${base}/movements/:movementId/receipt.pdf`, { schema: { tags, summary: 'Kuitansi bernomor satu pergerakan dana (PDF, terbilang)', params: ZCoopParams.extend({ movementId: z.uuid() }), response: { 200: ZBinary, ...errorResponses } } }, async (req, reply) => {
    const out = await movementReceiptPdf(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.movementId);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="kuitansi-${out.receiptNo}.pdf"`).send(out.pdf);
  });
  api.get(`${base}/donations`, { schema: { tags, summary: 'Donasi publik yang menunggu konfirmasi bendahara', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZPendingDonation) }), ...errorResponses } } }, async (req) => ({
    items: await listPendingDonations(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.post(`${base}/donations/:donationId/confirmation`, { schema: { tags, summary: 'Bendahara mengonfirmasi dana donasi masuk: satu jurnal, kuitansi bernomor (sekali saja)', params: ZCoopParams.extend({ donationId: z.uuid() }), body: anyBody.optional(), response: { 200: z.object({ receiptNo: z.string(), movementId: z.string(), created: z.boolean() }), ...errorResponses } } }, async (req) =>
    confirmDonation(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.donationId, req.body ?? {})
  );

  api.post(`${base}/movements/:movementId/reversal`, { schema: { tags, summary: 'Membatalkan pergerakan dana dengan jurnal balik (tidak pernah menghapus)', params: ZCoopParams.extend({ movementId: z.uuid() }), body: anyBody, response: { 201: ZMovement, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await reverseMovement(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.movementId, req.body))
  );

  /* ---------------------------------------------------------------- public */
  api.get('/public/coops/:slug/care', { schema: { tags, summary: 'Transparansi dana sosial dan pendidikan (publik, berhalaman)', params: ZSlug, querystring: z.object({ page: z.coerce.number().int().min(1).max(1_000_000).optional() }), response: { 200: ZTransparency, ...errorResponses } } }, async (req) =>
    getTransparency(req.ctx, req.params.slug, req.query.page ?? 1)
  );
  api.get('/public/coops/:slug/care.csv', { schema: { tags, summary: 'Seluruh riwayat dana sebagai CSV (publik)', params: ZSlug, response: { 200: z.string(), ...errorResponses } } }, async (req, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="kepedulian-${req.params.slug}.csv"`).send(await transparencyCsv(req.ctx, req.params.slug))
  );
  api.get('/public/coops/:slug/scorecard', { schema: { tags, summary: 'Tujuh prinsip koperasi: ukuran per tahun dari data koperasi, tahun sebelumnya di sampingnya (publik)', params: ZSlug, querystring: z.object({ year: z.coerce.number().int().optional() }), response: { 200: ZScorecard, ...errorResponses } } }, async (req) =>
    getScorecard(req.ctx, req.params.slug, req.query.year)
  );
  api.post('/public/coops/:slug/care/programmes/:programmeId/donations', { schema: { tags, summary: 'Donasi untuk program sosial (tanpa akun): QRIS tepat jumlahnya atau transfer bank; jawabannya tautan rahasia', params: ZSlug.extend({ programmeId: z.string().min(1).max(64) }), body: anyBody, response: { 201: z.object({ token: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await startDonation(req.ctx, req.params.slug, req.params.programmeId, req.body))
  );
  api.get('/public/coops/:slug/care/donations/:token', { schema: { tags, summary: 'Halaman donatur (tautan rahasia): QRIS atau rekening, lalu nomor kuitansi', params: ZSlug.extend({ token: z.string().min(10).max(100) }), response: { 200: ZDonationPage, ...errorResponses } } }, async (req) =>
    getDonation(req.ctx, req.params.slug, req.params.token)
  );
  api.get('/public/coops/:slug/care/donations/:token/receipt.pdf', { schema: { tags, summary: 'Kuitansi donatur (PDF, terbilang) setelah dana dikonfirmasi', params: ZSlug.extend({ token: z.string().min(10).max(100) }), response: { 200: ZBinary, ...errorResponses } } }, async (req, reply) => {
    const out = await donationReceiptPdf(req.ctx, req.params.slug, req.params.token, req.ctx.locale);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="kuitansi-${out.receiptNo}.pdf"`).header('cache-control', 'private, no-store').send(out.pdf);
  });
  api.post('/public/coops/:slug/care/applications', { schema: { tags, summary: 'Permohonan bantuan dari warga (tanpa akun); jawabannya hanya status dan aturan', params: ZSlug, body: anyBody, response: { 201: z.object({ id: z.string(), status: z.string(), refusedRule: z.string().nullable() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await submitPublicApplication(req.ctx, req.params.slug, req.body))
  );
}
