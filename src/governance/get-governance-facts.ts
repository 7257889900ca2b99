import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { cadencePeriods, type Cadence } from './model.js';
import { closedMeetingsSince, representationFacts } from './store.js';

/** What compliance measures the charter's meeting rules with (see charters/compliance.ts). */
export type GovernanceFacts = {
  cadence: Cadence;
  /** Complete periods checked, and how many of them had a members' meeting. */
  periods: number;
  periodsWithMeeting: number;
  /** Closed members' meetings in those periods (or since the first): attendance against those eligible. */
  meetings: number;
  meetingsAllAttended: number;
  /** The lowest attendance share of those meetings, in basis points (null: no meeting). */
  minAttendanceBp: number | null;
  /** Closed decisions with ballots, and paper ballots not cast by a member present in person (representation). */
  decisions: number;
  ballots: number;
  paperBallots: number;
  representedBallots: number;
};

/** Meeting and decision figures for the compliance view; null when the cooperative has held no meeting and taken no vote yet. */
export async function getGovernanceFacts(ctx: TenantCtx, cadence: Cadence): Promise<GovernanceFacts | null> {
  requirePermission(ctx, 'coop.read');
  const today = jakartaDate(ctx.clock.now());
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    // Up to the clock's time: the compliance of a past fiscal year reads with its year end as now.
    // A meeting counts once held: started by then, or closed by then (opened before its announced time).
    const now = ctx.clock.now();
    const held = (m: { starts_at: Date | string; closed_at: Date | string | null }) => new Date(m.starts_at) <= now || (m.closed_at !== null && new Date(m.closed_at) <= now);
    const all = (await closedMeetingsSince(trx, ctx.coopId, new Date(0))).filter(held).map((m) => ({ ...m, attended: m.attended ?? 0 }));
    const rep = await representationFacts(trx, ctx.coopId);
    if (all.length === 0 && rep.decisions === 0) return null;
    const first = all[0] ? jakartaDate(new Date(all[0].starts_at)) : null;
    const periods = cadencePeriods(cadence, today, first);
    const dayOf = (m: (typeof all)[number]) => jakartaDate(new Date(m.starts_at));
    const withMeeting = periods.filter((p) => all.some((m) => dayOf(m) >= p.start && dayOf(m) < p.end)).length;
    const windowStart = periods[0]?.start ?? first ?? today;
    const recent = all.filter((m) => dayOf(m) >= windowStart);
    const shares = recent.filter((m) => (m.eligible_count ?? 0) > 0).map((m) => Math.floor((m.attended * 10_000) / m.eligible_count!));
    return {
      cadence,
      periods: periods.length,
      periodsWithMeeting: withMeeting,
      meetings: recent.length,
      meetingsAllAttended: recent.filter((m) => (m.eligible_count ?? 0) > 0 && m.attended >= m.eligible_count!).length,
      minAttendanceBp: shares.length ? Math.min(...shares) : null,
      decisions: rep.decisions,
      ballots: rep.ballots,
      paperBallots: rep.paper,
      representedBallots: rep.paperWithoutPresence
    };
  });
}
