import { jakartaDate } from '../kernel/clock.js';
import type { CoopType, ProductLine } from '../db/schema.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { getMemberStatistics } from '../members/get-member-statistics.js';
import { regionPath, regionKind } from '../regions/model.js';
import { findCoopBySlug } from './store.js';

export type PublicCoopProfile = {
  slug: string;
  name: string;
  coopType: CoopType;
  /** Province → regency → district → village, as far as the coop recorded it. */
  region: { code: string; name: string; kind: string | null }[];
  productLines: ProductLine[];
  description: string | null;
  contact: { phone: string | null; email: string | null };
  activeMembers: number;
  since: string;
};

/**
 * What anyone may see of a cooperative that chose to be public. A private (or unknown)
 * slug answers NOT_FOUND, so the page does not reveal that the coop exists. No legal
 * numbers, no street address, no member names.
 */
export async function getPublicProfile(ctx: Ctx, slug: string): Promise<PublicCoopProfile> {
  const row = await findCoopBySlug(ctx.db, slug.toLowerCase());
  if (!row || !row.is_public) throw new AppError('NOT_FOUND');
  const lowest = row.village_code ?? row.district_code ?? row.regency_code ?? row.province_code;
  const region = (await regionPath(lowest)).map((r) => ({ code: r.code, name: r.name, kind: regionKind(r.code) }));
  // Membership figures are the members capability's to compute; the platform reads them as the system.
  const system: TenantCtx = {
    ...ctx,
    coopId: row.id,
    roles: [],
    actor: { accountId: '00000000-0000-0000-0000-000000000000', name: 'public profile', isPlatformAdmin: false, via: 'system' }
  };
  const stats = await getMemberStatistics(system);
  return {
    slug: row.slug,
    name: row.name,
    coopType: row.coop_type,
    region,
    productLines: row.product_lines,
    description: row.description,
    contact: { phone: row.phone, email: row.email },
    activeMembers: stats.active,
    since: jakartaDate(new Date(row.created_at))
  };
}
