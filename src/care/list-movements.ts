import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';

export const BOARD_MOVEMENTS_PAGE_SIZE = 50;

/** One fund movement as the board sees it (the counterparty named; the public page hides it unless consented). */
export type BoardMovement = {
  id: string;
  date: string;
  receiptNo: string;
  kind: 'donation' | 'grant' | 'disbursement' | 'reversal';
  amount: number;
  method: 'cash' | 'transfer';
  fundId: string;
  fund: string;
  purpose: string;
  programme: string | null;
  applicationId: string | null;
  category: string | null;
  counterparty: string | null;
  counterpartyPublic: boolean;
  receiptSigned: 'tick' | 'upload' | null;
  /** The receipt this movement reverses (a reversal), or the reversal of this one. */
  reverses: string | null;
  reversedBy: string | null;
};

export type MovementFilter = { fundId?: string | null; applicationId?: string | null; page?: number };

/**
 * Fund movements for the board, newest first, 50 a page, optionally of one fund or one
 * application. Two statements whatever the history's length.
 */
export async function listMovements(ctx: TenantCtx, filter: MovementFilter = {}): Promise<{ items: BoardMovement[]; page: number; pages: number; total: number }> {
  requirePermission(ctx, 'care.read');
  const page = Number.isInteger(filter.page) && filter.page! >= 1 && filter.page! <= 1_000_000 ? filter.page! : 1;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const fundId = filter.fundId && uuid.test(filter.fundId) ? filter.fundId : filter.fundId ? '00000000-0000-0000-0000-000000000000' : null;
  const appId = filter.applicationId && uuid.test(filter.applicationId) ? filter.applicationId : filter.applicationId ? '00000000-0000-0000-0000-000000000000' : null;
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const where = sql`m.coop_id = ${ctx.coopId} AND (${fundId}::uuid IS NULL OR m.fund_id = ${fundId}::uuid) AND (${appId}::uuid IS NULL OR m.application_id = ${appId}::uuid)`;
    const { rows: counted } = await sql<{ n: string }>`SELECT count(*)::bigint AS n FROM care_movements m WHERE ${where}`.execute(trx);
    const total = Number(counted[0]?.n ?? 0);
    const { rows } = await sql<{
      id: string; date: string; receipt_no: string; kind: BoardMovement['kind']; amount: string; method: BoardMovement['method']; fund_id: string; fund: string; purpose: string;
      programme: string | null; application_id: string | null; category: string | null; counterparty: string | null; counterparty_public: boolean; receipt_signed: BoardMovement['receiptSigned'];
      reverses: string | null; reversed_by: string | null;
    }>`SELECT m.id, m.occurred_on::text AS date, m.receipt_no, m.kind, m.amount, m.method, m.fund_id, f.name AS fund, m.purpose, p.title AS programme, m.application_id, m.category,
        m.counterparty, m.counterparty_public, m.receipt_signed, o.receipt_no AS reverses, r.receipt_no AS reversed_by
      FROM care_movements m
      JOIN care_funds f ON f.coop_id = m.coop_id AND f.id = m.fund_id
      LEFT JOIN care_programmes p ON p.coop_id = m.coop_id AND p.id = m.programme_id
      LEFT JOIN care_movements o ON o.coop_id = m.coop_id AND o.id = m.reverses_id
      LEFT JOIN care_movements r ON r.coop_id = m.coop_id AND r.reverses_id = m.id
      WHERE ${where}
      ORDER BY m.occurred_on DESC, m.created_at DESC, m.id DESC
      LIMIT ${BOARD_MOVEMENTS_PAGE_SIZE} OFFSET ${(page - 1) * BOARD_MOVEMENTS_PAGE_SIZE}`.execute(trx);
    return {
      items: rows.map((r) => ({
        id: r.id, date: r.date, receiptNo: r.receipt_no, kind: r.kind, amount: Number(r.amount), method: r.method, fundId: r.fund_id, fund: r.fund, purpose: r.purpose, programme: r.programme,
        applicationId: r.application_id, category: r.category, counterparty: r.counterparty, counterpartyPublic: r.counterparty_public, receiptSigned: r.receipt_signed, reverses: r.reverses, reversedBy: r.reversed_by
      })),
      page,
      pages: Math.max(1, Math.ceil(total / BOARD_MOVEMENTS_PAGE_SIZE)),
      total
    };
  });
}
