import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { AUDIT_PAGE_SIZE, jakartaDayEnd, jakartaDayStart, ZListAuditLogRequest, type AuditPage, type ListAuditLogRequest } from './model.js';
import { countAuditRows, selectAuditRows } from './store.js';

/** The cooperative's audit log, newest first, filtered and paged. */
export async function listAuditLog(ctx: TenantCtx, input: ListAuditLogRequest = {}): Promise<AuditPage> {
  requirePermission(ctx, 'audit.read');
  const data = parseInput(ZListAuditLogRequest, input);
  const pageSize = data.pageSize ?? AUDIT_PAGE_SIZE;
  const page = data.page ?? 1;
  const filter = {
    entity: data.entity,
    entityId: data.entityId,
    actorAccountId: data.actorAccountId,
    fromAt: data.from ? jakartaDayStart(data.from) : undefined,
    toAt: data.to ? jakartaDayEnd(data.to) : undefined
  };
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const total = await countAuditRows(trx, ctx.coopId, filter);
    const rows = await selectAuditRows(trx, ctx.coopId, filter, pageSize, (page - 1) * pageSize);
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actor: r.actor_account_id ? { accountId: r.actor_account_id, name: r.actor_name } : null,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before,
        after: r.after
      })),
      total,
      page,
      pageSize,
      pages: Math.max(1, Math.ceil(total / pageSize))
    };
  });
}
