import { recordAudit } from '../../audit/record-audit.js';
import { withTenant } from '../../db/tenant.js';
import type { TenantCtx } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { requirePermission } from '../../kernel/permissions.js';
import { parseInput } from '../../kernel/validation.js';
import { z } from 'zod';

export type ReconciliationItem = {
  id: string;
  provider: string;
  orderNo: string;
  reason: 'amount_mismatch' | 'unknown_order' | 'order_not_payable';
  expectedAmount: number | null;
  receivedAmount: number;
  status: 'open' | 'resolved';
  resolutionNote: string | null;
  createdAt: string;
  resolvedAt: string | null;
};

/** The reconciliation queue: gateway payments that did not (and must not automatically) mark an order paid. */
export async function listReconciliation(ctx: TenantCtx, input: { status?: 'open' | 'resolved' | 'all' } = {}): Promise<ReconciliationItem[]> {
  requirePermission(ctx, 'payments.reconcile');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    let q = trx.selectFrom('payment_reconciliation').selectAll().where('coop_id', '=', ctx.coopId);
    if (input.status !== 'all') q = q.where('status', '=', input.status ?? 'open');
    const rows = await q.orderBy('created_at', 'desc').limit(500).execute();
    return rows.map((r) => ({
      id: r.id,
      provider: r.provider,
      orderNo: r.order_no,
      reason: r.reason,
      expectedAmount: r.expected_amount,
      receivedAmount: r.received_amount,
      status: r.status,
      resolutionNote: r.resolution_note,
      createdAt: new Date(r.created_at).toISOString(),
      resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null
    }));
  });
}

const ZResolve = z.strictObject({ note: z.string().trim().min(3).max(1000) });

/** Mark an item resolved with a note (the money itself is handled by a refund or a manual confirmation). */
export async function resolveReconciliation(ctx: TenantCtx, id: string, input: unknown): Promise<{ id: string; status: 'resolved' }> {
  requirePermission(ctx, 'payments.reconcile');
  const data = parseInput(ZResolve, input);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await trx
      .updateTable('payment_reconciliation')
      .set({ status: 'resolved', resolution_note: data.note, resolved_by: ctx.actor.accountId, resolved_at: new Date() })
      .where('coop_id', '=', ctx.coopId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await recordAudit(trx, ctx, { action: 'payments.reconciliation.resolve', entity: 'payment_reconciliation', entityId: id, after: data });
    return { id, status: 'resolved' as const };
  });
}
