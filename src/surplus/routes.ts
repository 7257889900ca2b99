import { z } from 'zod';
import type { App } from '../server/types.js';
import { enterCoop } from '../server/tenant-context.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { approveShuRun } from './approve-shu-run.js';
import { computeShuRun } from './compute-shu-run.js';
import { getOwnShares } from './get-own-share.js';
import { getRun, listRuns } from './get-run.js';
import { payShuShare } from './pay-shu-share.js';
import { postShuRun } from './post-shu-run.js';
import { proposeShuRun } from './propose-shu-run.js';
import { ZApproveRunRequest, ZComputeRequest, ZPayShareRequest, ZProposeRunRequest, ZReverseRunRequest, ZShuSettingsRequest } from './requests.js';
import { reverseShuRun } from './reverse-shu-run.js';
import { getShuSettings, updateShuSettings } from './shu-settings.js';

const ZMemberShare = z
  .object({
    memberId: z.string(),
    memberNo: z.number().int().nullable(),
    fullName: z.string(),
    capitalWeight: z.string(),
    volumeWeight: z.string(),
    jasaModal: z.number().int(),
    jasaUsaha: z.number().int(),
    total: z.number().int(),
    payable: z.number().int(),
    withholding: z.number().int(),
    netPayout: z.number().int(),
    flags: z.array(z.string()),
    payment: z.object({ method: z.string(), amount: z.number().int(), paidOn: z.string(), entryId: z.string() }).nullable()
  })
  .loose();
const ZRun = z
  .object({
    id: z.string(),
    number: z.number().int(),
    fiscalYear: z.number().int(),
    periodStart: z.string(),
    periodEnd: z.string(),
    status: z.string(),
    outcome: z.string(),
    pool: z.number().int(),
    components: z.array(z.object({ key: z.string(), amount: z.number().int() })),
    toCadangan: z.array(z.object({ reason: z.string(), amount: z.number().int() })),
    cadangan: z.number().int(),
    coverage: z.object({ fromCadangan: z.number().int(), carriedForward: z.number().int() }).nullable(),
    decision: z.object({ id: z.string(), ref: z.string().nullable() }).nullable(),
    postedEntryId: z.string().nullable(),
    members: z.array(ZMemberShare),
    totals: z.record(z.string(), z.number())
  })
  .loose();
const ZRunSummary = z.object({ id: z.string(), number: z.number().int(), fiscalYear: z.number().int(), status: z.string(), outcome: z.string(), pool: z.number().int(), createdAt: z.string(), decisionRef: z.string().nullable() });
const ZSettings = z.object({
  capitalAccounts: z.array(z.string()),
  capitalMethod: z.string(),
  leaver: z.string(),
  minActiveDays: z.number().int(),
  emptyPool: z.string(),
  payoutRoundTo: z.number().int(),
  withholdingBp: z.number().int(),
  usahaCategories: z.array(z.object({ code: z.string(), weightBp: z.number().int() }))
});
const ZOwnShare = z.object({ run: z.object({}).loose(), share: ZMemberShare.nullable(), pools: z.object({ jasaModal: z.number().int(), jasaUsaha: z.number().int() }) });
const ZRunParams = ZCoopParams.extend({ runId: z.uuid() });
const ZRunMemberParams = ZRunParams.extend({ memberId: z.uuid() });

export async function surplusRoutes(api: App): Promise<void> {
  const tags = ['shu'];
  const base = '/coops/:coopId/shu';

  api.get(`${base}/settings`, { schema: { tags, summary: 'Kebijakan SHU koperasi (dasar modal, metode, anggota keluar, pembulatan, pajak)', params: ZCoopParams, response: { 200: ZSettings, ...errorResponses } } }, async (req) =>
    getShuSettings(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );
  api.put(`${base}/settings`, { schema: { tags, summary: 'Ubah kebijakan SHU (bendahara, ketua)', params: ZCoopParams, body: ZShuSettingsRequest, response: { 200: ZSettings, ...errorResponses } } }, async (req) =>
    updateShuSettings(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );
  api.get(
    `${base}/runs`,
    { schema: { tags, summary: 'Perhitungan SHU, terbaru dahulu (pengurus, pengawas)', params: ZCoopParams, querystring: z.object({ fiscalYear: z.coerce.number().int().optional() }), response: { 200: z.array(ZRunSummary), ...errorResponses } } },
    async (req) => listRuns(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query.fiscalYear)
  );
  api.post(
    `${base}/runs`,
    { schema: { tags, summary: 'Hitung SHU satu tahun buku yang sudah ditutup: perhitungan DRAFT baru (menggantikan draft lama)', params: ZCoopParams, body: ZComputeRequest, response: { 201: ZRun, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await computeShuRun(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );
  api.get(`${base}/runs/:runId`, { schema: { tags, summary: 'Satu perhitungan SHU dengan bagian setiap anggota', params: ZRunParams, response: { 200: ZRun, ...errorResponses } } }, async (req) =>
    getRun(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.runId)
  );
  api.post(
    `${base}/runs/:runId/propose`,
    { schema: { tags, summary: 'Ajukan ke RAT (DRAFT → PROPOSED); dengan meetingId: masuk agenda RAT sebagai usulan keputusan', params: ZRunParams, body: ZProposeRunRequest, response: { 200: ZRun, ...errorResponses } } },
    async (req) => proposeShuRun(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.runId, req.body)
  );
  api.post(
    `${base}/runs/:runId/approve`,
    { schema: { tags, summary: 'Sahkan dengan keputusan RAT yang diterima (PROPOSED → APPROVED); sesudahnya tidak dapat diubah', params: ZRunParams, body: ZApproveRunRequest, response: { 200: ZRun, ...errorResponses } } },
    async (req) => approveShuRun(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.runId, req.body)
  );
  api.post(
    `${base}/runs/:runId/post`,
    { schema: { tags, summary: 'Bukukan: satu jurnal seimbang (APPROVED → POSTED). Idempoten', params: ZRunParams, response: { 200: ZRun, ...errorResponses } } },
    async (req) => postShuRun(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.runId)
  );
  api.post(
    `${base}/runs/:runId/reverse`,
    { schema: { tags, summary: 'Koreksi: jurnal pembalik atas perhitungan yang sudah dibukukan dan belum dibayar', params: ZRunParams, body: ZReverseRunRequest, response: { 200: ZRun, ...errorResponses } } },
    async (req) => reverseShuRun(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.runId, req.body)
  );
  api.post(
    `${base}/runs/:runId/members/:memberId/pay`,
    {
      schema: {
        tags,
        summary: 'Bayar bagian SHU satu anggota: tunai, bank, atau masuk simpanan sukarela. Sekali saja (201 baru, 200 ulangan)',
        params: ZRunMemberParams,
        body: ZPayShareRequest,
        response: { 200: z.object({ member: ZMemberShare, created: z.boolean(), runStatus: z.string() }), 201: z.object({ member: ZMemberShare, created: z.boolean(), runStatus: z.string() }), ...errorResponses }
      }
    },
    async (req, reply) => {
      const r = await payShuShare(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.runId, req.params.memberId, req.body);
      return reply.status(r.created ? 201 : 200).send(r);
    }
  );
  api.get(`${base}/me`, { schema: { tags, summary: 'SHU saya: bagian saya di setiap perhitungan yang sudah disahkan, dengan rinciannya', params: ZCoopParams, response: { 200: z.array(ZOwnShare), ...errorResponses } } }, async (req) =>
    getOwnShares(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );
}
