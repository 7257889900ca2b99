import { sql } from 'kysely';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { publicCoop } from '../catalogue/public-coop.js';
import { sha256Hex, verifyDownload } from './model.js';
import { signedLink, signingKey } from './store.js';

export type FileOut = { filename: string; contentType: string; data: Buffer };

/**
 * The file behind a signed download link. Tampered or malformed → DOWNLOAD_LINK_INVALID (403);
 * authentic but past its expiry → DOWNLOAD_LINK_EXPIRED (410); a revoked entitlement → 403.
 */
export async function serveDownload(ctx: Ctx, coopSlug: string, token: string): Promise<FileOut> {
  const coop = await publicCoop(ctx, coopSlug);
  return withTenant(ctx.db, coop.id, async (trx) => {
    const check = verifyDownload(await signingKey(trx, coop.id), coop.id, token, Math.floor(ctx.clock.now().getTime() / 1000));
    if (!check.ok) throw new AppError(check.reason === 'expired' ? 'DOWNLOAD_LINK_EXPIRED' : 'DOWNLOAD_LINK_INVALID');
    const ent = await trx
      .updateTable('download_entitlements')
      .set({ download_count: sql`download_count + 1` as never, last_download_at: new Date() })
      .where('coop_id', '=', coop.id)
      .where('id', '=', check.entitlementId)
      .where('revoked_at', 'is', null)
      .returning(['work_id'])
      .executeTakeFirst();
    if (!ent) throw new AppError('DOWNLOAD_LINK_INVALID');
    const f = await trx.selectFrom('work_files').select(['filename', 'content_type', 'data']).where('coop_id', '=', coop.id).where('work_id', '=', ent.work_id).where('kind', '=', 'download').executeTakeFirst();
    if (!f) throw new AppError('NOT_FOUND');
    return { filename: f.filename, contentType: f.content_type, data: f.data };
  });
}

/** A work's public preview (published works only). */
export async function servePreview(ctx: Ctx, coopSlug: string, workSlug: string): Promise<FileOut> {
  const coop = await publicCoop(ctx, coopSlug);
  const f = await withTenant(ctx.db, coop.id, (trx) =>
    trx
      .selectFrom('work_files as f')
      .innerJoin('works as w', (j) => j.onRef('w.coop_id', '=', 'f.coop_id').onRef('w.id', '=', 'f.work_id'))
      .select(['f.filename', 'f.content_type', 'f.data'])
      .where('f.coop_id', '=', coop.id)
      .where('w.slug', '=', workSlug)
      .where('w.status', '=', 'published')
      .where('f.kind', '=', 'preview')
      .executeTakeFirst()
  );
  if (!f) throw new AppError('NOT_FOUND');
  return { filename: f.filename, contentType: f.content_type, data: f.data };
}

export type EntitlementView = {
  coop: { slug: string; name: string };
  title: string;
  productLine: string;
  filename: string;
  byteSize: number;
  licenceTerms: string;
  revoked: boolean;
  downloadCount: number;
  link: { url: string; expiresAt: string } | null;
};

/** The buyer's entitlement page (by the access token mailed at payment): a fresh signed link on every visit. */
export async function getEntitlement(ctx: Ctx, coopSlug: string, access: string): Promise<EntitlementView> {
  const coop = await publicCoop(ctx, coopSlug);
  if (!/^[A-Za-z0-9_-]{43}$/.test(access)) throw new AppError('DOWNLOAD_LINK_INVALID');
  return withTenant(ctx.db, coop.id, async (trx) => {
    const e = await trx
      .selectFrom('download_entitlements as e')
      .innerJoin('works as w', (j) => j.onRef('w.coop_id', '=', 'e.coop_id').onRef('w.id', '=', 'e.work_id'))
      .innerJoin('work_files as f', (j) => j.onRef('f.coop_id', '=', 'e.coop_id').onRef('f.work_id', '=', 'e.work_id').on('f.kind', '=', 'download'))
      .select(['e.id', 'e.licence_terms', 'e.revoked_at', 'e.download_count', 'w.title', 'w.product_line', 'f.filename', 'f.byte_size'])
      .where('e.coop_id', '=', coop.id)
      .where('e.access_hash', '=', sha256Hex(access))
      .executeTakeFirst();
    if (!e) throw new AppError('DOWNLOAD_LINK_INVALID');
    return {
      coop: { slug: coop.slug, name: coop.name },
      title: e.title,
      productLine: e.product_line,
      filename: e.filename,
      byteSize: e.byte_size,
      licenceTerms: e.licence_terms,
      revoked: e.revoked_at !== null,
      downloadCount: e.download_count,
      link: e.revoked_at ? null : await signedLink(trx, coop.id, coop.slug, e.id, ctx.clock.now().getTime())
    };
  });
}
