import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import type { LedgerAccount } from './model.js';
import { ensureLedger, listAccounts, listClosings, type LedgerSettings } from './store.js';

export type LedgerChart = { settings: LedgerSettings; accounts: LedgerAccount[] };

/**
 * The cooperative's chart of accounts and ledger settings (ledger.read, or ledger.post for
 * the entry form). The chart is copied from the template on first use.
 */
export async function getChart(ctx: TenantCtx): Promise<LedgerChart> {
  requirePermission(ctx, 'ledger.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const settings = await ensureLedger(trx, ctx.coopId);
    return { settings, accounts: await listAccounts(trx, ctx.coopId) };
  });
}

export type ClosingView = { id: number; action: 'close' | 'reopen'; closedThroughBefore: string | null; closedThroughAfter: string | null; closingEntryId: string | null; reason: string | null; at: string; actorName: string | null };

/** The history of closing and reopening (ledger.read). */
export async function listClosingHistory(ctx: TenantCtx): Promise<ClosingView[]> {
  requirePermission(ctx, 'ledger.read');
  const rows = await withTenant(ctx.db, ctx.coopId, (trx) => listClosings(trx, ctx.coopId));
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    closedThroughBefore: r.closed_through_before,
    closedThroughAfter: r.closed_through_after,
    closingEntryId: r.closing_entry_id,
    reason: r.reason,
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name
  }));
}
