import JSZip from 'jszip';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { formatRupiahId } from '../kernel/money.js';
import { renderPdf } from '../kernel/pdf.js';
import { parseInput } from '../kernel/validation.js';
import { lockOpenGroup, requireCoordinator, type GroupCtx } from './access.js';
import { getBusinessMap } from './businesses.js';
import { DOC_STYLES, longDate, meetingContent, readMeeting } from './meeting.js';
import { DOSSIER_REQUIRED, DOSSIER_STEPS, dossierComplete, ZDossierRequest, type DossierFacts } from './model.js';
import { statutesDocx, statutesIn, statutesPdf } from './statutes-doc.js';

export type DossierView = DossierFacts & { complete: boolean; steps: { key: (typeof DOSSIER_STEPS)[number]; done: boolean; required: boolean }[] };

function toFacts(g: { notary_sent_on: string | null; deed_number: string | null; deed_date: string | null; ahu_number: string | null; nib: string | null; nik_koperasi: string | null }): DossierFacts {
  return { notarySentOn: g.notary_sent_on, deedNumber: g.deed_number, deedDate: g.deed_date, ahuNumber: g.ahu_number, nib: g.nib, nikKoperasi: g.nik_koperasi };
}
function view(f: DossierFacts): DossierView {
  return { ...f, complete: dossierComplete(f), steps: DOSSIER_STEPS.map((key) => ({ key, done: Boolean(f[key]), required: DOSSIER_REQUIRED.includes(key) })) };
}

export async function getDossier(ctx: GroupCtx): Promise<DossierView> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => view(toFacts(await trx.selectFrom('founding_groups').selectAll().where('coop_id', '=', ctx.coopId).executeTakeFirstOrThrow())));
}

/** Coordinators enter the status of each external step (notary, deed, AHU decree, NIB, NIK koperasi). */
export async function updateDossier(ctx: GroupCtx, input: unknown): Promise<DossierView> {
  requireCoordinator(ctx);
  const d = parseInput(ZDossierRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const g = await lockOpenGroup(trx, ctx.coopId);
    const before = toFacts(g);
    const after: DossierFacts = {
      notarySentOn: d.notarySentOn === undefined ? before.notarySentOn : d.notarySentOn,
      deedNumber: d.deedNumber === undefined ? before.deedNumber : d.deedNumber,
      deedDate: d.deedDate === undefined ? before.deedDate : d.deedDate,
      ahuNumber: d.ahuNumber === undefined ? before.ahuNumber : d.ahuNumber,
      nib: d.nib === undefined ? before.nib : d.nib,
      nikKoperasi: d.nikKoperasi === undefined ? before.nikKoperasi : d.nikKoperasi
    };
    await trx
      .updateTable('founding_groups')
      .set({ notary_sent_on: after.notarySentOn, deed_number: after.deedNumber, deed_date: after.deedDate, ahu_number: after.ahuNumber, nib: after.nib, nik_koperasi: after.nikKoperasi, updated_at: ctx.clock.now() })
      .where('coop_id', '=', ctx.coopId)
      .execute();
    await recordAudit(trx, ctx, { action: 'founding.dossier', entity: 'founding_group', entityId: ctx.coopId, before, after });
    return view(after);
  });
}

/** The registration dossier as one PDF: cover and contents, founders with NIK and domicile, officers, capital paid, business plan, domicile statement, minutes and attendance, draft statutes. */
export async function dossierPdf(ctx: GroupCtx): Promise<Buffer> {
  const meeting = await readMeeting(ctx);
  const statutes = await withTenant(ctx.db, ctx.coopId, (trx) => statutesIn(trx, ctx.coopId));
  const seat = await withTenant(ctx.db, ctx.coopId, async (trx) => (await trx.selectFrom('founding_groups').select('seat').where('coop_id', '=', ctx.coopId).executeTakeFirstOrThrow()).seat ?? '');
  const plan = await getBusinessMap(ctx);
  const present = meeting.founders.filter((f) => f.attended);
  const officers = present.filter((f) => f.office);
  const content: unknown[] = [
    { text: 'BERKAS PENDAFTARAN KOPERASI', style: 'title' },
    { text: meeting.coopName, style: 'sub' },
    { text: 'Untuk Notaris Pembuat Akta Koperasi (NPAK), Kementerian Hukum (AHU) dan Kementerian Koperasi.', style: 'p' },
    { text: 'Isi berkas', style: 'h' },
    { ol: ['Daftar pendiri dengan NIK dan domisili', 'Susunan Pengurus dan Pengawas', 'Modal awal yang disetor (simpanan pokok)', 'Rencana usaha', 'Surat keterangan domisili', 'Berita acara dan daftar hadir rapat pendirian', 'Rancangan Anggaran Dasar'], style: 'p' },
    { text: '1. Daftar pendiri', style: 'h', pageBreak: 'before' },
    { table: { headerRows: 1, widths: [18, 110, 100, '*'], body: [['No', 'Nama', 'NIK', 'Domisili'].map((t) => ({ text: t, bold: true })), ...present.map((f, i) => [String(i + 1), f.fullName, f.nik, f.address])] }, fontSize: 8 },
    { text: '2. Susunan Pengurus dan Pengawas', style: 'h' },
    { table: { widths: ['35%', '65%'], body: officers.map((f) => [f.office![0]!.toUpperCase() + f.office!.slice(1), f.fullName]) }, fontSize: 9 },
    { text: '3. Modal awal yang disetor', style: 'h' },
    { table: { headerRows: 1, widths: ['*', 120], body: [[{ text: 'Pendiri', bold: true }, { text: 'Simpanan pokok', bold: true }], ...present.map((f) => [f.fullName, { text: formatRupiahId(f.pokokPaid), alignment: 'right' }]), [{ text: 'Jumlah', bold: true }, { text: formatRupiahId(present.reduce((s, f) => s + f.pokokPaid, 0)), alignment: 'right', bold: true }]] }, fontSize: 9 },
    { text: '4. Rencana usaha', style: 'h' },
    ...(plan.units.length ? plan.units.map((u) => ({ text: `• ${u.name}${u.description ? `: ${u.description}` : ''} (${u.founderIds.length} pendiri; kebutuhan: ${u.needs.join(', ') || '—'})`, style: 'p' })) : [{ text: '—', style: 'p' }]),
    ...(plan.potentials.length ? [{ text: `Potensi wilayah: ${plan.potentials.map((p) => `${p.description} (${p.regionName ?? p.regionCode})`).join('; ')}.`, style: 'p' }] : []),
    { text: '5. Surat keterangan domisili', style: 'h' },
    { text: `Para pendiri menyatakan bahwa ${meeting.coopName} berkedudukan di ${seat}. Surat keterangan domisili dari kepala desa/lurah setempat dilampirkan pada berkas asli.`, style: 'p' },
    { text: `Dibuat pada ${longDate(meeting.heldOn)}.`, style: 'p' },
    { text: '', pageBreak: 'after' },
    ...meetingContent(meeting),
    { text: '', pageBreak: 'after' },
    { text: statutes.title, style: 'title' },
    { text: statutes.subtitle, style: 'sub' },
    ...statutes.chapters.flatMap((c) => [
      { text: `BAB ${c.roman} — ${c.title.toUpperCase()}`, style: 'h' },
      ...c.articles.flatMap((a) => [{ text: `Pasal ${a.number}`, bold: true, fontSize: 10, margin: [0, 4, 0, 0] }, ...a.paragraphs.map((p) => ({ text: p, style: 'p' }))])
    ])
  ];
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    info: { title: `Berkas pendaftaran ${meeting.coopName}` },
    footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: content as never,
    styles: DOC_STYLES,
    defaultStyle: { font: 'Roboto', fontSize: 10 }
  });
}

/** The dossier as a ZIP: the whole PDF, the statutes as PDF and DOCX, and the founders as CSV. */
export async function dossierZip(ctx: GroupCtx): Promise<Buffer> {
  const statutes = await withTenant(ctx.db, ctx.coopId, (trx) => statutesIn(trx, ctx.coopId));
  const meeting = await readMeeting(ctx);
  const zip = new JSZip();
  zip.file('01-berkas-pendaftaran.pdf', await dossierPdf(ctx));
  zip.file('02-rancangan-anggaran-dasar.pdf', await statutesPdf(statutes));
  zip.file('03-rancangan-anggaran-dasar.docx', await statutesDocx(statutes));
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  zip.file('04-daftar-pendiri.csv', ['nama,nik,rt,rw,kode_desa,hadir,jabatan,simpanan_pokok', ...meeting.founders.map((f) => [q(f.fullName), q(f.nik), f.rt, f.rw, q(f.villageCode), f.attended ? 'ya' : 'tidak', f.office ?? '', f.pokokPaid].join(','))].join('\r\n') + '\r\n');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
