import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { checkCharterRules, ZTemplateKey, type CharterRules, type TemplateKey } from '../charters/model.js';
import { presentRules } from '../charters/present.js';
import { CHARTER_TEMPLATES, templateRules } from '../charters/templates.js';
import { withTenant, type Tx } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import type { Locale } from '../kernel/i18n.js';
import { renderPdf } from '../kernel/pdf.js';
import { parseInput } from '../kernel/validation.js';
import { regionPath } from '../regions/model.js';
import { lockOpenGroup, requireCoordinator, type GroupCtx } from './access.js';
import { ZCommentRequest } from './model.js';
import { buildStatutes, REQUIRED_CHAPTERS, type Statutes } from './statutes.js';
import type { FoundingKind } from './tables.js';

export type TemplateComparison = { key: TemplateKey; name: string; description: string; rules: { ruleKey: string; title: string; text: string }[] }[];

/** Every charter template with its rules in words, for the side-by-side comparison. */
export function compareTemplates(locale: Locale): TemplateComparison {
  return ZTemplateKey.options.map((key) => {
    const t = CHARTER_TEMPLATES[key];
    return { key, name: t.name[locale], description: t.description[locale], rules: presentRules(locale, templateRules(key)) };
  });
}

export const ZChooseRequest = z.object({
  templateKey: ZTemplateKey,
  rules: z.unknown().optional(),
  name: z.string().trim().min(2).max(200).optional(),
  seat: z.string().trim().min(3).max(300),
  purpose: z.string().trim().min(10).max(4000),
  duration: z.string().trim().min(2).max(200).nullable().optional()
});

/** A coordinator picks a template and adjusts its rules (checked like any charter); the draft statutes follow from it. */
export async function chooseModel(ctx: GroupCtx, input: unknown): Promise<void> {
  requireCoordinator(ctx);
  const d = parseInput(ZChooseRequest, input);
  let rules: CharterRules = templateRules(d.templateKey);
  if (d.rules !== undefined) {
    const checked = checkCharterRules(d.rules, 'rules.');
    if (!checked.ok) throw new AppError('CHARTER_INVALID', { fields: checked.fields });
    rules = checked.rules;
  }
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const g = await lockOpenGroup(trx, ctx.coopId);
    await trx
      .updateTable('founding_groups')
      .set({ template_key: d.templateKey, rules: JSON.stringify(rules), seat: d.seat, purpose: d.purpose, duration: d.duration ?? null, updated_at: ctx.clock.now() })
      .where('coop_id', '=', ctx.coopId)
      .execute();
    if (d.name) await trx.updateTable('coops').set({ name: d.name, updated_at: ctx.clock.now() }).where('id', '=', ctx.coopId).execute();
    await recordAudit(trx, ctx, { action: 'founding.model', entity: 'founding_group', entityId: ctx.coopId, before: { templateKey: g.template_key, rules: g.rules }, after: { templateKey: d.templateKey, rules, seat: d.seat, name: d.name } });
  });
}

export async function domicile(f: { street: string | null; rt: number; rw: number; village_code: string }): Promise<string> {
  const path = await regionPath(f.village_code);
  const names = [...path].reverse().map((r) => r.name);
  return [f.street, `RT ${String(f.rt).padStart(3, '0')}/RW ${String(f.rw).padStart(3, '0')}`, ...names].filter(Boolean).join(', ');
}

/** Reads what the statutes are made of, inside the caller's transaction. */
export async function statutesIn(trx: Tx, coopId: string): Promise<Statutes> {
  const g = await trx.selectFrom('founding_groups').selectAll().where('coop_id', '=', coopId).executeTakeFirstOrThrow();
  if (!g.template_key || !g.rules || !g.seat || !g.purpose) throw new AppError('FOUNDING_NOT_READY', { params: { step: 'anggaran_dasar' } });
  const coop = await trx.selectFrom('coops').select('name').where('id', '=', coopId).executeTakeFirstOrThrow();
  // Before the founding meeting the draft names the prospective founders; after it, those who attended (and signed).
  let fq = trx.selectFrom('founding_founders').select(['full_name', 'street', 'rt', 'rw', 'village_code']).where('coop_id', '=', coopId);
  if (g.meeting_held_at) fq = fq.where('attended', '=', true);
  const founders = await fq.orderBy('full_name').execute();
  const units = await trx.selectFrom('founding_units').select(['name', 'description']).where('coop_id', '=', coopId).orderBy('name').execute();
  return buildStatutes({
    name: coop.name,
    kind: g.kind as FoundingKind,
    seat: g.seat,
    purpose: g.purpose,
    duration: g.duration,
    vision: g.vision,
    mission: g.mission,
    values: g.values_text,
    templateKey: g.template_key as TemplateKey,
    rules: g.rules as CharterRules,
    units,
    founders: await Promise.all(founders.map(async (f) => ({ fullName: f.full_name, address: await domicile(f) })))
  });
}

export async function getDraftStatutes(ctx: GroupCtx): Promise<Statutes & { comments: { id: string; chapter: string; founderName: string; body: string; at: string }[] }> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const statutes = await statutesIn(trx, ctx.coopId);
    const comments = await trx
      .selectFrom('founding_comments as c')
      .innerJoin('founding_founders as f', (j) => j.onRef('f.coop_id', '=', 'c.coop_id').onRef('f.id', '=', 'c.founder_id'))
      .select(['c.id', 'c.chapter', 'f.full_name', 'c.body', 'c.created_at'])
      .where('c.coop_id', '=', ctx.coopId)
      .orderBy('c.created_at')
      .execute();
    return { ...statutes, comments: comments.map((c) => ({ id: c.id, chapter: c.chapter, founderName: c.full_name, body: c.body, at: new Date(c.created_at).toISOString() })) };
  });
}

/** A founder comments on a chapter of the draft (comments are the founder's own and stay: append-only). */
export async function commentOnChapter(ctx: GroupCtx, input: unknown): Promise<{ id: string }> {
  const d = parseInput(ZCommentRequest, input);
  if (!(REQUIRED_CHAPTERS as readonly string[]).includes(d.chapter)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'chapter', code: 'founding_chapter_unknown' }] });
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockOpenGroup(trx, ctx.coopId);
    const row = await trx.insertInto('founding_comments').values({ coop_id: ctx.coopId, founder_id: ctx.founderId, chapter: d.chapter, body: d.body }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'founding.comment', entity: 'founding_comment', entityId: row.id, after: d });
    return row;
  });
}

/** The draft as a PDF a notary reads: title, then each chapter (BAB) and its articles (Pasal). */
export function statutesPdf(s: Statutes): Promise<Buffer> {
  const content: unknown[] = [
    { text: s.title, style: 'title' },
    { text: s.subtitle, style: 'subtitle' }
  ];
  for (const c of s.chapters) {
    content.push({ text: `BAB ${c.roman}`, style: 'bab' }, { text: c.title.toUpperCase(), style: 'babTitle' });
    for (const a of c.articles) {
      content.push({ text: `Pasal ${a.number}`, style: 'pasal' });
      a.paragraphs.forEach((p, i) => content.push({ text: a.paragraphs.length > 1 && !/^[a-z0-9]+\. /.test(p) ? `(${i + 1}) ${p}` : p, style: 'ayat' }));
    }
  }
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [60, 60, 60, 60],
    info: { title: s.title },
    footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: content as never,
    styles: {
      title: { fontSize: 14, bold: true, alignment: 'center' },
      subtitle: { fontSize: 10, italics: true, alignment: 'center', margin: [0, 4, 0, 16] },
      bab: { fontSize: 11, bold: true, alignment: 'center', margin: [0, 14, 0, 0] },
      babTitle: { fontSize: 11, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
      pasal: { fontSize: 10, bold: true, alignment: 'center', margin: [0, 6, 0, 2] },
      ayat: { fontSize: 10, alignment: 'justify', margin: [0, 0, 0, 3], lineHeight: 1.2 }
    },
    defaultStyle: { font: 'Roboto' }
  });
}

/** The same draft as a Word document (docx), for the notary to edit. */
export function statutesDocx(s: Statutes): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: s.title, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: s.subtitle, italics: true })] })
  ];
  for (const c of s.chapters) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: [new TextRun({ text: `BAB ${c.roman}`, break: 0 }), new TextRun({ text: c.title.toUpperCase(), break: 1 })] }));
    for (const a of c.articles) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, alignment: AlignmentType.CENTER, children: [new TextRun(`Pasal ${a.number}`)] }));
      a.paragraphs.forEach((p, i) => children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun(a.paragraphs.length > 1 && !/^[a-z0-9]+\. /.test(p) ? `(${i + 1}) ${p}` : p)] })));
    }
  }
  return Packer.toBuffer(new Document({ creator: 'Lumbung', title: s.title, sections: [{ children }] }));
}

export async function draftStatutesFile(ctx: GroupCtx, format: 'pdf' | 'docx'): Promise<{ bytes: Buffer; filename: string }> {
  const s = await withTenant(ctx.db, ctx.coopId, (trx) => statutesIn(trx, ctx.coopId));
  return { bytes: format === 'pdf' ? await statutesPdf(s) : await statutesDocx(s), filename: `rancangan-anggaran-dasar.${format}` };
}
