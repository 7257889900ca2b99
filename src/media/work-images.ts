import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { publicCoop } from '../catalogue/public-coop.js';
import { MAX_IMAGES_PER_WORK, toPicture, ZImageEdit, ZImageMeta, type ImageFileRow, type Picture } from './model.js';
import { mediaStore } from './media-store.js';
import { processImage } from './process-image.js';

export type WorkImageView = { id: string; position: number; alt: string; variantId: string | null; width: number; height: number; picture: Picture | null };

/** The files of each image, as one JSON array per image row (one statement for all images). */
export const imageFilesJson = sql<ImageFileRow[]>`(SELECT json_agg(json_build_object('size', f.size, 'format', f.format, 'width', f.width, 'height', f.height, 'sha256', f.sha256)) FROM work_image_files f WHERE f.coop_id = i.coop_id AND f.image_id = i.id)`;

async function coopSlug(trx: Tx, coopId: string): Promise<string> {
  return (await trx.selectFrom('coops').select('slug').where('id', '=', coopId).executeTakeFirstOrThrow()).slug;
}

async function imagesOf(trx: Tx, coopId: string, workId: string): Promise<WorkImageView[]> {
  const slug = await coopSlug(trx, coopId);
  const rows = await trx
    .selectFrom('work_images as i')
    .select(['i.id', 'i.position', 'i.alt', 'i.variant_id', 'i.width', 'i.height', imageFilesJson.as('files')])
    .where('i.coop_id', '=', coopId)
    .where('i.work_id', '=', workId)
    .orderBy('i.position')
    .orderBy('i.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, position: r.position, alt: r.alt, variantId: r.variant_id, width: r.width, height: r.height, picture: toPicture(slug, { alt: r.alt, width: r.width, height: r.height, files: r.files }) }));
}

async function requireWork(trx: Tx, coopId: string, workId: string): Promise<void> {
  const work = await trx.selectFrom('works').select('id').where('coop_id', '=', coopId).where('id', '=', workId).forUpdate().executeTakeFirst();
  if (!work) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
}

/** Number the work's photos 0..n-1 in the given order (0 = cover). */
async function renumber(trx: Tx, coopId: string, ids: string[]): Promise<void> {
  for (const [i, id] of ids.entries()) await trx.updateTable('work_images').set({ position: i }).where('coop_id', '=', coopId).where('id', '=', id).execute();
}

/**
 * Add a photo to a work: decoded and cut into its variants BEFORE the transaction (CPU work
 * holds no lock), then the blobs, the image and its files are written in one transaction —
 * a refused or failed upload stores nothing.
 */
export async function uploadWorkImage(ctx: TenantCtx, workId: string, input: { data: Buffer; alt: unknown; variantId?: unknown }): Promise<WorkImageView> {
  requirePermission(ctx, 'catalogue.write');
  const meta = parseInput(ZImageMeta, { alt: input.alt, variantId: input.variantId });
  if (!/^[0-9a-f-]{36}$/i.test(workId)) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  const made = await processImage(input.data);
  const store = mediaStore();
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await requireWork(trx, ctx.coopId, workId);
    const count = await trx.selectFrom('work_images').select(sql<number>`count(*)::int`.as('n')).where('coop_id', '=', ctx.coopId).where('work_id', '=', workId).executeTakeFirstOrThrow();
    if (count.n >= MAX_IMAGES_PER_WORK) throw new AppError('MEDIA_TOO_MANY');
    if (meta.variantId) {
      const v = await trx.selectFrom('work_variants').select('id').where('coop_id', '=', ctx.coopId).where('work_id', '=', workId).where('id', '=', meta.variantId).executeTakeFirst();
      if (!v) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'variantId', code: 'invalid_value' }] });
    }
    for (const v of made.variants) await store.put(trx, ctx.coopId, v);
    const image = await trx
      .insertInto('work_images')
      .values({ coop_id: ctx.coopId, work_id: workId, variant_id: meta.variantId ?? null, position: count.n, alt: meta.alt, width: made.width, height: made.height, uploaded_by: ctx.actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('work_image_files')
      .values(made.variants.map((v) => ({ coop_id: ctx.coopId, image_id: image.id, size: v.size, format: v.format, width: v.width, height: v.height, byte_size: v.data.length, sha256: v.sha256 })))
      .execute();
    await recordAudit(trx, ctx, {
      action: 'work.image.upload',
      entity: 'work',
      entityId: workId,
      after: { imageId: image.id, alt: meta.alt, variantId: meta.variantId ?? null, width: made.width, height: made.height, bytes: made.variants.reduce((n, v) => n + v.data.length, 0) }
    });
    return (await imagesOf(trx, ctx.coopId, workId)).find((i) => i.id === image.id)!;
  });
}

export async function listWorkImages(ctx: TenantCtx, workId: string): Promise<WorkImageView[]> {
  requirePermission(ctx, 'catalogue.read');
  if (!/^[0-9a-f-]{36}$/i.test(workId)) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const work = await trx.selectFrom('works').select('id').where('coop_id', '=', ctx.coopId).where('id', '=', workId).executeTakeFirst();
    if (!work) throw new AppError('CATALOGUE_WORK_NOT_FOUND');
    return imagesOf(trx, ctx.coopId, workId);
  });
}

/** Change a photo's description, make it the cover, or move it one place up/down. */
export async function editWorkImage(ctx: TenantCtx, workId: string, imageId: string, input: unknown): Promise<WorkImageView[]> {
  requirePermission(ctx, 'catalogue.write');
  const edit = parseInput(ZImageEdit, input);
  if (!/^[0-9a-f-]{36}$/i.test(workId) || !/^[0-9a-f-]{36}$/i.test(imageId)) throw new AppError('MEDIA_IMAGE_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    await requireWork(trx, ctx.coopId, workId);
    const images = await imagesOf(trx, ctx.coopId, workId);
    const at = images.findIndex((i) => i.id === imageId);
    if (at < 0) throw new AppError('MEDIA_IMAGE_NOT_FOUND');
    const before = images[at]!;
    if (edit.alt !== undefined) await trx.updateTable('work_images').set({ alt: edit.alt }).where('coop_id', '=', ctx.coopId).where('id', '=', imageId).execute();
    const order = images.map((i) => i.id);
    if (edit.cover) order.unshift(...order.splice(at, 1));
    else if (edit.position !== undefined) order.splice(Math.min(edit.position, order.length - 1), 0, ...order.splice(at, 1));
    if (edit.cover || edit.position !== undefined) await renumber(trx, ctx.coopId, order);
    await recordAudit(trx, ctx, { action: 'work.image.edit', entity: 'work', entityId: workId, before: { imageId, alt: before.alt, position: at }, after: { imageId, alt: edit.alt ?? before.alt, position: order.indexOf(imageId) } });
    return imagesOf(trx, ctx.coopId, workId);
  });
}

export async function deleteWorkImage(ctx: TenantCtx, workId: string, imageId: string): Promise<void> {
  requirePermission(ctx, 'catalogue.write');
  if (!/^[0-9a-f-]{36}$/i.test(workId) || !/^[0-9a-f-]{36}$/i.test(imageId)) throw new AppError('MEDIA_IMAGE_NOT_FOUND');
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    await requireWork(trx, ctx.coopId, workId);
    const files = await trx.selectFrom('work_image_files').select('sha256').where('coop_id', '=', ctx.coopId).where('image_id', '=', imageId).execute();
    const gone = await trx.deleteFrom('work_images').where('coop_id', '=', ctx.coopId).where('work_id', '=', workId).where('id', '=', imageId).returning(['alt']).executeTakeFirst();
    if (!gone) throw new AppError('MEDIA_IMAGE_NOT_FOUND');
    // The files went with the image (ON DELETE CASCADE); forget the blobs no other photo shares.
    await mediaStore().prune(trx, ctx.coopId, files.map((f) => f.sha256));
    await renumber(trx, ctx.coopId, (await imagesOf(trx, ctx.coopId, workId)).map((i) => i.id));
    await recordAudit(trx, ctx, { action: 'work.image.delete', entity: 'work', entityId: workId, before: { imageId, alt: gone.alt } });
  });
}

/** The bytes of a public image variant by its content address (`<sha256>.webp|jpg`). */
export async function serveMedia(ctx: Ctx, coopSlugParam: string, file: string): Promise<{ sha256: string; contentType: string; data: Buffer }> {
  const m = /^([0-9a-f]{64})\.(webp|jpg)$/.exec(file);
  if (!m) throw new AppError('NOT_FOUND');
  const coop = await publicCoop(ctx, coopSlugParam);
  const blob = await mediaStore().get(ctx.db, coop.id, m[1]!);
  if (!blob || blob.contentType !== (m[2] === 'jpg' ? 'image/jpeg' : 'image/webp')) throw new AppError('NOT_FOUND');
  return { sha256: m[1]!, contentType: blob.contentType, data: blob.data };
}
