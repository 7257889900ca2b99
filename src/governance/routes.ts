import { z } from 'zod';
import type { App } from '../server/types.js';
import { enterCoop } from '../server/tenant-context.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { addAgendaItem } from './add-agenda-item.js';
import { addComment } from './add-comment.js';
import { addMinutesAmendment } from './add-minutes-amendment.js';
import { approveMinutes } from './approve-minutes.js';
import { castBallot } from './cast-ballot.js';
import { checkIn } from './check-in.js';
import { closeDecision } from './close-decision.js';
import { closeMeeting } from './close-meeting.js';
import { declareConsensus } from './declare-consensus.js';
import { enterPaperBallot } from './enter-paper-ballot.js';
import { getDecision } from './get-decision.js';
import { getMeeting } from './get-meeting.js';
import { getMinutes } from './get-minutes.js';
import { getReceipt } from './get-receipt.js';
import { listDecisions, ZListDecisionsRequest } from './list-decisions.js';
import { listMeetings, ZListMeetingsRequest } from './list-meetings.js';
import { listParticipation } from './list-participation.js';
import { meetingCalendar } from './meeting-calendar.js';
import {
  ZAgendaItemRequest,
  ZAmendmentRequest,
  ZApproveMinutesRequest,
  ZAttendanceRequest,
  ZBallotRequest,
  ZCheckInRequest,
  ZCommentRequest,
  ZLeaveRequest,
  ZMinutesRequest,
  ZOpenVoteRequest,
  ZPaperBallotRequest,
  ZPositionRequest,
  ZProposeRequest,
  ZReopenRequest,
  ZScheduleMeetingRequest,
  ZUpdateDecisionRequest
} from './model.js';
import { openMeeting } from './open-meeting.js';
import { openVote } from './open-vote.js';
import { proposeDecision } from './propose-decision.js';
import { recordAttendance, recordDeparture } from './record-attendance.js';
import { reopenDecision } from './reopen-decision.js';
import { saveMinutes } from './save-minutes.js';
import { scheduleMeeting } from './schedule-meeting.js';
import { sendVotingReminders } from './send-voting-reminders.js';
import { statePosition } from './state-position.js';
import { updateDecision } from './update-decision.js';

const ZAttendance = z.object({ eligible: z.number().int(), present: z.number().int(), inPerson: z.number().int(), online: z.number().int(), quorumRequired: z.number().int(), quorumMet: z.boolean() });
const ZMeeting = z.looseObject({
  id: z.string(),
  number: z.number().int(),
  kind: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  status: z.string(),
  agenda: z.array(z.object({ id: z.string(), position: z.number().int(), title: z.string(), description: z.string().nullable() })),
  attendance: ZAttendance
});
const ZMeetingDetail = z.object({
  meeting: ZMeeting,
  attendees: z.array(z.looseObject({ memberId: z.string(), fullName: z.string(), present: z.boolean() })).nullable(),
  checkinCode: z.string().nullable(),
  me: z.looseObject({ memberId: z.string(), present: z.boolean() }).nullable()
});
const ZMinutes = z.looseObject({ meetingId: z.string(), status: z.enum(['draft', 'approved']), summary: z.string(), items: z.array(z.looseObject({ agendaItemId: z.string(), notes: z.string() })), amendments: z.array(z.looseObject({ id: z.string(), text: z.string() })) });
const ZDecision = z.looseObject({
  id: z.string(),
  number: z.number().int(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  secret: z.boolean(),
  ballotsCast: z.number().int(),
  result: z.looseObject({ version: z.number().int(), outcome: z.string(), rule: z.unknown(), inputs: z.unknown(), tally: z.unknown() }).nullable()
});
const ZDecisionSummary = z.looseObject({ id: z.string(), number: z.number().int(), kind: z.string(), title: z.string(), status: z.string(), outcome: z.string().nullable(), ballotsCast: z.number().int() });
const ZBallotReceipt = z.object({ decisionId: z.string(), receiptCode: z.string(), votedAt: z.string(), origin: z.enum(['online', 'in_person']), created: z.boolean(), changed: z.boolean() });
const ZVoteReceipt = z.object({
  decisionId: z.string(),
  eligible: z.boolean(),
  voted: z.boolean(),
  receiptCode: z.string().nullable(),
  votedAt: z.string().nullable(),
  origin: z.enum(['online', 'in_person']).nullable(),
  counted: z.boolean().nullable(),
  ballotsCounted: z.number().int().nullable()
});
const ZParticipation = z.object({
  eligible: z.number().int(),
  voted: z.number().int(),
  visible: z.boolean(),
  members: z.array(z.object({ memberId: z.string(), memberNo: z.number().int().nullable(), fullName: z.string(), voted: z.boolean(), origin: z.enum(['online', 'in_person']).nullable() }))
});
const ZMeetingParams = ZCoopParams.extend({ meetingId: z.uuid() });
const ZDecisionParams = ZCoopParams.extend({ decisionId: z.uuid() });

export async function governanceRoutes(api: App): Promise<void> {
  const tags = ['governance'];
  const m = '/coops/:coopId/meetings';
  const d = '/coops/:coopId/decisions';
  const ctxOf = (req: { ctx: Parameters<typeof enterCoop>[0]; auth: Parameters<typeof enterCoop>[1]; params: { coopId: string } }) => enterCoop(req.ctx, req.auth, req.params.coopId);

  api.get(m, { schema: { tags, summary: 'Daftar rapat (terbaru dahulu) dengan kehadiran dan kuorum', params: ZCoopParams, querystring: ZListMeetingsRequest, response: { 200: z.object({ items: z.array(ZMeeting), page: z.number().int(), pageSize: z.number().int() }), ...errorResponses } } }, async (req) =>
    listMeetings(await ctxOf(req), req.query)
  );
  api.post(m, { schema: { tags, summary: 'Jadwalkan rapat (ketua/sekretaris); undangan email dengan lampiran iCalendar. RAT/luar biasa: masa undangan anggaran dasar', params: ZCoopParams, body: ZScheduleMeetingRequest, response: { 201: ZMeeting, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await scheduleMeeting(await ctxOf(req), req.body))
  );
  api.get(`${m}/:meetingId`, { schema: { tags, summary: 'Rapat: acara, kehadiran dan kuorum langsung', params: ZMeetingParams, response: { 200: ZMeetingDetail, ...errorResponses } } }, async (req) => getMeeting(await ctxOf(req), req.params.meetingId));
  api.get(`${m}/:meetingId/calendar.ics`, { schema: { tags, summary: 'Undangan rapat sebagai iCalendar', params: ZMeetingParams, response: { 200: z.any().describe('text/calendar'), ...errorResponses } } }, async (req, reply) => {
    const ics = await meetingCalendar(await ctxOf(req), req.params.meetingId);
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="rapat.ics"').send(ics);
  });
  api.post(`${m}/:meetingId/agenda`, { schema: { tags, summary: 'Tambah acara rapat', params: ZMeetingParams, body: ZAgendaItemRequest, response: { 201: z.looseObject({ id: z.string(), position: z.number().int(), title: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addAgendaItem(await ctxOf(req), req.params.meetingId, req.body))
  );
  api.post(`${m}/:meetingId/open`, { schema: { tags, summary: 'Buka rapat: peserta dibekukan (penyebut kuorum)', params: ZMeetingParams, response: { 200: ZMeeting, ...errorResponses } } }, async (req) => openMeeting(await ctxOf(req), req.params.meetingId));
  api.post(`${m}/:meetingId/close`, { schema: { tags, summary: 'Tutup rapat (idempoten)', params: ZMeetingParams, response: { 200: ZMeeting, ...errorResponses } } }, async (req) => closeMeeting(await ctxOf(req), req.params.meetingId));
  api.post(`${m}/:meetingId/attendance`, { schema: { tags, summary: 'Petugas mencatat hadir seorang anggota (langsung/daring); koreksi diaudit', params: ZMeetingParams, body: ZAttendanceRequest, response: { 200: ZMeeting, ...errorResponses } } }, async (req) =>
    recordAttendance(await ctxOf(req), req.params.meetingId, req.body)
  );
  api.post(`${m}/:meetingId/departures`, { schema: { tags, summary: 'Petugas mencatat anggota keluar dari rapat', params: ZMeetingParams, body: ZLeaveRequest, response: { 200: ZMeeting, ...errorResponses } } }, async (req) =>
    recordDeparture(await ctxOf(req), req.params.meetingId, req.body)
  );
  api.post(`${m}/:meetingId/check-in`, { schema: { tags, summary: 'Anggota mencatat hadirnya sendiri dengan kode QR rapat', params: ZMeetingParams, body: ZCheckInRequest, response: { 200: ZMeeting, ...errorResponses } } }, async (req) =>
    checkIn(await ctxOf(req), req.params.meetingId, req.body)
  );
  api.get(`${m}/:meetingId/minutes`, { schema: { tags, summary: 'Notulen rapat', params: ZMeetingParams, response: { 200: ZMinutes, ...errorResponses } } }, async (req) => getMinutes(await ctxOf(req), req.params.meetingId));
  api.put(`${m}/:meetingId/minutes`, { schema: { tags, summary: 'Simpan draf notulen (ringkasan, catatan per acara); 409 MINUTES_APPROVED setelah disahkan', params: ZMeetingParams, body: ZMinutesRequest, response: { 200: ZMinutes, ...errorResponses } } }, async (req) =>
    saveMinutes(await ctxOf(req), req.params.meetingId, req.body)
  );
  api.post(`${m}/:meetingId/minutes/approve`, { schema: { tags, summary: 'Sahkan notulen: sejak itu hanya-baca', params: ZMeetingParams, body: ZApproveMinutesRequest, response: { 200: ZMinutes, ...errorResponses } } }, async (req) =>
    approveMinutes(await ctxOf(req), req.params.meetingId, req.body)
  );
  api.post(`${m}/:meetingId/minutes/amendments`, { schema: { tags, summary: 'Ralat notulen yang sudah disahkan', params: ZMeetingParams, body: ZAmendmentRequest, response: { 201: ZMinutes, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addMinutesAmendment(await ctxOf(req), req.params.meetingId, req.body))
  );

  api.get(d, { schema: { tags, summary: 'Daftar keputusan (register)', params: ZCoopParams, querystring: ZListDecisionsRequest, response: { 200: z.object({ items: z.array(ZDecisionSummary), page: z.number().int(), pageSize: z.number().int() }), ...errorResponses } } }, async (req) =>
    listDecisions(await ctxOf(req), req.query)
  );
  api.post(d, { schema: { tags, summary: 'Ajukan usulan (anggota aktif): musyawarah dahulu. Jenis: general, charter_change (charterRules), dissolution, election (options calon, electionRole, masa jabatan), admission (subjectMemberId)', params: ZCoopParams, body: ZProposeRequest, response: { 201: ZDecision, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await proposeDecision(await ctxOf(req), req.body))
  );
  api.get(`${d}/:decisionId`, { schema: { tags, summary: 'Usulan: diskusi, sikap, jumlah suara; hasil setelah ditutup', params: ZDecisionParams, response: { 200: ZDecision, ...errorResponses } } }, async (req) => getDecision(await ctxOf(req), req.params.decisionId));
  api.patch(`${d}/:decisionId`, { schema: { tags, summary: 'Ubah usulan; pengaturan beku setelah suara pertama; rahasia tidak dapat dibuka', params: ZDecisionParams, body: ZUpdateDecisionRequest, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    updateDecision(await ctxOf(req), req.params.decisionId, req.body)
  );
  api.post(`${d}/:decisionId/positions`, { schema: { tags, summary: 'Sikap musyawarah anggota: agree, abstain, disagree, block (dengan alasan)', params: ZDecisionParams, body: ZPositionRequest, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    statePosition(await ctxOf(req), req.params.decisionId, req.body)
  );
  api.post(`${d}/:decisionId/comments`, { schema: { tags, summary: 'Tanggapan dalam diskusi', params: ZDecisionParams, body: ZCommentRequest, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    addComment(await ctxOf(req), req.params.decisionId, req.body)
  );
  api.post(`${d}/:decisionId/consensus`, { schema: { tags, summary: 'Ketua rapat mencatat mufakat', params: ZDecisionParams, response: { 200: ZDecision, ...errorResponses } } }, async (req) => declareConsensus(await ctxOf(req), req.params.decisionId));
  api.post(`${d}/:decisionId/open-vote`, { schema: { tags, summary: 'Buka pemungutan suara sampai closesAt: pemilih dibekukan', params: ZDecisionParams, body: ZOpenVoteRequest, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    openVote(await ctxOf(req), req.params.decisionId, req.body)
  );
  api.post(
    `${d}/:decisionId/ballots`,
    {
      schema: {
        tags,
        summary: 'Suara anggota sendiri (satu anggota satu suara, bobot 1). Idempotency-Key (header atau body) mengulang jawaban pertama. voteToken: tautan sekali pakai dari pesan',
        params: ZDecisionParams,
        headers: z.looseObject({ 'idempotency-key': z.string().optional() }),
        body: ZBallotRequest,
        response: { 200: ZBallotReceipt, 201: ZBallotReceipt, ...errorResponses }
      }
    },
    async (req, reply) => {
      const key = req.body.idempotencyKey ?? req.headers['idempotency-key'];
      const receipt = await castBallot(await ctxOf(req), req.params.decisionId, { ...req.body, ...(key ? { idempotencyKey: key } : {}) });
      return reply.status(receipt.created ? 201 : 200).send(receipt);
    }
  );
  api.post(`${d}/:decisionId/paper-ballots`, { schema: { tags, summary: 'Petugas mencatat surat suara kertas anggota yang hadir langsung (origin in_person, diaudit, tidak pernah dua kali)', params: ZDecisionParams, body: ZPaperBallotRequest, response: { 201: ZBallotReceipt, 200: ZBallotReceipt, ...errorResponses } } }, async (req, reply) => {
    const receipt = await enterPaperBallot(await ctxOf(req), req.params.decisionId, req.body);
    return reply.status(receipt.created ? 201 : 200).send(receipt);
  });
  api.post(`${d}/:decisionId/close`, { schema: { tags, summary: 'Tutup pemungutan suara: hasil dibekukan bersama aturan dan masukannya (idempoten)', params: ZDecisionParams, response: { 200: ZDecision, ...errorResponses } } }, async (req) => closeDecision(await ctxOf(req), req.params.decisionId));
  api.post(`${d}/:decisionId/reopen`, { schema: { tags, summary: 'Buka kembali dengan alasan; hasil lama digantikan, tidak ditimpa', params: ZDecisionParams, body: ZReopenRequest, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    reopenDecision(await ctxOf(req), req.params.decisionId, req.body)
  );
  api.get(`${d}/:decisionId/receipt`, { schema: { tags, summary: 'Tanda terima: suara saya tercatat dan dihitung (tanpa pilihan)', params: ZDecisionParams, response: { 200: ZVoteReceipt, ...errorResponses } } }, async (req) => getReceipt(await ctxOf(req), req.params.decisionId));
  api.get(`${d}/:decisionId/participation`, { schema: { tags, summary: 'Siapa berhak dan siapa sudah memilih (tanpa pilihan); rahasia: tersembunyi sampai max(3, kuorum) suara', params: ZDecisionParams, response: { 200: ZParticipation, ...errorResponses } } }, async (req) =>
    listParticipation(await ctxOf(req), req.params.decisionId)
  );
  api.post('/coops/:coopId/governance/reminders', { schema: { tags, summary: 'Kirim pengingat 24 jam kepada pemilih yang belum memilih', params: ZCoopParams, response: { 200: z.object({ queued: z.number().int() }), ...errorResponses } } }, async (req) =>
    sendVotingReminders(await ctxOf(req))
  );
}
