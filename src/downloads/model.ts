import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Pure rules of digital downloads: signed, expiring links (HMAC-SHA256 with the cooperative's key). */

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const LINK_TTL_SECONDS = 60 * 60;
export const DIGITAL_LINES = ['suara', 'aksara'] as const;
export const ALLOWED_TYPES = [
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/flac',
  'audio/wav',
  'audio/x-wav',
  'application/pdf',
  'application/epub+zip',
  'application/zip'
] as const;

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function mac(key: Buffer, coopId: string, entitlementId: string, expires: number): string {
  return createHmac('sha256', key).update(`dl|${coopId}|${entitlementId}|${expires}`).digest('base64url');
}

/** `<entitlementId>.<expires unix seconds>.<hmac>` */
export function signDownload(key: Buffer, coopId: string, entitlementId: string, expires: number): string {
  return `${entitlementId}.${expires}.${mac(key, coopId, entitlementId, expires)}`;
}

export type LinkCheck = { ok: true; entitlementId: string } | { ok: false; reason: 'invalid' | 'expired' };

/** Check a link: a tampered or malformed one is 'invalid' (403); an authentic but old one 'expired' (410). */
export function verifyDownload(key: Buffer, coopId: string, token: string, nowSeconds: number): LinkCheck {
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: 'invalid' };
  const [, id, exp, sig] = m as unknown as [string, string, string, string];
  const want = Buffer.from(mac(key, coopId, id, Number(exp)));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: 'invalid' };
  if (Number(exp) < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, entitlementId: id };
}

/** A safe Content-Disposition filename. */
export function dispositionName(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 150) || 'unduhan';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
