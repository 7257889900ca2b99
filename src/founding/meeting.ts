import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import type { CharterRules } from '../charters/model.js';
import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError, type FieldIssue } from '../kernel/errors.js';
import { formatRupiahId } from '../kernel/money.js';
import { renderPdf } from '../kernel/pdf.js';
import { parseInput } from '../kernel/validation.js';
import { lockOpenGroup, requireCoordinator, type GroupCtx } from './access.js';
import { LEGAL_MINIMUM_FOUNDERS, meetingIssues, OFFICES } from './model.js';
import { coopName } from './statutes.js';
import { domicile } from './statutes-doc.js';
import type { FoundingKind, Office } from './tables.js';

export const ZMeetingRequest = z.object({
  heldOn: z.iso.date(),
  place: z.string().trim().min(3).max(300),
  founders: z
    .array(z.object({ founderId: z.uuid(), attended: z.boolean(), office: z.enum(['ketua', 'sekretaris', 'bendahara', 'pengawas']).nullable().optional(), pokokPaid: z.number().int().min(0).max(1_000_000_000).default(0) }))
    .min(1)
    .max(5000)
});

const OFFICE_WORDS: Record<Office, string> = { ketua: 'Ketua', sekretaris: 'Sekretaris', bendahara: 'Bendahara', pengawas: 'Pengawas' };

/**
 * Records the founding meeting (rapat pendirian) as it happened: who attended, who was elected
 * to which office, the simpanan pokok each founder paid. Refused as a whole (nothing written)
 * when fewer than the legal minimum attended, an office is empty, an officer was absent, or a
 * payment exceeds the adopted simpanan pokok; each issue names the founder or the office.
 */
export async function recordFoundingMeeting(ctx: GroupCtx, input: unknown): Promise<{ present: number }> {
  requireCoordinator(ctx);
  const d = parseInput(ZMeetingRequest, input);
  if (d.heldOn > jakartaDate(ctx.clock.now())) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'heldOn', code: 'date_in_future' }] });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const g = await lockOpenGroup(trx, ctx.coopId);
    if (!g.template_key || !g.rules) throw new AppError('FOUNDING_NOT_READY', { params: { step: 'anggaran_dasar' } });
    const pokok = (g.rules as CharterRules).capital.pokok;
    const founders = await trx.selectFrom('founding_founders').select(['id', 'full_name']).where('coop_id', '=', ctx.coopId).execute();
    const byId = new Map(founders.map((f) => [f.id, f]));
    const issues: FieldIssue[] = [];
    const given = new Map<string, (typeof d.founders)[number]>();
    d.founders.forEach((f, i) => {
      if (!byId.has(f.founderId)) issues.push({ field: `founders.${i}.founderId`, code: 'founding_founder_unknown' });
      else if (given.has(f.founderId)) issues.push({ field: `founders.${i}.founderId`, code: 'founding_founder_twice' });
      else given.set(f.founderId, f);
      if (f.pokokPaid > pokok) issues.push({ field: `founders.${i}.pokokPaid`, code: 'founding_pokok_over', params: { name: byId.get(f.founderId)?.full_name ?? '', pokok } });
      if (f.pokokPaid > 0 && !f.attended) issues.push({ field: `founders.${i}.pokokPaid`, code: 'founding_pokok_absent', params: { name: byId.get(f.founderId)?.full_name ?? '' } });
    });
    const view = founders.map((f) => ({ id: f.id, fullName: f.full_name, attended: given.get(f.id)?.attended ?? false, office: given.get(f.id)?.office ?? null }));
    issues.push(...meetingIssues(g.kind as FoundingKind, view).map((i) => (i.field.startsWith('founders.') ? { ...i, field: `founders.${d.founders.findIndex((f) => f.founderId === i.field.slice(9))}.office` } : i)));
    if (issues.length) throw new AppError('FOUNDING_MEETING_INVALID', { fields: issues, params: { count: issues.length } });
    for (const f of founders) {
      const x = given.get(f.id);
      await trx
        .updateTable('founding_founders')
        .set({ attended: x?.attended ?? false, office: x?.office ?? null, pokok_paid: x?.pokokPaid ?? 0 })
        .where('coop_id', '=', ctx.coopId)
        .where('id', '=', f.id)
        .execute();
    }
    await trx.updateTable('founding_groups').set({ meeting_on: d.heldOn, meeting_place: d.place, meeting_held_at: ctx.clock.now(), meeting_opened_by: ctx.actor.accountId, updated_at: ctx.clock.now() }).where('coop_id', '=', ctx.coopId).execute();
    const present = view.filter((v) => v.attended).length;
    await recordAudit(trx, ctx, { action: 'founding.meeting', entity: 'founding_group', entityId: ctx.coopId, after: { heldOn: d.heldOn, place: d.place, present, founders: d.founders } });
    return { present };
  });
}

export type MeetingRecord = {
  coopName: string;
  kind: FoundingKind;
  heldOn: string;
  place: string;
  templateName: string;
  rules: CharterRules;
  founders: { fullName: string; nik: string; rt: number; rw: number; villageCode: string; address: string; attended: boolean; office: Office | null; pokokPaid: number }[];
};

export async function readMeeting(ctx: GroupCtx): Promise<MeetingRecord> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const g = await trx.selectFrom('founding_groups').selectAll().where('coop_id', '=', ctx.coopId).executeTakeFirstOrThrow();
    if (!g.meeting_held_at || !g.meeting_on || !g.rules || !g.template_key) throw new AppError('FOUNDING_NOT_READY', { params: { step: 'rapat' } });
    const coop = await trx.selectFrom('coops').select('name').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
    const founders = await trx.selectFrom('founding_founders').selectAll().where('coop_id', '=', ctx.coopId).orderBy('full_name').execute();
    const { CHARTER_TEMPLATES } = await import('../charters/templates.js');
    return {
      coopName: coopName(coop.name),
      kind: g.kind as FoundingKind,
      heldOn: g.meeting_on,
      place: g.meeting_place ?? '',
      templateName: CHARTER_TEMPLATES[g.template_key as keyof typeof CHARTER_TEMPLATES].name.id,
      rules: g.rules as CharterRules,
      founders: await Promise.all(founders.map(async (f) => ({ fullName: f.full_name, nik: f.nik, rt: f.rt, rw: f.rw, villageCode: f.village_code, address: await domicile(f), attended: f.attended, office: f.office, pokokPaid: Number(f.pokok_paid) })))
    };
  });
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

/** The pdfmake content of the berita acara and the attendance list (also part of the dossier). */
export function meetingContent(m: MeetingRecord): unknown[] {
  const present = m.founders.filter((f) => f.attended);
  const min = LEGAL_MINIMUM_FOUNDERS[m.kind];
  const officers = OFFICES.flatMap((o) => present.filter((f) => f.office === o).map((f) => [OFFICE_WORDS[o], f.fullName]));
  const paid = present.reduce((s, f) => s + f.pokokPaid, 0);
  return [
    { text: 'BERITA ACARA RAPAT PENDIRIAN', style: 'title' },
    { text: m.coopName.toUpperCase(), style: 'title' },
    { text: `Pada tanggal ${longDate(m.heldOn)}, bertempat di ${m.place}, telah diselenggarakan rapat pendirian koperasi yang dihadiri oleh ${present.length} orang pendiri sebagaimana tercantum dalam daftar hadir terlampir. Jumlah ini memenuhi jumlah minimal pendiri ${min.count} ${min.unit} (${min.source}).`, style: 'p' },
    { text: 'Rapat telah membahas dan memutuskan dengan musyawarah untuk mufakat:', style: 'p' },
    {
      ol: [
        `Mendirikan ${m.coopName} dan mengesahkan Anggaran Dasar dengan model ${m.templateName}.`,
        `Menetapkan simpanan pokok sebesar ${formatRupiahId(m.rules.capital.pokok)} dan simpanan wajib sebesar ${formatRupiahId(m.rules.capital.wajib)}.`,
        'Memilih dan mengangkat Pengurus dan Pengawas sebagai berikut:',
        `Simpanan pokok yang telah disetor para pendiri pada rapat ini berjumlah ${formatRupiahId(paid)}.`
      ],
      style: 'p'
    },
    { table: { widths: ['35%', '65%'], body: [[{ text: 'Jabatan', bold: true }, { text: 'Nama', bold: true }], ...officers] }, margin: [20, 4, 0, 10] },
    { text: 'Demikian berita acara ini dibuat dengan sebenarnya.', style: 'p' },
    { columns: [{ text: `Ketua Rapat\n\n\n\n(${officers.find((o) => o[0] === 'Ketua')?.[1] ?? '...........'})`, alignment: 'center' }, { text: `Sekretaris Rapat\n\n\n\n(${officers.find((o) => o[0] === 'Sekretaris')?.[1] ?? '...........'})`, alignment: 'center' }], margin: [0, 20, 0, 0] },
    { text: 'DAFTAR HADIR RAPAT PENDIRIAN', style: 'title', pageBreak: 'before' },
    { text: `${m.coopName} — ${longDate(m.heldOn)}, ${m.place}`, style: 'sub' },
    {
      table: {
        headerRows: 1,
        widths: [18, '*', 100, 60, 70],
        body: [
          ['No', 'Nama', 'NIK', 'RT/RW', 'Tanda tangan'].map((t) => ({ text: t, bold: true })),
          ...present.map((f, i) => [String(i + 1), f.fullName, f.nik, `${String(f.rt).padStart(3, '0')}/${String(f.rw).padStart(3, '0')}`, { text: ' ', margin: [0, 10, 0, 10] }])
        ]
      },
      fontSize: 9
    }
  ];
}

export const DOC_STYLES = {
  title: { fontSize: 13, bold: true, alignment: 'center' as const },
  sub: { fontSize: 10, alignment: 'center' as const, margin: [0, 2, 0, 10] as [number, number, number, number] },
  h: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] as [number, number, number, number] },
  p: { fontSize: 10, alignment: 'justify' as const, margin: [0, 8, 0, 4] as [number, number, number, number], lineHeight: 1.2 }
};

/** The berita acara rapat pendirian and the attendance list, as one PDF. */
export async function meetingPdf(ctx: GroupCtx): Promise<Buffer> {
  const m = await readMeeting(ctx);
  return renderPdf({ pageSize: 'A4', pageMargins: [60, 60, 60, 60], info: { title: `Berita acara rapat pendirian ${m.coopName}` }, content: meetingContent(m) as never, styles: DOC_STYLES, defaultStyle: { font: 'Roboto', fontSize: 10 } });
}
