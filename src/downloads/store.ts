import { randomBytes } from 'node:crypto';
import type { Tx } from '../db/tenant.js';
import { publicUrl } from '../governance/support.js';
import { LINK_TTL_SECONDS, signDownload } from './model.js';

/** The cooperative's HMAC key for download links, created on first use (32 random bytes). */
export async function signingKey(trx: Tx, coopId: string): Promise<Buffer> {
  await trx.insertInto('download_keys').values({ coop_id: coopId, secret: randomBytes(32) }).onConflict((oc) => oc.column('coop_id').doNothing()).execute();
  const row = await trx.selectFrom('download_keys').select('secret').where('coop_id', '=', coopId).executeTakeFirstOrThrow();
  return row.secret;
}

export function downloadApiUrl(coopSlug: string, token: string): string {
  return `/api/v1/public/coops/${coopSlug}/downloads/${token}`;
}

export function entitlementPageUrl(coopSlug: string, access: string): string {
  return `${publicUrl()}/koperasi/${coopSlug}/unduh/${access}`;
}

export async function signedLink(trx: Tx, coopId: string, coopSlug: string, entitlementId: string, nowMs: number): Promise<{ url: string; expiresAt: string }> {
  const expires = Math.floor(nowMs / 1000) + LINK_TTL_SECONDS;
  const token = signDownload(await signingKey(trx, coopId), coopId, entitlementId, expires);
  return { url: downloadApiUrl(coopSlug, token), expiresAt: new Date(expires * 1000).toISOString() };
}
