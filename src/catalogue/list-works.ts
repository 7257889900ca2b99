import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { searchTerms, ZListWorksRequest, type ProductLine, type Rupiah, type WorkStatus } from './model.js';
import { listWorkRows } from './store.js';

export const BOARD_PAGE_SIZE = 50;

export type WorkListItem = {
  id: string;
  productLine: ProductLine;
  title: string;
  slug: string;
  status: WorkStatus;
  publicPrice: Rupiah;
  memberPrice: Rupiah | null;
  creators: string[];
  sharesBp: number;
  updatedAt: string;
};

export type WorkList = { items: WorkListItem[]; total: number; page: number; pages: number; pageSize: number };

/** The catalogue as the board sees it: every status, search, filter by line and status, newest change first. */
export async function listWorks(ctx: TenantCtx, input: unknown = {}): Promise<WorkList> {
  requirePermission(ctx, 'catalogue.read');
  const p = parseInput(ZListWorksRequest, input ?? {});
  const page = p.page ?? 1;
  const rows = await withTenant(ctx.db, ctx.coopId, (trx) =>
    listWorkRows(trx, ctx.coopId, { q: searchTerms(p.q), line: p.line, status: p.status }, { limit: BOARD_PAGE_SIZE, offset: (page - 1) * BOARD_PAGE_SIZE })
  );
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map((r) => ({
      id: r.id,
      productLine: r.product_line,
      title: r.title,
      slug: r.slug,
      status: r.status,
      publicPrice: r.public_price,
      memberPrice: r.member_price,
      creators: r.creators,
      sharesBp: r.shares_bp,
      updatedAt: new Date(r.updated_at).toISOString()
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE)),
    pageSize: BOARD_PAGE_SIZE
  };
}
