import { sql } from 'kysely';
import { z } from 'zod';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { isValidPlainDate, jakartaDate } from '../kernel/clock.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import type { PaymentMethod } from './model.js';

const day = z.string().refine(isValidPlainDate, 'date_invalid');
/** Both default to today (Asia/Jakarta). */
export const ZCollectionsRequest = z.object({ from: day.optional(), to: day.optional() });

export type CollectionRow = { date: string; method: PaymentMethod; confirmedBy: string | null; payments: number; gross: number; fee: number; net: number };

/**
 * Money collected per day (Asia/Jakarta), per method and per person who confirmed it (the
 * courier or cashier who handed it in): count, gross, MDR and net, for reconciling the cash box
 * and the bank statement with the orders (marketplace.md #7, #17).
 */
export async function listCollections(ctx: TenantCtx, input: unknown): Promise<CollectionRow[]> {
  requirePermission(ctx, 'orders.read');
  const q = parseInput(ZCollectionsRequest, input ?? {});
  const today = jakartaDate(ctx.clock.now());
  const from = q.from ?? today;
  const to = q.to ?? from;
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const { rows } = await sql<{ d: string; method: PaymentMethod; name: string | null; n: string; gross: string; fee: string }>`
      SELECT to_char(p.confirmed_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS d, p.method, a.name, count(*) AS n, sum(p.amount) AS gross, sum(p.fee) AS fee
        FROM order_payments p LEFT JOIN accounts a ON a.id = p.confirmed_by
       WHERE p.coop_id = ${ctx.coopId} AND p.status = 'confirmed'
         AND (p.confirmed_at AT TIME ZONE 'Asia/Jakarta')::date BETWEEN ${from}::date AND ${to}::date
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(trx);
    return rows.map((r) => ({ date: r.d, method: r.method, confirmedBy: r.name, payments: Number(r.n), gross: Number(r.gross), fee: Number(r.fee), net: Number(r.gross) - Number(r.fee) }));
  });
}
