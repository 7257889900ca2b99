import { sql } from 'kysely';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { completion, sessionMinutes, type ProgrammeView } from './model.js';
import { actorMember, findProgramme, participantRows, presentSql } from './store.js';

/** One programme: sessions, participants with completion, budget against spending. Every role of the coop may read it; participants' names only the board, pengawas and facilitators. */
export async function getProgramme(ctx: TenantCtx, programmeId: string): Promise<ProgrammeView> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, (trx) => loadProgramme(trx, ctx, programmeId));
}

export async function loadProgramme(trx: Tx, ctx: TenantCtx, programmeId: string): Promise<ProgrammeView> {
  const p = await findProgramme(trx, ctx.coopId, programmeId);
  const [me, facilitators, sessions, participants, spending] = await Promise.all([
    actorMember(trx, ctx.coopId, ctx.actor.accountId),
    trx
      .selectFrom('edu_programme_facilitators as f')
      .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'f.coop_id').onRef('m.id', '=', 'f.member_id'))
      .select(['m.id', 'm.full_name'])
      .where('f.coop_id', '=', ctx.coopId)
      .where('f.programme_id', '=', programmeId)
      .orderBy('m.full_name')
      .execute(),
    sql<{ id: string; topic: string; starts_at: Date; ends_at: Date; venue: string | null; online_url: string | null; capacity: number | null; closed_at: Date | null; meeting_id: string | null; facilitator_member_id: string | null; present: number }>`
      SELECT s.id, s.topic, s.starts_at, s.ends_at, s.venue, s.online_url, s.capacity, s.closed_at, s.meeting_id, s.facilitator_member_id,
             (SELECT count(*)::int FROM ${presentSql(ctx.coopId, { programmeId })} p WHERE p.session_id = s.id) AS present
        FROM edu_sessions s
       WHERE s.coop_id = ${ctx.coopId} AND s.programme_id = ${programmeId}
       ORDER BY s.starts_at, s.id`
      .execute(trx)
      .then((r) => r.rows),
    participantRows(trx, ctx.coopId, programmeId),
    trx.selectFrom('edu_fund_spending').select(['id', 'amount', 'description', 'spent_on', 'entry_id']).where('coop_id', '=', ctx.coopId).where('programme_id', '=', programmeId).orderBy('spent_on').execute()
  ]);
  const facilitate = !!me && (facilitators.some((f) => f.id === me.id) || sessions.some((s) => s.facilitator_member_id === me.id));
  const seeAll = can(ctx, 'education.read') || facilitate;
  const total = sessions.length;
  const mine = me ? participants.find((x) => x.member_id === me.id) : undefined;
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    productLine: p.product_line,
    audience: p.audience,
    description: p.description,
    topics: p.topics,
    facilitators: facilitators.map((f) => ({ memberId: f.id, name: f.full_name })),
    outsideFacilitators: p.outside_facilitators,
    budget: p.budget,
    spent: spending.reduce((s, x) => s + x.amount, 0),
    minAttendanceBp: p.min_attendance_bp,
    requiresAssessment: p.requires_assessment,
    capacity: p.capacity,
    enrolled: p.enrolled_count,
    status: p.status,
    sessions: sessions.map((s) => ({
      id: s.id,
      topic: s.topic,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      minutes: sessionMinutes(s.starts_at, s.ends_at),
      venue: s.venue,
      onlineUrl: s.online_url,
      capacity: s.capacity,
      present: s.present,
      closed: s.closed_at !== null,
      meetingId: s.meeting_id,
      facilitatorMemberId: s.facilitator_member_id
    })),
    participants: participants
      .filter((x) => seeAll || (me && x.member_id === me.id))
      .map((x) => ({
        enrolmentId: x.id,
        memberId: x.member_id,
        name: x.full_name,
        phone: seeAll ? x.phone : null,
        kind: x.participant_kind,
        attended: x.attended,
        minutes: x.minutes,
        assessment: x.assessment,
        completion: completion({ totalSessions: total, attended: x.attended, minAttendanceBp: p.min_attendance_bp, requiresAssessment: p.requires_assessment, assessment: x.assessment }),
        certificateCode: x.certificate_code
      })),
    spending: can(ctx, 'education.read') ? spending.map((x) => ({ id: x.id, amount: x.amount, description: x.description, spentOn: x.spent_on, entryId: x.entry_id })) : [],
    myEnrolmentId: mine?.id ?? null,
    may: { manage: can(ctx, 'education.manage'), fund: can(ctx, 'education.fund'), facilitate: facilitate || can(ctx, 'education.manage') }
  };
}
