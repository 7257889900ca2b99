import { randomBytes } from 'node:crypto';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import QRCode from 'qrcode';
import { recordAudit } from '../audit/record-audit.js';
import { findCoopBySlug } from '../coops/store.js';
import { jakartaDate } from '../kernel/clock.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { can } from '../kernel/permissions.js';
import { renderPdf } from '../kernel/pdf.js';
import { parseInput } from '../kernel/validation.js';
import { completion, ZCertificateRequest } from './model.js';
import { actorMember, findProgramme, findSession, isFacilitator, participantRows, presentSql } from './store.js';
import { sql } from 'kysely';

export type CertificateView = { code: string; holderName: string; programmeTitle: string; sessionTopic: string | null; completedOn: string; coopName: string; coopSlug: string };

/** The public address of a certificate's verification page (the QR on the PDF points here). */
export function certificateUrl(origin: string, coopSlug: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/koperasi/${encodeURIComponent(coopSlug)}/sertifikat/${encodeURIComponent(code)}`;
}

/**
 * Issue a certificate: of programme completion (completion computed from attendance by the
 * programme's rule) or, on request, of one attended session. The board, the programme's
 * facilitator, or the participant themselves may ask; issuing twice answers the first one.
 */
export async function issueCertificate(ctx: TenantCtx, programmeId: string, input: unknown): Promise<CertificateView> {
  const d = parseInput(ZCertificateRequest, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const p = await findProgramme(trx, ctx.coopId, programmeId);
    const e = await trx.selectFrom('edu_enrolments').selectAll().where('coop_id', '=', ctx.coopId).where('id', '=', d.enrolmentId).where('programme_id', '=', programmeId).executeTakeFirst();
    if (!e) throw new AppError('EDU_NOT_ENROLLED', { fields: [{ field: 'enrolmentId', code: 'edu_not_enrolled' }] });
    const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
    const own = !!me && e.member_id === me.id;
    const session = d.sessionId ? await findSession(trx, ctx.coopId, d.sessionId) : null;
    if (session && session.programme_id !== programmeId) throw new AppError('EDU_SESSION_NOT_FOUND');
    const facilitates = me ? await isFacilitator(trx, ctx.coopId, session ?? { programme_id: programmeId, facilitator_member_id: null }, me.id) : false;
    if (!own && !facilitates && !can(ctx, 'education.manage')) throw new AppError('FORBIDDEN');
    const existing = await trx
      .selectFrom('edu_certificates')
      .select('code')
      .where('coop_id', '=', ctx.coopId)
      .where('enrolment_id', '=', e.id)
      .where((eb) => (session ? eb('session_id', '=', session.id) : eb('session_id', 'is', null)))
      .executeTakeFirst();
    if (existing) return (await loadCertificate(ctx, ctx.coopId, existing.code))!;
    let completedOn: string;
    if (session) {
      const present = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${presentSql(ctx.coopId, { sessionId: session.id })} p WHERE p.enrolment_id = ${e.id}`.execute(trx);
      if (!present.rows[0]?.n) throw new AppError('EDU_NOT_ATTENDED');
      completedOn = jakartaDate(new Date(session.starts_at));
    } else {
      const total = await trx.selectFrom('edu_sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('coop_id', '=', ctx.coopId).where('programme_id', '=', programmeId).executeTakeFirstOrThrow();
      const row = (await participantRows(trx, ctx.coopId, programmeId)).find((x) => x.id === e.id)!;
      const c = completion({ totalSessions: Number(total.n), attended: row.attended, minAttendanceBp: p.min_attendance_bp, requiresAssessment: p.requires_assessment, assessment: e.assessment });
      if (!c.completed) throw new AppError('EDU_NOT_COMPLETED', { params: { attended: c.attended, required: c.required } });
      const last = await sql<{ d: Date }>`SELECT max(s.starts_at) AS d FROM ${presentSql(ctx.coopId, { programmeId })} p JOIN edu_sessions s ON s.coop_id = ${ctx.coopId} AND s.id = p.session_id WHERE p.enrolment_id = ${e.id}`.execute(trx);
      completedOn = jakartaDate(new Date(last.rows[0]!.d));
    }
    const code = randomBytes(16).toString('base64url');
    await trx
      .insertInto('edu_certificates')
      .values({ coop_id: ctx.coopId, code, programme_id: programmeId, session_id: session?.id ?? null, enrolment_id: e.id, holder_name: e.full_name, completed_on: completedOn, issued_by: ctx.actor.accountId })
      .execute();
    await recordAudit(trx, ctx, { action: 'education.certificate.issue', entity: 'edu_enrolment', entityId: e.id, after: { programmeId, sessionId: session?.id ?? null, completedOn } });
    return (await loadCertificate(ctx, ctx.coopId, code, trx))!;
  });
}

async function loadCertificate(ctx: Ctx, coopId: string, code: string, trx?: Parameters<Parameters<typeof withTenant>[2]>[0]): Promise<CertificateView | null> {
  const run = async (x: NonNullable<typeof trx>) => {
    const r = await x
      .selectFrom('edu_certificates as c')
      .innerJoin('edu_programmes as p', (j) => j.onRef('p.coop_id', '=', 'c.coop_id').onRef('p.id', '=', 'c.programme_id'))
      .leftJoin('edu_sessions as s', (j) => j.onRef('s.coop_id', '=', 'c.coop_id').onRef('s.id', '=', 'c.session_id'))
      .innerJoin('coops as k', 'k.id', 'c.coop_id')
      .select(['c.code', 'c.holder_name', 'c.completed_on', 'p.title', 's.topic', 'k.name', 'k.slug'])
      .where('c.coop_id', '=', coopId)
      .where('c.code', '=', code)
      .executeTakeFirst();
    return r ? { code: r.code, holderName: r.holder_name, programmeTitle: r.title, sessionTopic: r.topic, completedOn: r.completed_on, coopName: r.name, coopSlug: r.slug } : null;
  };
  return trx ? run(trx) : withTenant(ctx.db, coopId, run);
}

/**
 * The public verification page: anyone with the code sees the holder's name, the programme
 * (and session), the date and the cooperative — nothing more. Unknown: NOT_FOUND. The coop
 * is found by its slug and read inside its own tenant transaction (row-level security holds).
 */
export async function verifyCertificate(ctx: Ctx, slug: string, code: string): Promise<CertificateView> {
  const coop = await findCoopBySlug(ctx.db, slug.toLowerCase());
  if (!coop || !/^[A-Za-z0-9_-]{16,64}$/.test(code)) throw new AppError('EDU_CERTIFICATE_NOT_FOUND');
  const c = await loadCertificate(ctx, coop.id, code);
  if (!c) throw new AppError('EDU_CERTIFICATE_NOT_FOUND');
  return c;
}

/** The certificate as a PDF with a QR code to its verification page (the holder, the board, pengawas). */
export async function certificatePdf(ctx: TenantCtx, code: string, origin: string): Promise<{ filename: string; pdf: Buffer }> {
  const c = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await trx.selectFrom('edu_certificates as c').innerJoin('edu_enrolments as e', (j) => j.onRef('e.coop_id', '=', 'c.coop_id').onRef('e.id', '=', 'c.enrolment_id')).select(['e.member_id']).where('c.coop_id', '=', ctx.coopId).where('c.code', '=', code).executeTakeFirst();
    if (!row) throw new AppError('EDU_CERTIFICATE_NOT_FOUND');
    const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
    if (!(me && row.member_id === me.id) && !can(ctx, 'education.read')) throw new AppError('FORBIDDEN');
    return loadCertificate(ctx, ctx.coopId, code, trx);
  });
  const cert = c!;
  const url = certificateUrl(origin, cert.coopSlug, cert.code);
  const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, scale: 6 });
  const l = ctx.locale;
  const date = new Intl.DateTimeFormat(l === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${cert.completedOn}T00:00:00Z`));
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [60, 60, 60, 60],
    info: { title: `${t(l, 'education.certificate.title')} — ${cert.holderName}` },
    content: [
      { text: cert.coopName, fontSize: 16, bold: true, alignment: 'center', color: '#7a4b1e' },
      { text: t(l, cert.sessionTopic ? 'education.certificate.sessionTitle' : 'education.certificate.title').toUpperCase(), fontSize: 28, bold: true, alignment: 'center', margin: [0, 30, 0, 10] },
      { text: t(l, 'education.certificate.given'), alignment: 'center', fontSize: 12 },
      { text: cert.holderName, fontSize: 26, bold: true, alignment: 'center', margin: [0, 10, 0, 10] },
      { text: t(l, cert.sessionTopic ? 'education.certificate.forSession' : 'education.certificate.forProgramme'), alignment: 'center', fontSize: 12 },
      { text: cert.programmeTitle + (cert.sessionTopic ? ` — ${cert.sessionTopic}` : ''), fontSize: 18, bold: true, alignment: 'center', margin: [0, 8, 0, 8] },
      { text: date, alignment: 'center', fontSize: 12 },
      {
        columns: [
          { width: '*', text: '' },
          { width: 110, stack: [{ image: qr, width: 100, alignment: 'center' }, { text: t(l, 'education.certificate.scan'), fontSize: 7, alignment: 'center', color: '#6b6258' }] },
          { width: '*', text: url, fontSize: 7, color: '#6b6258', margin: [10, 80, 0, 0] }
        ],
        margin: [0, 30, 0, 0]
      }
    ],
    defaultStyle: { font: 'Roboto' }
  };
  return { filename: `sertifikat-${cert.code.slice(0, 8)}.pdf`, pdf: await renderPdf(doc) };
}
