import type { Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';

export type AuditInput = { action: string; entity: string; entityId?: string | null; before?: unknown; after?: unknown };

/** The audit_log row for an action (without `entity_id` when the caller's SQL supplies it). */
export function auditRow(ctx: Pick<TenantCtx, 'coopId' | 'actor'>, entry: AuditInput) {
  return {
    coop_id: ctx.coopId,
    actor_account_id: ctx.actor.via === 'system' ? null : ctx.actor.accountId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after)
  };
}

/** Append one line to the cooperative's audit log, inside the caller's transaction. */
export async function recordAudit(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor'>, entry: AuditInput): Promise<void> {
  await trx.insertInto('audit_log').values(auditRow(ctx, entry)).execute();
}
