import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { actingMember, iso } from './support.js';

export type MyGovernance = {
  /** Votes open now in which the person may vote and has not yet. */
  votes: { id: string; number: number; title: string; closesAt: string | null; meetingTitle: string | null }[];
  /** Proposals in musyawarah on which the person has not stated a position yet. */
  discussions: { id: string; number: number; title: string }[];
  /** Meetings not yet held or under way, soonest first (at most five). */
  meetings: { id: string; number: number; title: string; kind: string; startsAt: string; location: string | null; status: string }[];
  /** For the ketua and sekretaris: closed meetings whose minutes wait for approval and for this officer's signature. */
  minutesToApprove: { meetingId: string; number: number; title: string; startsAt: string; signedByMe: boolean }[];
};

/**
 * What needs the signed-in person in the cooperative's governance now (issue 14 item 9), for
 * their home page: their open votes and musyawarah, the next meetings and, for the officers who
 * approve minutes, the minutes waiting. Four statements.
 */
export async function getMyGovernance(ctx: TenantCtx): Promise<MyGovernance> {
  requirePermission(ctx, 'coop.read');
  const now = ctx.clock.now();
  const officer = can(ctx, 'meetings.manage');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await actingMember(trx, ctx);
    const c = ctx.coopId;
    const [votes, discussions, meetings, minutes] = await Promise.all([
      me
        ? sql<{ id: string; number: number; title: string; closes_at: Date | null; meeting_title: string | null }>`
            SELECT d.id, d.number, d.title, d.closes_at, m.title AS meeting_title
              FROM decisions d
              JOIN eligible_voters e ON e.coop_id = d.coop_id AND e.decision_id = d.id AND e.member_id = ${me.memberId}
              LEFT JOIN meetings m ON m.coop_id = d.coop_id AND m.id = d.meeting_id
             WHERE d.coop_id = ${c} AND d.status = 'voting'
               AND NOT EXISTS (SELECT 1 FROM participations p WHERE p.coop_id = d.coop_id AND p.decision_id = d.id AND p.member_id = ${me.memberId})
             ORDER BY d.closes_at NULLS LAST, d.number`.execute(trx).then((r) => r.rows)
        : Promise.resolve([]),
      me
        ? sql<{ id: string; number: number; title: string }>`
            SELECT d.id, d.number, d.title FROM decisions d
             WHERE d.coop_id = ${c} AND d.status = 'discussion'
               AND NOT EXISTS (SELECT 1 FROM decision_positions p WHERE p.coop_id = d.coop_id AND p.decision_id = d.id AND p.member_id = ${me.memberId})
             ORDER BY d.number`.execute(trx).then((r) => r.rows)
        : Promise.resolve([]),
      trx
        .selectFrom('meetings')
        .select(['id', 'number', 'title', 'kind', 'starts_at', 'location', 'status'])
        .where('coop_id', '=', c)
        .where((eb) => eb.or([eb('status', '=', 'open'), eb.and([eb('status', '=', 'scheduled'), eb('starts_at', '>=', new Date(now.getTime() - 12 * 3600_000))])]))
        .orderBy('starts_at')
        .limit(5)
        .execute(),
      officer
        ? sql<{ meeting_id: string; number: number; title: string; starts_at: Date; signed_by_me: boolean }>`
            SELECT m.id AS meeting_id, m.number, m.title, m.starts_at,
                   EXISTS (SELECT 1 FROM minutes_signatures s WHERE s.coop_id = m.coop_id AND s.meeting_id = m.id AND s.account_id = ${ctx.actor.accountId}) AS signed_by_me
              FROM meetings m
              LEFT JOIN minutes n ON n.coop_id = m.coop_id AND n.meeting_id = m.id
             WHERE m.coop_id = ${c} AND m.status = 'closed' AND (n.status IS NULL OR n.status <> 'approved')
             ORDER BY m.starts_at DESC LIMIT 10`.execute(trx).then((r) => r.rows)
        : Promise.resolve([])
    ]);
    return {
      votes: votes.map((v) => ({ id: v.id, number: v.number, title: v.title, closesAt: iso(v.closes_at), meetingTitle: v.meeting_title })),
      discussions,
      meetings: meetings.map((m) => ({ id: m.id, number: m.number, title: m.title, kind: m.kind, startsAt: iso(m.starts_at)!, location: m.location, status: m.status })),
      minutesToApprove: minutes.map((m) => ({ meetingId: m.meeting_id, number: m.number, title: m.title, startsAt: iso(m.starts_at)!, signedByMe: m.signed_by_me }))
    };
  });
}
