import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZReasonRequest } from './model.js';
import type { OrderView } from './order-view.js';
import { isUuid, onOrder } from './support.js';

/** The uploaded transfer proof image of a pending payment (board). */
export async function getTransferProof(ctx: TenantCtx, orderId: string, paymentId: string): Promise<{ mime: string; data: Buffer }> {
  requirePermission(ctx, 'orders.read');
  if (!isUuid(orderId) || !isUuid(paymentId)) throw new AppError('NOT_FOUND');
  const row = await withTenant(ctx.db, ctx.coopId, (trx) =>
    trx.selectFrom('order_payments').select(['proof', 'proof_mime']).where('coop_id', '=', ctx.coopId).where('order_id', '=', orderId).where('id', '=', paymentId).executeTakeFirst()
  );
  if (!row?.proof || !row.proof_mime) throw new AppError('NOT_FOUND');
  return { mime: row.proof_mime, data: row.proof };
}

/** The bendahara rejects a transfer proof (no money seen); the order stays unpaid and its payment window restarts. */
export async function rejectTransferProof(ctx: TenantCtx, orderId: string, paymentId: string, input: unknown): Promise<OrderView> {
  const data = parseInput(ZReasonRequest, input ?? {});
  if (!isUuid(paymentId)) throw new AppError('NOT_FOUND');
  return onOrder(ctx, 'payments.confirm', orderId, async (trx, order) => {
    const row = await trx
      .updateTable('order_payments')
      .set({ status: 'rejected', reject_reason: data.reason })
      .where('coop_id', '=', ctx.coopId)
      .where('order_id', '=', order.id)
      .where('id', '=', paymentId)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await recordAudit(trx, ctx, { action: 'order.proof_rejected', entity: 'order', entityId: order.id, after: { paymentId, reason: data.reason } });
  });
}
