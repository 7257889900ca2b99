import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { toCharterView, type CharterView } from './get-charter.js';
import { diffRules } from './model.js';
import { listCharters } from './store.js';

export type CharterVersion = CharterView & {
  /** Rule paths that differ from the version before ('membership.max', …); empty for the first version. */
  changed: string[];
  templateChanged: boolean;
};

/** Every version of the charter, newest first, with who adopted it, when, and what changed. */
export async function listCharterVersions(ctx: TenantCtx): Promise<CharterVersion[]> {
  requirePermission(ctx, 'coop.read');
  const rows = await withTenant(ctx.db, ctx.coopId, (trx) => listCharters(trx, ctx.coopId));
  const views = rows.map(toCharterView);
  return views.map((v, i) => {
    const previous = views[i + 1];
    return { ...v, changed: previous ? diffRules(previous.rules, v.rules) : [], templateChanged: previous ? previous.template !== v.template : false };
  });
}
