import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';

/** Youth per UU 40/2009 tentang Kepemudaan: aged 16 to 30. */
export const YOUTH_MIN_AGE = 16;
export const YOUTH_MAX_AGE = 30;

export type MemberStatistics = {
  asOf: string;
  active: number;
  applicants: number;
  women: number;
  men: number;
  /** Active members with a birth date, and how many of them are 16–30 today. */
  withBirthDate: number;
  youth: number;
  /** Distinct households among active members; a member without a household code is their own household. */
  households: number;
  /** Active members marked well-off who receive state aid (a Jamaah Produksi charter forbids it). */
  wellOffReceivingStateAid: number;
  /** Active members with RT/RW recorded, and the number of distinct RT (village, RW, RT) they live in. */
  withRt: number;
  distinctRt: number;
};

/**
 * Figures about the cooperative's membership, for the dashboard and for checking the
 * charter's rules. Other capabilities read membership through this function only.
 */
export async function getMemberStatistics(ctx: TenantCtx, opts: { asOf?: string } = {}): Promise<MemberStatistics> {
  const today = jakartaDate(ctx.clock.now());
  const asOf = opts.asOf && opts.asOf < today ? opts.asOf : today;
  // Today: the members' status. A past day (the RAT report's fiscal year end, issue 14 item 5):
  // whoever had joined by then and had not left yet, whatever their status now.
  const member =
    asOf === today
      ? sql`status = 'active'`
      : sql`status IN ('active', 'suspended', 'resigned', 'expelled') AND joined_on <= ${asOf}::date AND (left_on IS NULL OR left_on > ${asOf}::date)`;
  const applicant = asOf === today ? sql`status = 'applicant'` : sql`created_at < (${asOf}::date + 1) AND (joined_on IS NULL OR joined_on > ${asOf}::date) AND status <> 'rejected'`;
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await trx
      .selectFrom('members')
      .select([
        sql<number>`count(*) FILTER (WHERE ${member})::int`.as('active'),
        sql<number>`count(*) FILTER (WHERE ${applicant})::int`.as('applicants'),
        sql<number>`count(*) FILTER (WHERE ${member} AND gender = 'F')::int`.as('women'),
        sql<number>`count(*) FILTER (WHERE ${member} AND gender = 'M')::int`.as('men'),
        sql<number>`count(*) FILTER (WHERE ${member} AND birth_date IS NOT NULL)::int`.as('withBirthDate'),
        sql<number>`count(*) FILTER (WHERE ${member} AND date_part('year', age(${asOf}::date, birth_date)) BETWEEN ${YOUTH_MIN_AGE} AND ${YOUTH_MAX_AGE})::int`.as('youth'),
        sql<number>`count(DISTINCT coalesce(household_code, id::text)) FILTER (WHERE ${member})::int`.as('households'),
        sql<number>`count(*) FILTER (WHERE ${member} AND is_well_off AND receives_state_aid)::int`.as('wellOffReceivingStateAid'),
        sql<number>`count(*) FILTER (WHERE ${member} AND rt IS NOT NULL)::int`.as('withRt'),
        sql<number>`count(DISTINCT (village_code, rw, rt)) FILTER (WHERE ${member} AND rt IS NOT NULL)::int`.as('distinctRt')
      ])
      .where('coop_id', '=', ctx.coopId)
      .executeTakeFirstOrThrow();
    return { asOf, ...row };
  });
}
