import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { priceFor, publicAttributes, type StoreWork } from './model.js';
import { publicCoop } from './public-coop.js';
import { toPicture } from '../media/model.js';
import { storeWorkRow } from './store.js';
import { viewerIsActiveMember } from './viewer.js';

/** A published work's public page, priced for the viewer. Drafts, archived works and private coops are NOT_FOUND. */
export async function getStoreWork(ctx: Ctx, coopSlug: string, workSlug: string): Promise<StoreWork> {
  const coop = await publicCoop(ctx, coopSlug);
  if (!/^[a-z0-9-]{1,80}$/.test(workSlug)) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  const [row, isMember] = await Promise.all([withTenant(ctx.db, coop.id, (trx) => storeWorkRow(trx, coop.id, workSlug)), viewerIsActiveMember(ctx, coop.id)]);
  if (!row) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  return {
    coop: { slug: coop.slug, name: coop.name },
    slug: row.slug,
    productLine: row.product_line,
    title: row.title,
    description: row.description,
    attributes: publicAttributes(row.product_line, row.attributes as Record<string, unknown>),
    price: priceFor({ publicPrice: row.public_price, memberPrice: row.member_price }, isMember),
    publicPrice: row.public_price,
    creators: row.creators,
    variants: row.variants,
    event: row.starts_at && row.venue && row.capacity ? { startsAt: new Date(row.starts_at).toISOString(), venue: row.venue, capacity: row.capacity } : null,
    viewerIsMember: isMember,
    images: row.images.flatMap((i) => {
      const p = toPicture(coop.slug, i);
      return p ? [{ ...p, variant: i.variant }] : [];
    }),
    seats: row.capacity ? { left: Math.max(0, row.capacity - (row.seats?.taken ?? 0)), freeRegistration: row.seats?.free ?? false } : null,
    preview: row.preview_type
      ? { kind: row.preview_type.startsWith('audio/') ? 'audio' : 'document', url: `/api/v1/public/coops/${coop.slug}/store/${row.slug}/preview`, contentType: row.preview_type }
      : null
  };
}
