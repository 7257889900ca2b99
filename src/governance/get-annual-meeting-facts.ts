import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { AnnualMeetingFacts } from '../charters/compliance.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';

/**
 * The closed annual members' meetings (RAT) with the days of notice each had, and the
 * cooperative's fiscal calendar: what the compliance view checks the charter's RAT rule with.
 */
export async function getAnnualMeetingFacts(ctx: TenantCtx): Promise<AnnualMeetingFacts> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const coop = await trx.selectFrom('coops').select(['fiscal_year_start_month', 'legal_date', 'created_at']).where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
    const rats = await trx
      .selectFrom('meetings')
      .select(['starts_at', 'notice_sent_at'])
      .where('coop_id', '=', ctx.coopId)
      .where('kind', '=', 'rat')
      .where('status', '=', 'closed')
      .where('starts_at', '<=', ctx.clock.now())
      .orderBy('starts_at')
      .execute();
    // Its legal date; else the earliest trace of its life: joining members, book entries, creation in Lumbung.
    const legal = coop.legal_date as unknown as string | Date | null;
    const { rows } = await sql<{ first: string | null }>`
      SELECT to_char(least(
        (SELECT min(joined_on) FROM members WHERE coop_id = ${ctx.coopId}),
        (SELECT min(entry_date) FROM journal_entries WHERE coop_id = ${ctx.coopId})
      ), 'YYYY-MM-DD') AS first`.execute(trx);
    const created = jakartaDate(new Date(coop.created_at));
    const earliest = rows[0]?.first && rows[0].first < created ? rows[0].first : created;
    const foundedOn = legal ? (typeof legal === 'string' ? legal.slice(0, 10) : jakartaDate(legal)) : earliest;
    return {
      today: jakartaDate(ctx.clock.now()),
      fiscalYearStartMonth: coop.fiscal_year_start_month,
      foundedOn,
      held: rats.map((m) => {
        const starts = new Date(m.starts_at);
        const date = jakartaDate(starts);
        if (!m.notice_sent_at) return { date, noticeDays: null };
        // Whole calendar days between the notice and the meeting (Asia/Jakarta).
        const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${jakartaDate(new Date(m.notice_sent_at))}T00:00:00Z`)) / 86_400_000);
        return { date, noticeDays: days };
      })
    };
  });
}
