import type { SurplusRunFacts } from '../charters/compliance.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';

/** The standing (RAT-approved) surplus runs, one per fiscal year: what compliance checks the charter's surplus rule with. */
export async function getSurplusFacts(ctx: TenantCtx): Promise<SurplusRunFacts[]> {
  requirePermission(ctx, 'coop.read');
  const rows = await withTenant(ctx.db, ctx.coopId, (trx) =>
    trx
      .selectFrom('shu_runs')
      .select(['period_end', 'status', 'decision_ref', 'inputs'])
      .where('coop_id', '=', ctx.coopId)
      .where('status', 'in', ['approved', 'posted', 'paid'])
      .execute()
  );
  return rows.map((r) => {
    const inputs = (typeof r.inputs === 'string' ? JSON.parse(r.inputs) : r.inputs) as { components?: { key: string; bp: number }[] } | null;
    const end = r.period_end as unknown as string | Date;
    return {
      periodEnd: typeof end === 'string' ? end.slice(0, 10) : end.toISOString().slice(0, 10),
      status: r.status,
      decisionRef: r.decision_ref,
      components: (inputs?.components ?? []).map((c) => ({ key: c.key, bp: c.bp }))
    };
  });
}
