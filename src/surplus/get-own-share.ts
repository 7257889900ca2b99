import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import type { ShuMemberView, ShuRunView } from './get-run.js';
import { runView } from './get-run.js';
import { findRun, memberIdOfAccount } from './store.js';

export type OwnShare = {
  run: Omit<ShuRunView, 'members' | 'totals' | 'journal'>;
  share: ShuMemberView | null;
  /** The run's jasa pools as distributed (the numerators' pools of the formula). */
  pools: { jasaModal: number; jasaUsaha: number };
};

/**
 * The signed-in member's own share in every approved (or later) run, newest year first, with
 * what the page needs to show the formula on their numbers. Never another member's row.
 */
export async function getOwnShares(ctx: TenantCtx): Promise<OwnShare[]> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const memberId = await memberIdOfAccount(trx, ctx.coopId, ctx.actor.accountId);
    if (!memberId) throw new AppError('MEMBER_NOT_FOUND');
    const runs = await trx
      .selectFrom('shu_runs')
      .select('id')
      .where('coop_id', '=', ctx.coopId)
      .where('status', 'in', ['approved', 'posted', 'paid'])
      .orderBy('fiscal_year', 'desc')
      .execute();
    const out: OwnShare[] = [];
    for (const { id } of runs) {
      const run = (await findRun(trx, ctx.coopId, id))!;
      const v = await runView(trx, run, { memberId });
      const { members, totals: _t, journal: _j, ...rest } = v;
      // The pools as distributed (after empty pools moved elsewhere): Σ of every member's share.
      const sums = await trx
        .selectFrom('shu_run_members')
        .select([sql<string>`coalesce(sum(jasa_modal), 0)`.as('jm'), sql<string>`coalesce(sum(jasa_usaha), 0)`.as('ju')])
        .where('coop_id', '=', ctx.coopId)
        .where('run_id', '=', id)
        .executeTakeFirstOrThrow();
      out.push({ run: rest, share: members[0] ?? null, pools: { jasaModal: Number(sums.jm), jasaUsaha: Number(sums.ju) } });
    }
    return out;
  });
}
