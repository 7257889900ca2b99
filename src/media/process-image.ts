import type { Sharp, SharpOptions } from 'sharp';
import { AppError } from '../kernel/errors.js';
import { sha256Hex } from '../downloads/model.js';
import { CONTENT_TYPE, IMAGE_FORMATS, IMAGE_SIZES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MIN_IMAGE_SIDE, sniffImage, VARIANT_WIDTHS } from './model.js';
import type { ImageFormat, ImageSize } from './tables.js';

export type MadeVariant = { size: ImageSize; format: ImageFormat; width: number; height: number; sha256: string; contentType: string; data: Buffer };
export type ProcessedImage = { width: number; height: number; variants: MadeVariant[] };

/**
 * sharp (libvips, about 25 MB resident once loaded) is imported on the first upload, not at
 * start-up (issue #13, decision 0140); its cache stays off.
 */
let loaded: Promise<(input?: Buffer, options?: SharpOptions) => Sharp> | undefined;
function loadSharp(): Promise<(input?: Buffer, options?: SharpOptions) => Sharp> {
  return (loaded ??= import('sharp').then((m) => {
    m.default.cache(false);
    return m.default as unknown as (input?: Buffer, options?: SharpOptions) => Sharp;
  }));
}

/**
 * Decode an upload (type by its bytes), turn it upright from its EXIF orientation, and encode
 * each variant (thumb/card/full × WebP/JPEG) with NO metadata at all: EXIF (GPS position, camera,
 * time), XMP and IPTC are dropped, colour is converted to sRGB. Throws a 4xx AppError for a file
 * too large, not an image, an HEIC this build cannot decode, or a corrupt/too small image.
 */
export async function processImage(data: Buffer): Promise<ProcessedImage> {
  if (!data || data.length === 0) throw new AppError('MEDIA_NOT_IMAGE');
  if (data.length > MAX_IMAGE_BYTES) throw new AppError('MEDIA_TOO_LARGE', { params: { maxMb: Math.floor(MAX_IMAGE_BYTES / 1024 / 1024) } });
  const type = sniffImage(data);
  if (!type) throw new AppError('MEDIA_NOT_IMAGE');
  const sharp = await loadSharp();
  let upright: { data: Buffer; info: import('sharp').OutputInfo };
  try {
    // One decode: upright, sRGB, as a lossless intermediate every variant is cut from.
    upright = await sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', sequentialRead: true })
      .rotate()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (type === 'heic') throw new AppError('MEDIA_HEIC_UNSUPPORTED');
    const msg = err instanceof Error ? err.message : '';
    if (/pixel limit/i.test(msg)) throw new AppError('MEDIA_TOO_LARGE', { params: { maxMb: Math.floor(MAX_IMAGE_BYTES / 1024 / 1024) } });
    throw new AppError('MEDIA_CORRUPT');
  }
  const { width, height, channels } = upright.info;
  if (Math.min(width, height) < MIN_IMAGE_SIDE) throw new AppError('MEDIA_TOO_SMALL', { params: { min: MIN_IMAGE_SIDE } });
  const variants: MadeVariant[] = [];
  for (const size of IMAGE_SIZES) {
    const max = VARIANT_WIDTHS[size];
    for (const format of IMAGE_FORMATS) {
      let p = sharp(upright.data, { raw: { width, height, channels } }).resize({ width: max, height: max, fit: 'inside', withoutEnlargement: true });
      if (channels === 4) p = p.flatten({ background: '#ffffff' });
      p = format === 'webp' ? p.webp({ quality: size === 'thumb' ? 70 : 78, effort: 4 }) : p.jpeg({ quality: size === 'thumb' ? 72 : 80, mozjpeg: true, progressive: true });
      const out = await p.toBuffer({ resolveWithObject: true });
      variants.push({ size, format, width: out.info.width, height: out.info.height, sha256: sha256Hex(out.data), contentType: CONTENT_TYPE[format], data: out.data });
    }
  }
  return { width, height, variants };
}
