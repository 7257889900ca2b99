import { getCoop } from '../coops/get-coop.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { findMember } from '../members/store.js';
import { renderReceiptPdf, type ReceiptData } from './receipt.js';
import { findMovement } from './store.js';

/** The data printed on one movement's receipt: the board and pengawas read every receipt, a member their own. */
export async function getReceiptData(ctx: TenantCtx, movementId: string): Promise<ReceiptData> {
  if (!/^[0-9a-f-]{36}$/i.test(movementId)) throw new AppError('NOT_FOUND');
  const data = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const movement = await findMovement(trx, ctx.coopId, movementId);
    const member = movement ? await findMember(trx, ctx.coopId, movement.member_id) : undefined;
    const own = member !== undefined && member.account_id !== null && member.account_id === ctx.actor.accountId;
    if (!own && !can(ctx, 'capital.read')) throw new AppError('FORBIDDEN');
    if (!movement || !member) throw new AppError('NOT_FOUND');
    return { movement, member };
  });
  const { movement, member } = data;
  const coop = await getCoop(ctx);
  return {
      locale: ctx.locale,
      coopName: coop.name,
      coopAddress: [coop.street, coop.postalCode].filter(Boolean).join(' ') || null,
      receiptNo: movement.receipt_no,
      date: movement.occurred_on,
      memberName: member.full_name,
      memberNo: member.member_no,
      kind: movement.kind,
      amount: Number(movement.amount),
      method: movement.method,
      wajibPeriods: movement.wajib_from && movement.wajib_to ? { from: movement.wajib_from, to: movement.wajib_to } : null,
      balancesAfter: { pokok: Number(movement.balance_pokok), wajib: Number(movement.balance_wajib), sukarela: Number(movement.balance_sukarela) },
      note: movement.note,
      cashier: movement.created_by_name ?? '—'
  };
}

/** One movement's receipt (kuitansi) as a PDF, with its file name. */
export async function getReceipt(ctx: TenantCtx, movementId: string): Promise<{ filename: string; pdf: Buffer }> {
  const data = await getReceiptData(ctx, movementId);
  return { filename: `kuitansi-${data.receiptNo.replace(/\//g, '-')}.pdf`, pdf: await renderReceiptPdf(data) };
}
