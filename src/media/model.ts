import { z } from 'zod';
import type { ImageFormat, ImageSize } from './tables.js';

/** Pure rules of work photos: accepted uploads, the variants made, and the <picture> a page shows. */

/** A phone photo is 2–8 MB; the page form's body limit (BODY_SIZE_LIMIT 10M) leaves room for the rest of the form. */
export const MAX_IMAGE_BYTES = 9 * 1024 * 1024;
/** Refuse decompression bombs: 50 megapixels is more than any phone camera. */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const MIN_IMAGE_SIDE = 200;
export const MAX_IMAGES_PER_WORK = 12;

/** Longest side in pixels of each variant (never enlarged). */
export const VARIANT_WIDTHS: Record<ImageSize, number> = { thumb: 320, card: 640, full: 1280 };
export const IMAGE_SIZES: readonly ImageSize[] = ['thumb', 'card', 'full'];
export const IMAGE_FORMATS: readonly ImageFormat[] = ['webp', 'jpeg'];
export const CONTENT_TYPE: Record<ImageFormat, string> = { webp: 'image/webp', jpeg: 'image/jpeg' };

export type SniffedType = 'jpeg' | 'png' | 'webp' | 'heic' | 'avif' | null;

/** The type of an upload from its first bytes (never from its name or declared type). */
export function sniffImage(data: Buffer): SniffedType {
  if (data.length < 12) return null;
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (data.toString('latin1', 4, 8) === 'ftyp') {
    const brand = data.toString('latin1', 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(brand)) return 'heic';
  }
  return null;
}

export const ZImageMeta = z.object({
  alt: z.string().trim().min(3).max(300),
  variantId: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.uuid().optional())
});
export const ZImageEdit = z.object({
  alt: z.string().trim().min(3).max(300).optional(),
  position: z.coerce.number().int().min(0).max(MAX_IMAGES_PER_WORK).optional(),
  cover: z.boolean().optional()
});

/** An image as stored queries return it (files as JSON). */
export type StoredImage = { alt: string; width: number; height: number; files: ImageFileRow[] | null };

export type ImageFileRow = { size: ImageSize; format: ImageFormat; width: number; height: number; sha256: string };

/** Everything a page needs to draw one photo with `srcset` (WebP source, JPEG fallback). */
export type Picture = {
  alt: string;
  width: number;
  height: number;
  /** "url 320w, url 640w, …" per format */
  webp: string;
  jpeg: string;
  /** the JPEG card (or the largest) for <img src>, og:image and old browsers */
  src: string;
  /** the largest JPEG (a link to the full photo; og:image) */
  full: string;
};

export function mediaUrl(coopSlug: string, sha256: string, format: ImageFormat): string {
  return `/api/v1/public/coops/${coopSlug}/media/${sha256}.${format === 'jpeg' ? 'jpg' : 'webp'}`;
}

/** The <picture> of one stored image; null when it has no files (never half-stored, but be safe). */
export function toPicture(coopSlug: string, image: StoredImage): Picture | null {
  const files = (image.files ?? []).slice().sort((a, b) => a.width - b.width);
  const jpeg = files.filter((f) => f.format === 'jpeg');
  const webp = files.filter((f) => f.format === 'webp');
  if (jpeg.length === 0) return null;
  // A small original gives the same width twice (e.g. card = full): list each width once.
  const set = (fs: ImageFileRow[]) =>
    fs
      .filter((f, i) => fs.findIndex((g) => g.width === f.width) === i)
      .map((f) => `${mediaUrl(coopSlug, f.sha256, f.format)} ${f.width}w`)
      .join(', ');
  const card = jpeg.find((f) => f.size === 'card') ?? jpeg[jpeg.length - 1]!;
  return {
    alt: image.alt,
    width: image.width,
    height: image.height,
    webp: set(webp),
    jpeg: set(jpeg),
    src: mediaUrl(coopSlug, card.sha256, 'jpeg'),
    full: mediaUrl(coopSlug, jpeg[jpeg.length - 1]!.sha256, 'jpeg')
  };
}

/** Target dimensions of a variant: the longest side at most `max`, never enlarged, aspect kept. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
