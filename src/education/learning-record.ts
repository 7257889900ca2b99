import { randomBytes } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../kernel/xlsx.js';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { findCoopBySlug } from '../coops/store.js';
import { jakartaDate } from '../kernel/clock.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { can } from '../kernel/permissions.js';
import { sessionsRequired, type LearningRecord } from './model.js';
import { actorMember, presentSql } from './store.js';

/**
 * A member's learning record: sessions attended by year with hours, programmes with their
 * progress, certificates. Five statements whatever the length of the history (the benchmark
 * prints the count at two sizes). `memberId` null: the actor's own record.
 */
export async function getLearningRecord(ctx: TenantCtx, memberId: string | null): Promise<LearningRecord> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
    const id = memberId ?? me?.id;
    if (!id) throw new AppError('EDU_NOT_MEMBER');
    if (id !== me?.id && !can(ctx, 'education.read')) throw new AppError('FORBIDDEN');
    return loadRecord(trx, ctx.coopId, id);
  });
}

async function loadRecord(trx: Tx, coopId: string, memberId: string): Promise<LearningRecord> {
  const [member, sessions, programmes, certificates, link] = await Promise.all([
    trx.selectFrom('members').select(['id', 'full_name']).where('coop_id', '=', coopId).where('id', '=', memberId).executeTakeFirst(),
    sql<{ session_id: string; programme_id: string; title: string; topic: string; starts_at: Date; minutes: number }>`
      SELECT s.id AS session_id, s.programme_id, pr.title, s.topic, s.starts_at, floor(extract(epoch FROM s.ends_at - s.starts_at) / 60)::int AS minutes
        FROM ${presentSql(coopId, { memberId })} p
        JOIN edu_sessions s ON s.coop_id = ${coopId} AND s.id = p.session_id
        JOIN edu_programmes pr ON pr.coop_id = s.coop_id AND pr.id = s.programme_id
       ORDER BY s.starts_at DESC, s.id`
      .execute(trx)
      .then((r) => r.rows),
    sql<{ programme_id: string; title: string; kind: string; min_attendance_bp: number; requires_assessment: boolean; assessment: string | null; total: number }>`
      SELECT e.programme_id, pr.title, pr.kind, pr.min_attendance_bp, pr.requires_assessment, e.assessment,
             (SELECT count(*)::int FROM edu_sessions s WHERE s.coop_id = e.coop_id AND s.programme_id = e.programme_id) AS total
        FROM edu_enrolments e JOIN edu_programmes pr ON pr.coop_id = e.coop_id AND pr.id = e.programme_id
       WHERE e.coop_id = ${coopId} AND e.member_id = ${memberId}
       ORDER BY e.enrolled_at DESC`
      .execute(trx)
      .then((r) => r.rows),
    trx
      .selectFrom('edu_certificates as c')
      .innerJoin('edu_enrolments as e', (j) => j.onRef('e.coop_id', '=', 'c.coop_id').onRef('e.id', '=', 'c.enrolment_id'))
      .innerJoin('edu_programmes as p', (j) => j.onRef('p.coop_id', '=', 'c.coop_id').onRef('p.id', '=', 'c.programme_id'))
      .leftJoin('edu_sessions as s', (j) => j.onRef('s.coop_id', '=', 'c.coop_id').onRef('s.id', '=', 'c.session_id'))
      .select(['c.code', 'p.title', 's.topic', 'c.completed_on'])
      .where('c.coop_id', '=', coopId)
      .where('e.member_id', '=', memberId)
      .orderBy('c.completed_on', 'desc')
      .execute(),
    trx.selectFrom('edu_record_links').select('token').where('coop_id', '=', coopId).where('member_id', '=', memberId).executeTakeFirst()
  ]);
  if (!member) throw new AppError('MEMBER_NOT_FOUND');
  const byYear = new Map<number, LearningRecord['years'][number]>();
  const attendedBy = new Map<string, number>();
  for (const s of sessions) {
    const year = Number(jakartaDate(new Date(s.starts_at)).slice(0, 4));
    const y = byYear.get(year) ?? byYear.set(year, { year, minutes: 0, sessions: [] }).get(year)!;
    y.minutes += s.minutes;
    y.sessions.push({ sessionId: s.session_id, programmeTitle: s.title, topic: s.topic, startsAt: new Date(s.starts_at).toISOString(), minutes: s.minutes });
  }
  for (const s of sessions) attendedBy.set(s.programme_id, (attendedBy.get(s.programme_id) ?? 0) + 1);
  return {
    memberId: member.id,
    name: member.full_name,
    years: [...byYear.values()].sort((a, b) => b.year - a.year),
    programmes: programmes.map((p) => {
      const attended = attendedBy.get(p.programme_id) ?? 0;
      const required = sessionsRequired(p.total, p.min_attendance_bp);
      return { programmeId: p.programme_id, title: p.title, kind: p.kind, attended, required, completed: p.total > 0 && attended >= required && (!p.requires_assessment || p.assessment === 'passed') };
    }),
    certificates: certificates.map((c) => ({ code: c.code, programmeTitle: c.title, sessionTopic: c.topic, completedOn: c.completed_on })),
    totalMinutes: sessions.reduce((s, x) => s + x.minutes, 0),
    publicToken: link?.token ?? null
  };
}

/** The member turns the public link to their own record on (a new token) or off. Off by default. */
export async function setRecordLink(ctx: TenantCtx, on: boolean): Promise<{ token: string | null }> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
    if (!me) throw new AppError('EDU_NOT_MEMBER');
    await trx.deleteFrom('edu_record_links').where('coop_id', '=', ctx.coopId).where('member_id', '=', me.id).execute();
    const token = on ? randomBytes(18).toString('base64url') : null;
    if (token) await trx.insertInto('edu_record_links').values({ coop_id: ctx.coopId, member_id: me.id, token }).execute();
    await recordAudit(trx, ctx, { action: on ? 'education.record.publish' : 'education.record.unpublish', entity: 'member', entityId: me.id });
    return { token };
  });
}

/** A record someone chose to make public, by its token (read inside the coop's own tenant transaction). */
export async function getPublicRecord(ctx: Ctx, slug: string, token: string): Promise<LearningRecord & { coopName: string }> {
  const coop = await findCoopBySlug(ctx.db, slug.toLowerCase());
  if (!coop || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new AppError('NOT_FOUND');
  return withTenant(ctx.db, coop.id, async (trx) => {
    const link = await trx.selectFrom('edu_record_links').select('member_id').where('coop_id', '=', coop.id).where('token', '=', token).executeTakeFirst();
    if (!link) throw new AppError('NOT_FOUND');
    const r = await loadRecord(trx, coop.id, link.member_id);
    return { ...r, memberId: '', publicToken: null, coopName: coop.name };
  });
}

/** The record as XLSX: one row per session attended, and the certificates. */
export async function exportLearningRecord(ctx: TenantCtx, memberId: string | null): Promise<{ filename: string; body: Buffer }> {
  const r = await getLearningRecord(ctx, memberId);
  const l = ctx.locale;
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet(t(l, 'education.record.title'));
  ws.addRow([t(l, 'education.record.year'), t(l, 'education.field.date'), t(l, 'education.field.programme'), t(l, 'education.field.topic'), t(l, 'education.record.minutes')]);
  for (const y of r.years) for (const s of y.sessions) ws.addRow([y.year, jakartaDate(new Date(s.startsAt)), s.programmeTitle, s.topic, s.minutes]);
  const wc = wb.addWorksheet(t(l, 'education.record.certificates'));
  wc.addRow([t(l, 'education.field.programme'), t(l, 'education.field.topic'), t(l, 'education.field.date'), t(l, 'education.record.code')]);
  for (const c of r.certificates) wc.addRow([c.programmeTitle, c.sessionTopic ?? '', c.completedOn, c.code]);
  return { filename: `catatan-belajar-${r.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
}
