import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { parseInput } from '../kernel/validation.js';
import { excerpt, priceFor, searchTerms, STORE_PAGE_SIZE, ZStorefrontRequest, type StorePage } from './model.js';
import { publicCoop } from './public-coop.js';
import { toPicture } from '../media/model.js';
import { storefrontRows } from './store.js';
import { viewerIsActiveMember } from './viewer.js';

/**
 * A public cooperative's storefront: its published works, searched (Indonesian full text)
 * and filtered by line, a page at a time, each priced for the viewer. A fixed number of
 * statements whatever the number of products: the coop, one page query, and (signed in)
 * the viewer's membership.
 */
export async function browseStorefront(ctx: Ctx, slug: string, input: unknown = {}): Promise<StorePage> {
  const p = parseInput(ZStorefrontRequest, input ?? {});
  const coop = await publicCoop(ctx, slug);
  const page = p.page ?? 1;
  const [rows, isMember] = await Promise.all([
    withTenant(ctx.db, coop.id, (trx) => storefrontRows(trx, coop.id, { q: searchTerms(p.q), line: p.line }, { limit: STORE_PAGE_SIZE, offset: (page - 1) * STORE_PAGE_SIZE })),
    viewerIsActiveMember(ctx, coop.id)
  ]);
  const total = rows[0]?.total ?? 0;
  return {
    coop: { slug: coop.slug, name: coop.name },
    items: rows.map((r) => ({
      slug: r.slug,
      productLine: r.product_line,
      title: r.title,
      excerpt: excerpt(r.description),
      price: priceFor({ publicPrice: r.public_price, memberPrice: r.member_price }, isMember),
      creators: r.creators,
      startsAt: r.starts_at ? new Date(r.starts_at).toISOString() : null,
      stock: r.stock,
      cover: r.cover ? toPicture(coop.slug, r.cover) : null
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / STORE_PAGE_SIZE)),
    pageSize: STORE_PAGE_SIZE,
    viewerIsMember: isMember
  };
}
