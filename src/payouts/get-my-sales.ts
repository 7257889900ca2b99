import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { memberBalance } from '../ledger/get-member-ledger-balance.js';
import { findMemberByAccount } from '../members/store.js';
import { splitOrder } from '../orders/model.js';
import { PRODUCER_ACCOUNT, type PayoutView } from './model.js';
import { payoutViews } from './store.js';

export type MySales = {
  memberId: string;
  balance: number;
  sales: { orderNo: string; date: string; title: string; variantLabel: string | null; quantity: number; lineTotal: number; myShare: number; status: string }[];
  payouts: PayoutView[];
};

/**
 * The signed-in member's own sales: each paid line of a work they co-created with their share of
 * it (the same largest-remainder split the payment posted), their balance from the ledger and
 * their payouts.
 */
export async function getMySales(ctx: TenantCtx): Promise<MySales> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await findMemberByAccount(trx, ctx.coopId, ctx.actor.accountId);
    if (!me) throw new AppError('MEMBER_NOT_FOUND');
    const { rows } = await sql<{ order_no: string; paid_at: Date; title: string; variant_label: string | null; quantity: number; line_total: number; commission: number; creators: { memberId: string; shareBp: number }[]; status: string }>`
      SELECT o.order_no, o.paid_at, l.title, l.variant_label, l.quantity, l.line_total, l.commission, l.creators, o.status
        FROM order_lines l JOIN orders o ON o.coop_id = l.coop_id AND o.id = l.order_id
       WHERE l.coop_id = ${ctx.coopId} AND o.paid_at IS NOT NULL AND l.creators @> ${JSON.stringify([{ memberId: me.id }])}::jsonb
       ORDER BY o.paid_at DESC LIMIT 500`.execute(trx);
    const [balance, payouts] = await Promise.all([memberBalance(trx, ctx.coopId, me.id, PRODUCER_ACCOUNT), payoutViews(trx, ctx.coopId, { memberId: me.id })]);
    return {
      memberId: me.id,
      balance,
      sales: rows.map((r) => ({
        orderNo: r.order_no,
        date: new Date(r.paid_at).toISOString(),
        title: r.title,
        variantLabel: r.variant_label,
        quantity: r.quantity,
        lineTotal: Number(r.line_total),
        myShare: splitOrder([{ lineTotal: Number(r.line_total), commission: Number(r.commission), ppn: 0, creators: r.creators }], 0).producers.find((p) => p.memberId === me.id)?.amount ?? 0,
        status: r.status
      })),
      payouts
    };
  });
}
