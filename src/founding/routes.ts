import { z } from 'zod';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterGroup } from './access.js';
import { activateGroup } from './activate.js';
import { addOwnBusiness, addPotential, addUnit, getBusinessMap, removeBusiness } from './businesses.js';
import { dossierPdf, dossierZip, getDossier, updateDossier } from './dossier.js';
import { addFounder, claimInvitation, getGroup, listMyGroups, removeFounder, saveVision, startGroup, updateFounder } from './group.js';
import { meetingPdf, recordFoundingMeeting } from './meeting.js';
import { getNeedsMap, getOwnSurvey, saveOwnSurvey } from './needs.js';
import { openingTemplate, postOpeningBalances } from './onboarding.js';
import { enterCoop } from '../server/tenant-context.js';
import { chooseModel, commentOnChapter, compareTemplates, draftStatutesFile, getDraftStatutes } from './statutes-doc.js';

const tags = ['founding'];
const anyBody = z.record(z.string(), z.unknown());
const ZIdParams = ZCoopParams.extend({ id: z.uuid() });
const ok = z.object({ ok: z.literal(true) });
const loose = z.looseObject({});

function file(reply: { header: (k: string, v: string) => typeof reply; send: (b: Buffer) => unknown }, bytes: Buffer, type: string, name: string) {
  return reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(bytes);
}

/**
 * Founding groups (issue 20, decision 0180): /api/v1/founding/... for starting a group and
 * the signed-in person's groups; /api/v1/founding/:coopId/... for one group, open to its
 * founders only (enterGroup).
 */
export async function foundingRoutes(api: App): Promise<void> {
  const base = '/founding/:coopId';
  const g = (req: { ctx: Parameters<typeof enterGroup>[0]; auth: Parameters<typeof enterGroup>[1]; params: { coopId: string } }) => enterGroup(req.ctx, req.auth, req.params.coopId);
  const signedIn = (req: { ctx: Ctx }): Ctx => {
    if (!req.ctx.actor) throw new AppError('UNAUTHENTICATED');
    return req.ctx;
  };

  api.get('/founding', { schema: { tags, summary: 'Kelompok pendiri yang saya ikuti', response: { 200: z.object({ items: z.array(z.object({ coopId: z.string(), slug: z.string(), name: z.string(), status: z.string() })) }), ...errorResponses } } }, async (req) => ({
    items: await listMyGroups(signedIn(req))
  }));
  api.post('/founding', { schema: { tags, summary: 'Memulai kelompok pendiri (siapa saja yang punya akun); pemula menjadi pendiri dan koordinator', body: anyBody, response: { 201: z.object({ coopId: z.string(), slug: z.string(), founderId: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await startGroup(signedIn(req), req.body))
  );
  api.get('/founding/templates', { schema: { tags, summary: 'Templat anggaran dasar berdampingan (aturan dalam kata-kata)', response: { 200: z.object({ items: z.array(loose) }), ...errorResponses } } }, async (req) => ({ items: compareTemplates(req.ctx.locale) }));
  api.post(`${base}/claim`, { schema: { tags, summary: 'Calon pendiri menerima undangan dengan kodenya (akun sendiri)', params: ZCoopParams, body: z.object({ code: z.string() }), response: { 200: z.object({ founderId: z.string() }), ...errorResponses } } }, async (req) =>
    claimInvitation(signedIn(req), req.params.coopId, req.body.code)
  );

  api.get(base, { schema: { tags, summary: 'Kelompok pendiri: pendiri, langkah dan kemajuan (NIK lengkap hanya untuk koordinator dan pemiliknya)', params: ZCoopParams, response: { 200: loose, ...errorResponses } } }, async (req) => getGroup(await g(req)));
  api.post(`${base}/founders`, { schema: { tags, summary: 'Koordinator menambah calon pendiri (NIK 16 digit, unik dalam kelompok; domisili sampai RT/RW dan desa); jawaban memuat kode undangan', params: ZCoopParams, body: anyBody, response: { 201: z.object({ founderId: z.string(), inviteCode: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addFounder(await g(req), req.body))
  );
  api.put(`${base}/founders/:id`, { schema: { tags, summary: 'Mengubah data pendiri (sendiri, atau koordinator)', params: ZIdParams, body: anyBody, response: { 200: ok, ...errorResponses } } }, async (req) => {
    await updateFounder(await g(req), req.params.id, req.body);
    return { ok: true as const };
  });
  api.delete(`${base}/founders/:id`, { schema: { tags, summary: 'Koordinator mengeluarkan calon pendiri', params: ZIdParams, response: { 200: ok, ...errorResponses } } }, async (req) => {
    await removeFounder(await g(req), req.params.id);
    return { ok: true as const };
  });
  api.put(`${base}/vision`, { schema: { tags, summary: 'Visi, misi dan nilai bersama (koordinator); agreed: disepakati kelompok', params: ZCoopParams, body: anyBody, response: { 200: ok, ...errorResponses } } }, async (req) => {
    await saveVision(await g(req), req.body);
    return { ok: true as const };
  });
  api.get(`${base}/survey`, { schema: { tags, summary: 'Jawaban survei kebutuhan saya', params: ZCoopParams, response: { 200: z.object({ needs: z.array(loose) }), ...errorResponses } } }, async (req) => ({ needs: await getOwnSurvey(await g(req)) }));
  api.put(`${base}/survey`, { schema: { tags, summary: 'Menyimpan survei kebutuhan saya (seluruhnya): kategori primer/sekunder/penunjang/pelengkap, frekuensi, belanja per bulan (rupiah)', params: ZCoopParams, body: anyBody, response: { 200: z.object({ needs: z.number() }), ...errorResponses } } }, async (req) =>
    saveOwnSurvey(await g(req), req.body)
  );
  api.get(`${base}/needs-map`, { schema: { tags, summary: 'Peta kebutuhan gabungan: rumah tangga dan belanja per kategori dan kebutuhan', params: ZCoopParams, response: { 200: loose, ...errorResponses } } }, async (req) => getNeedsMap(await g(req)));
  api.get(`${base}/businesses`, { schema: { tags, summary: 'Usaha pendiri, potensi wilayah, usulan keterkaitan usaha, unit usaha rancangan', params: ZCoopParams, response: { 200: loose, ...errorResponses } } }, async (req) => getBusinessMap(await g(req)));
  api.post(`${base}/businesses`, { schema: { tags, summary: 'Mencatat usaha saya (lini produk, yang dibeli, yang dijual, omzet per bulan)', params: ZCoopParams, body: anyBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addOwnBusiness(await g(req), req.body))
  );
  api.delete(`${base}/businesses/:id`, { schema: { tags, summary: 'Menghapus usaha (milik sendiri, atau koordinator)', params: ZIdParams, response: { 200: ok, ...errorResponses } } }, async (req) => {
    await removeBusiness(await g(req), req.params.id);
    return { ok: true as const };
  });
  api.post(`${base}/potentials`, { schema: { tags, summary: 'Potensi wilayah menurut kode wilayah (koordinator)', params: ZCoopParams, body: anyBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addPotential(await g(req), req.body))
  );
  api.post(`${base}/units`, { schema: { tags, summary: 'Unit usaha rancangan: pendiri dan kebutuhan yang dilayani (koordinator)', params: ZCoopParams, body: anyBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await addUnit(await g(req), req.body))
  );
  api.put(`${base}/model`, { schema: { tags, summary: 'Memilih templat dan menyesuaikan aturan; nama, tempat kedudukan, maksud dan tujuan (koordinator)', params: ZCoopParams, body: anyBody, response: { 200: ok, ...errorResponses } } }, async (req) => {
    await chooseModel(await g(req), req.body);
    return { ok: true as const };
  });
  api.get(`${base}/statutes`, { schema: { tags, summary: 'Rancangan anggaran dasar per bab dan pasal, dengan komentar pendiri', params: ZCoopParams, response: { 200: loose, ...errorResponses } } }, async (req) => getDraftStatutes(await g(req)));
  api.get(`${base}/statutes.pdf`, { schema: { tags, summary: 'Rancangan anggaran dasar (PDF)', params: ZCoopParams, response: { 200: z.any(), ...errorResponses } } }, async (req, reply) => {
    const f = await draftStatutesFile(await g(req), 'pdf');
    return file(reply, f.bytes, 'application/pdf', f.filename);
  });
  api.get(`${base}/statutes.docx`, { schema: { tags, summary: 'Rancangan anggaran dasar (DOCX)', params: ZCoopParams, response: { 200: z.any(), ...errorResponses } } }, async (req, reply) => {
    const f = await draftStatutesFile(await g(req), 'docx');
    return file(reply, f.bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', f.filename);
  });
  api.post(`${base}/statutes/comments`, { schema: { tags, summary: 'Komentar pendiri atas satu bab', params: ZCoopParams, body: anyBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await commentOnChapter(await g(req), req.body))
  );
  api.put(`${base}/meeting`, { schema: { tags, summary: 'Mencatat rapat pendirian: hadir, jabatan terpilih, simpanan pokok disetor (minimal pendiri menurut undang-undang)', params: ZCoopParams, body: anyBody, response: { 200: z.object({ present: z.number() }), ...errorResponses } } }, async (req) =>
    recordFoundingMeeting(await g(req), req.body)
  );
  api.get(`${base}/meeting.pdf`, { schema: { tags, summary: 'Berita acara rapat pendirian dan daftar hadir (PDF)', params: ZCoopParams, response: { 200: z.any(), ...errorResponses } } }, async (req, reply) =>
    file(reply, await meetingPdf(await g(req)), 'application/pdf', 'berita-acara-rapat-pendirian.pdf')
  );
  api.get(`${base}/dossier`, { schema: { tags, summary: 'Daftar periksa langkah pendaftaran', params: ZCoopParams, response: { 200: loose, ...errorResponses } } }, async (req) => getDossier(await g(req)));
  api.put(`${base}/dossier`, { schema: { tags, summary: 'Koordinator mencatat status langkah luar (notaris, akta, SK AHU, NIB, NIK koperasi)', params: ZCoopParams, body: anyBody, response: { 200: loose, ...errorResponses } } }, async (req) => updateDossier(await g(req), req.body));
  api.get(`${base}/dossier.pdf`, { schema: { tags, summary: 'Berkas pendaftaran (PDF)', params: ZCoopParams, response: { 200: z.any(), ...errorResponses } } }, async (req, reply) =>
    file(reply, await dossierPdf(await g(req)), 'application/pdf', 'berkas-pendaftaran.pdf')
  );
  api.get(`${base}/dossier.zip`, { schema: { tags, summary: 'Berkas pendaftaran (ZIP)', params: ZCoopParams, response: { 200: z.any(), ...errorResponses } } }, async (req, reply) =>
    file(reply, await dossierZip(await g(req)), 'application/zip', 'berkas-pendaftaran.zip')
  );
  api.post(`${base}/activate`, { schema: { tags, summary: 'Mengaktifkan koperasi: pendiri menjadi anggota, anggaran dasar versi 1, peran pengurus, simpanan pokok dibukukan', params: ZCoopParams, response: { 200: z.object({ coopId: z.string(), slug: z.string(), members: z.number(), pokokPosted: z.number() }), ...errorResponses } } }, async (req) =>
    activateGroup(await g(req))
  );

  // Path B: bringing an existing cooperative in (the coop's own board, ledger.manage).
  const ob = '/coops/:coopId/onboarding';
  api.get(`${ob}/templates/:which`, { schema: { tags, summary: 'Templat lembar kerja (XLSX, berbahasa Indonesia): neraca.xlsx (bagan akun) atau simpanan.xlsx (anggota aktif)', params: ZCoopParams.extend({ which: z.string().max(40) }), response: { 200: z.any(), ...errorResponses } } }, async (req, reply) => {
    const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
    const which = ({ 'neraca.xlsx': 'neraca', 'simpanan.xlsx': 'simpanan' } as const)[req.params.which as 'neraca.xlsx'];
    if (!which) throw new AppError('NOT_FOUND');
    return file(reply, await openingTemplate(ctx, which), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `templat-${which}.xlsx`);
  });
  api.post(`${ob}/opening-balances`, {
    schema: {
      tags,
      summary: 'Neraca pembukaan pada tanggal peralihan: satu jurnal dalam periode yang ditutup; buku simpanan harus sama dengan sub-akun anggota. Semua atau tidak sama sekali: 422 ONBOARDING_INVALID dengan details.rows [{sheet,row,field,code,message}]',
      params: ZCoopParams,
      body: anyBody,
      response: { 201: z.object({ entryId: z.string(), closedThrough: z.string(), lines: z.number(), debit: z.number(), credit: z.number(), members: z.number() }), ...errorResponses }
    }
  }, async (req, reply) => reply.status(201).send(await postOpeningBalances(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)));
}
