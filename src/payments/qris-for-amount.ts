import QRCode from 'qrcode';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { dynamicQris } from './qris.js';
import { findQrisSettings } from './qris-store.js';

/** A QR code as an inline SVG (server-rendered; no client library). */
export function qrisSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The dynamic QRIS for exactly `amount` rupiah from a cooperative's saved static QRIS, with
 * its QR code. For the order that is being paid (orders call this once they exist).
 */
export async function qrisForAmount(ctx: Ctx, coopId: string, amount: number): Promise<{ payload: string; svg: string }> {
  const row = await withTenant(ctx.db, coopId, (trx) => findQrisSettings(trx, coopId));
  if (!row) throw new AppError('QRIS_NOT_CONFIGURED');
  const payload = dynamicQris(row.static_payload, amount);
  return { payload, svg: await qrisSvg(payload) };
}
