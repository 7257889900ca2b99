import { withTenant } from '../db/tenant.js';
import type { DecisionRuleFacts } from '../charters/compliance.js';
import type { CharterRules } from '../charters/model.js';
import { listCharters } from '../charters/store.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';

/**
 * The closed decisions with the quorum and threshold each was taken under, and the quorum and
 * majority of every charter version: what the compliance view checks those two rules with.
 */
export async function getDecisionRuleFacts(ctx: TenantCtx): Promise<DecisionRuleFacts> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await trx
      .selectFrom('decisions')
      .select(['kind', 'method', 'quorum', 'threshold_bp', 'charter_version', 'electorate_size', 'meeting_eligible', 'outcome'])
      .where('coop_id', '=', ctx.coopId)
      .where('status', '=', 'closed')
      .execute();
    const versions: DecisionRuleFacts['versions'] = {};
    for (const c of await listCharters(trx, ctx.coopId)) {
      const rules = c.rules as CharterRules;
      versions[c.version] = { quorum: rules.quorum, majority: rules.majority };
    }
    return {
      closed: rows.map((d) => ({
        kind: d.kind,
        method: d.method,
        quorum: (typeof d.quorum === 'string' ? JSON.parse(d.quorum) : d.quorum) as CharterRules['quorum'],
        thresholdBp: d.threshold_bp,
        charterVersion: d.charter_version,
        eligible: d.meeting_eligible ?? d.electorate_size ?? 0,
        outcome: d.outcome
      })),
      versions
    };
  });
}
