import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { AppError } from '../kernel/errors.js';
import type { Ctx } from '../kernel/context.js';
import { createNetwork } from './create-network.js';
import { answerInvitation, applyToNetwork, inviteCoop, leaveNetwork, listCoopNetworks, listDelegates, listMemberships, nameDelegate, revokeDelegate } from './memberships.js';
import { castNetworkBallot, closeNetworkDecision, declareConsensus, getDecision, listDecisions, openVote, proposeDecision, requireDelegate, statePosition } from './decisions.js';
import { endTrade, getTrade, listTrades, payTrade, placeTradeOrder, reconcileTrades, setTradeAccounts } from './trade.js';
import { getOwnFigures, networkSharedFigures, setRollupOptIn, setSharing } from './figures.js';
import { cityCalendar, getCityPage } from './city.js';
import { getRollups, rollupCsv } from './rollups.js';
import { findNetwork, isSteward } from './support.js';

const tags = ['networks'];
const anyBody = z.record(z.string(), z.unknown());
const ZNet = z.object({ networkId: z.uuid() });
const ZCoopNet = ZCoopParams.extend({ networkId: z.uuid() });
const ZDec = ZNet.extend({ decisionId: z.uuid() });
const ZTrade = ZCoopParams.extend({ tradeId: z.uuid() });
const ZNetwork = z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.string(), region_code: z.string(), description: z.string(), brand_story: z.string(), brand_logo_url: z.string().nullable(), brand_colour: z.string(), mode: z.string(), lead_coop_id: z.string().nullable(), weighting: z.string(), weight_cap_bp: z.number().nullable(), quorum_bp: z.number(), threshold_bp: z.number() });
const ZMembership = z.object({ id: z.string(), networkId: z.string(), coopId: z.string(), coopName: z.string(), coopSlug: z.string(), origin: z.string(), status: z.string(), coopConsentAt: z.string().nullable(), networkConsentAt: z.string().nullable(), networkDecisionId: z.string().nullable(), joinedAt: z.string().nullable(), leftAt: z.string().nullable(), leftReason: z.string().nullable() });
const ZDecision = z.object({
  id: z.string(), networkId: z.string(), number: z.number(), kind: z.string(), title: z.string(), body: z.string(), subject: z.unknown(), status: z.string(), decidedBy: z.string(), quorumBp: z.number(), thresholdBp: z.number(),
  electorate: z.array(z.string()).nullable(), outcome: z.string().nullable(), result: z.unknown(), openedAt: z.string().nullable(), closesAt: z.string().nullable(), closedAt: z.string().nullable(),
  ballots: z.array(z.object({ coopId: z.string(), choice: z.string(), weight: z.number(), castAt: z.string() })).optional(),
  positions: z.array(z.object({ coopId: z.string(), stance: z.string(), reason: z.string().nullable() })).optional()
});
const ZTradeSide = z.object({
  tradeId: z.string(), tradeNo: z.string(), networkId: z.string(), side: z.string(), counterpartyCoopId: z.string(), counterpartyName: z.string(), status: z.string(),
  lines: z.array(z.object({ workId: z.string(), variantId: z.string().nullish(), title: z.string(), quantity: z.number(), unitPrice: z.number(), lineTotal: z.number() })),
  total: z.number(), commission: z.number(), orderEntryId: z.string(), paymentEntryId: z.string().nullable(), reversalEntryId: z.string().nullable(), createdAt: z.string(), paidAt: z.string().nullable()
});
const ZFigures = z.record(z.string(), z.number());

/** A network action as the signed-in person; an API token acts only for the coop it was issued for. */
function actor(req: FastifyRequest, coopId?: unknown): Ctx {
  if (!req.auth) throw new AppError('UNAUTHENTICATED');
  if (req.auth.kind === 'token' && (typeof coopId !== 'string' || coopId !== req.auth.coopId)) throw new AppError('NOT_FOUND');
  return req.ctx;
}
const bodyCoop = (req: FastifyRequest) => (req.body as { coopId?: unknown } | undefined)?.coopId;

/**
 * Who may read a network's decisions and shared figures: its stewards and people with a role in
 * one of its active member coops. Others get NOT_FOUND (as a coop's private data).
 */
async function requireInsider(ctx: Ctx, networkId: string): Promise<void> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  await findNetwork(ctx.db, networkId);
  if (ctx.actor.isPlatformAdmin || (await isSteward(ctx.db, networkId, ctx.actor.accountId))) return;
  const inside = await ctx.db
    .selectFrom('network_memberships as m')
    .innerJoin('coop_users as u', 'u.coop_id', 'm.member_coop_id')
    .select('m.id')
    .where('m.network_id', '=', networkId)
    .where('m.status', '=', 'active')
    .where('u.account_id', '=', ctx.actor.accountId)
    .executeTakeFirst();
  if (!inside) throw new AppError('NOT_FOUND');
}

export async function networkRoutes(api: App): Promise<void> {
  /* ---------------------------------------------------------------- a coop's own network business */
  api.post('/coops/:coopId/networks', { schema: { tags, summary: 'Mendirikan jaringan (koperasi ini anggota pertama; persetujuan pengurusnya)', params: ZCoopParams, body: anyBody, response: { 201: ZNetwork, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await createNetwork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );
  api.get('/coops/:coopId/networks', { schema: { tags, summary: 'Jaringan tempat koperasi ini menjadi anggota atau sedang bergabung', params: ZCoopParams, response: { 200: z.object({ items: z.array(z.object({ networkId: z.string(), slug: z.string(), name: z.string(), mode: z.string(), status: z.string(), origin: z.string() })) }), ...errorResponses } } }, async (req) => ({
    items: await listCoopNetworks(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.post('/coops/:coopId/networks/:networkId/application', { schema: { tags, summary: 'Mengajukan diri bergabung (persetujuan pengurus koperasi); jaringan memutus lewat keputusan anggota', params: ZCoopNet, response: { 201: z.object({ membership: ZMembership, decisionId: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await applyToNetwork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.networkId))
  );
  api.post('/coops/:coopId/networks/:networkId/invitation/accept', { schema: { tags, summary: 'Pengurus menerima undangan jaringan (persetujuan koperasi)', params: ZCoopNet, response: { 200: ZMembership, ...errorResponses } } }, async (req) =>
    answerInvitation(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.networkId, true)
  );
  api.post('/coops/:coopId/networks/:networkId/invitation/decline', { schema: { tags, summary: 'Pengurus menolak undangan jaringan', params: ZCoopNet, response: { 200: ZMembership, ...errorResponses } } }, async (req) =>
    answerInvitation(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.networkId, false)
  );
  api.post('/coops/:coopId/networks/:networkId/leave', { schema: { tags, summary: 'Keluar dari jaringan (bebas; riwayat tetap disimpan)', params: ZCoopNet, body: anyBody.optional(), response: { 200: ZMembership, ...errorResponses } } }, async (req) =>
    leaveNetwork(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.networkId, req.body ?? {})
  );
  api.get('/coops/:coopId/networks/:networkId/delegates', { schema: { tags, summary: 'Utusan koperasi ini di jaringan', params: ZCoopNet, response: { 200: z.object({ items: z.array(z.object({ accountId: z.string(), name: z.string(), authorisedAt: z.string() })) }), ...errorResponses } } }, async (req) => ({
    items: await listDelegates(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.networkId)
  }));
  api.post('/coops/:coopId/networks/:networkId/delegates', { schema: { tags, summary: 'Pengurus menunjuk utusan (akun yang berperan di koperasi ini)', params: ZCoopNet, body: anyBody, response: { 201: z.object({ accountId: z.string(), authorisedAt: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await nameDelegate(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.networkId, req.body))
  );
  api.delete('/coops/:coopId/networks/:networkId/delegates/:accountId', { schema: { tags, summary: 'Mencabut penunjukan utusan', params: ZCoopNet.extend({ accountId: z.uuid() }), response: { 204: z.null(), ...errorResponses } } }, async (req, reply) => {
    await revokeDelegate(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.networkId, req.params.accountId);
    return reply.status(204).send(null);
  });
  api.put('/coops/:coopId/networks/:networkId/sharing', { schema: { tags, summary: 'Angka yang boleh dilihat jaringan (hanya yang dipilih; bawaan: tidak ada)', params: ZCoopNet, body: anyBody, response: { 200: z.object({ networkId: z.string(), figures: z.array(z.string()), values: ZFigures }), ...errorResponses } } }, async (req) =>
    setSharing(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.networkId, req.body)
  );
  api.get('/coops/:coopId/network-figures', { schema: { tags, summary: 'Angka koperasi ini, pilihan rekap wilayah dan berbagi', params: ZCoopParams, response: { 200: z.object({ optIn: z.boolean(), figures: ZFigures, sharing: z.array(z.object({ networkId: z.string(), figures: z.array(z.string()) })) }), ...errorResponses } } }, async (req) =>
    getOwnFigures(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );
  api.put('/coops/:coopId/network-figures', { schema: { tags, summary: 'Ikut (atau tidak) dalam rekap wilayah publik', params: ZCoopParams, body: anyBody, response: { 200: z.object({ optIn: z.boolean(), figures: ZFigures }), ...errorResponses } } }, async (req) =>
    setRollupOptIn(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );

  /* ---------------------------------------------------------------- trade */
  api.get('/coops/:coopId/network-trades', { schema: { tags, summary: 'Transaksi antar-koperasi (sisi koperasi ini)', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZTradeSide) }), ...errorResponses } } }, async (req) => ({
    items: await listTrades(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.post('/coops/:coopId/network-trades', { schema: { tags, summary: 'Memesan dari katalog koperasi anggota lain: satu operasi membukukan kedua buku', params: ZCoopParams, body: anyBody, response: { 201: ZTradeSide, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await placeTradeOrder(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );
  api.get('/coops/:coopId/network-trades/reconciliation', { schema: { tags, summary: 'Rekonsiliasi per pasangan koperasi: kedua buku sama, selisih disebut', params: ZCoopParams, response: { 200: z.object({ items: z.array(z.object({ counterpartyCoopId: z.string(), ownTotal: z.number(), theirTotal: z.number(), agree: z.boolean(), differences: z.array(z.object({ tradeId: z.string(), tradeNo: z.string(), issue: z.string(), own: z.union([z.string(), z.number()]).nullable(), theirs: z.union([z.string(), z.number()]).nullable() })) })) }), ...errorResponses } } }, async (req) => ({
    items: await reconcileTrades(await enterCoop(req.ctx, req.auth, req.params.coopId))
  }));
  api.get('/coops/:coopId/network-trades/:tradeId', { schema: { tags, summary: 'Satu transaksi antar-koperasi', params: ZTrade, response: { 200: ZTradeSide, ...errorResponses } } }, async (req) =>
    getTrade(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.tradeId)
  );
  api.post('/coops/:coopId/network-trades/:tradeId/pay', { schema: { tags, summary: 'Pembeli mencatat pembayaran: kedua buku dilunasi', params: ZTrade, response: { 200: ZTradeSide, ...errorResponses } } }, async (req) =>
    payTrade(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.tradeId)
  );
  api.post('/coops/:coopId/network-trades/:tradeId/cancel', { schema: { tags, summary: 'Membatalkan sebelum dibayar: dicerminkan di kedua buku', params: ZTrade, response: { 200: ZTradeSide, ...errorResponses } } }, async (req) =>
    endTrade(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.tradeId, 'cancel')
  );
  api.post('/coops/:coopId/network-trades/:tradeId/refund', { schema: { tags, summary: 'Penjual mengembalikan dana: dicerminkan di kedua buku', params: ZTrade, response: { 200: ZTradeSide, ...errorResponses } } }, async (req) =>
    endTrade(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.tradeId, 'refund')
  );
  api.put('/coops/:coopId/network-trade-accounts/:counterpartyId', { schema: { tags, summary: 'Pemetaan akun untuk perdagangan dengan satu koperasi', params: ZCoopParams.extend({ counterpartyId: z.uuid() }), body: anyBody, response: { 200: z.object({ purchase: z.string(), payable: z.string(), receivable: z.string(), sales: z.string() }), ...errorResponses } } }, async (req) =>
    setTradeAccounts(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.counterpartyId, req.body)
  );

  /* ---------------------------------------------------------------- the network's governance */
  api.get('/networks/:networkId/memberships', { schema: { tags, summary: 'Keanggotaan jaringan, sekarang dan riwayatnya', params: ZNet, response: { 200: z.object({ items: z.array(ZMembership) }), ...errorResponses } } }, async (req) => {
    await requireInsider(actor(req, req.auth?.kind === 'token' ? req.auth.coopId : undefined), req.params.networkId);
    return { items: await listMemberships(req.ctx, req.params.networkId) };
  });
  api.post('/networks/:networkId/invitations', { schema: { tags, summary: 'Utusan anggota mengusulkan undangan (diputus anggota; koperasi yang diundang tetap harus setuju)', params: ZNet, body: anyBody, response: { 201: z.object({ membership: ZMembership, decisionId: z.string() }), ...errorResponses } } }, async (req, reply) => {
    const ctx = actor(req, bodyCoop(req));
    return reply.status(201).send(await inviteCoop(ctx, req.params.networkId, req.body, (coopId) => requireDelegate(ctx.db, req.params.networkId, coopId, ctx.actor!.accountId)));
  });
  api.get('/networks/:networkId/decisions', { schema: { tags, summary: 'Keputusan jaringan', params: ZNet, response: { 200: z.object({ items: z.array(ZDecision) }), ...errorResponses } } }, async (req) => {
    await requireInsider(actor(req, req.auth?.kind === 'token' ? req.auth.coopId : undefined), req.params.networkId);
    return { items: await listDecisions(req.ctx, req.params.networkId) };
  });
  api.post('/networks/:networkId/decisions', { schema: { tags, summary: 'Mengusulkan keputusan (siapa boleh: menurut tata kelola jaringan)', params: ZNet, body: anyBody, response: { 201: ZDecision, ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await proposeDecision(actor(req, bodyCoop(req)), req.params.networkId, req.body))
  );
  api.get('/networks/:networkId/decisions/:decisionId', { schema: { tags, summary: 'Satu keputusan jaringan dengan sikap dan suara tiap koperasi', params: ZDec, response: { 200: ZDecision, ...errorResponses } } }, async (req) => {
    await requireInsider(actor(req, req.auth?.kind === 'token' ? req.auth.coopId : undefined), req.params.networkId);
    return getDecision(req.ctx, req.params.networkId, req.params.decisionId);
  });
  api.post('/networks/:networkId/decisions/:decisionId/positions', { schema: { tags, summary: 'Musyawarah: sikap koperasi (oleh utusannya)', params: ZDec, body: anyBody, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    statePosition(actor(req, bodyCoop(req)), req.params.networkId, req.params.decisionId, req.body)
  );
  api.post('/networks/:networkId/decisions/:decisionId/consensus', { schema: { tags, summary: 'Menyatakan mufakat (bila tercapai)', params: ZDec, body: anyBody, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    declareConsensus(actor(req, bodyCoop(req)), req.params.networkId, req.params.decisionId, req.body)
  );
  api.post('/networks/:networkId/decisions/:decisionId/vote', { schema: { tags, summary: 'Membuka pemungutan suara; pemilih (koperasi anggota) dibekukan', params: ZDec, body: anyBody, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    openVote(actor(req, bodyCoop(req)), req.params.networkId, req.params.decisionId, req.body)
  );
  api.post('/networks/:networkId/decisions/:decisionId/ballots', { schema: { tags, summary: 'Utusan memberikan suara koperasinya: satu koperasi, satu suara', params: ZDec, body: anyBody, response: { 201: z.object({ coopId: z.string(), choice: z.string(), weight: z.number() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await castNetworkBallot(actor(req, bodyCoop(req)), req.params.networkId, req.params.decisionId, req.body))
  );
  api.post('/networks/:networkId/decisions/:decisionId/close', { schema: { tags, summary: 'Menutup pemungutan suara (waktu habis atau semua koperasi memilih); aturan dan masukan disimpan', params: ZDec, body: anyBody, response: { 200: ZDecision, ...errorResponses } } }, async (req) =>
    closeNetworkDecision(actor(req, bodyCoop(req)), req.params.networkId, req.params.decisionId, req.body)
  );
  api.get('/networks/:networkId/shared-figures', { schema: { tags, summary: 'Angka yang dibagikan koperasi anggota kepada jaringan (hanya yang mereka pilih)', params: ZNet, response: { 200: z.object({ perCoop: z.array(z.object({ coopId: z.string(), coopName: z.string(), figures: ZFigures })), totals: z.record(z.string(), z.object({ value: z.number(), coops: z.number() })) }), ...errorResponses } } }, async (req) => {
    await requireInsider(actor(req, req.auth?.kind === 'token' ? req.auth.coopId : undefined), req.params.networkId);
    return networkSharedFigures(req.ctx, req.params.networkId);
  });

  /* ---------------------------------------------------------------- public */
  const ZSlug = z.object({ slug: z.string().min(1).max(64) });
  api.get('/public/networks/:slug', { schema: { tags, summary: 'Data terbuka halaman kota: koperasi, karya, acara, angka yang dibagikan (JSON)', params: ZSlug, querystring: z.object({ q: z.string().max(200).optional() }), response: { 200: z.unknown(), ...errorResponses } } }, async (req) =>
    getCityPage(req.ctx, req.params.slug, { q: req.query.q })
  );
  api.get('/public/networks/:slug/events.ics', { schema: { tags, summary: 'Agenda semua koperasi anggota (iCalendar)', params: ZSlug, response: { 200: z.string(), ...errorResponses } } }, async (req, reply) =>
    reply.header('content-type', 'text/calendar; charset=utf-8').send(await cityCalendar(req.ctx, req.params.slug, process.env.PUBLIC_URL ?? 'http://localhost:3000'))
  );
  const ZRollupQ = z.object({ year: z.string().max(4).optional(), province: z.string().max(2).optional() });
  api.get('/public/rollups', { schema: { tags, summary: 'Rekap wilayah dari tabel rekap (koperasi yang setuju)', querystring: ZRollupQ, response: { 200: z.unknown(), ...errorResponses } } }, async (req) => getRollups(req.ctx, req.query));
  api.get('/public/rollups.csv', { schema: { tags, summary: 'Rekap wilayah sebagai CSV', querystring: ZRollupQ, response: { 200: z.string(), ...errorResponses } } }, async (req, reply) => {
    const view = await getRollups(req.ctx, req.query);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="rekap-koperasi-${view.code || 'indonesia'}-${view.year}.csv"`).send(rollupCsv(view));
  });
}
