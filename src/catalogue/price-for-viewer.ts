import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { priceFor, type ViewerPrice } from './model.js';
import { publishedPrices } from './store.js';
import { viewerIsActiveMember } from './viewer.js';

/**
 * The price the signed-in viewer (or an anonymous buyer) pays for a published work of a
 * cooperative, decided on the server: the member price only for an active member of THAT
 * cooperative. For orders to snapshot on their lines; client input never chooses the price.
 */
export async function priceForViewer(ctx: Ctx, coopId: string, workId: string): Promise<ViewerPrice & { isMember: boolean }> {
  if (!/^[0-9a-f-]{36}$/i.test(coopId) || !/^[0-9a-f-]{36}$/i.test(workId)) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  const [row, isMember] = await Promise.all([withTenant(ctx.db, coopId, (trx) => publishedPrices(trx, coopId, workId)), viewerIsActiveMember(ctx, coopId)]);
  if (!row || row.status !== 'published') throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  return { ...priceFor({ publicPrice: row.public_price, memberPrice: row.member_price }, isMember), isMember };
}
