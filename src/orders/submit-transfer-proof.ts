import type { Ctx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { withBuyerOrder, type BuyerRef } from './buyer-order.js';
import { PROOF_MAX_BYTES, PROOF_MIMES } from './model.js';

export type TransferProofInput = { mime: string; data: Uint8Array | string; payerName?: string; reference?: string };

/** The file really is the image it claims to be (magic bytes). */
export function sniffImage(bytes: Uint8Array): (typeof PROOF_MIMES)[number] | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length > 12 && String.fromCharCode(...bytes.slice(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * The buyer uploads the proof of a bank transfer (JPEG/PNG/WebP, ≤ 2 MB, checked by its bytes),
 * kept in the database (order_payments.proof, bytea) as a PENDING payment for the bendahara to
 * confirm against the bank statement. Uploading never marks the order paid.
 */
export async function submitTransferProof(ctx: Ctx, coopSlug: string, ref: BuyerRef | string, input: TransferProofInput): Promise<{ paymentId: string }> {
  const bytes = typeof input.data === 'string' ? Buffer.from(input.data.replace(/^data:[^,]*,/, ''), 'base64') : Buffer.from(input.data);
  const kind = sniffImage(bytes);
  if (bytes.length === 0 || bytes.length > PROOF_MAX_BYTES || !kind || !(PROOF_MIMES as readonly string[]).includes(input.mime)) {
    throw new AppError('ORDER_PROOF_INVALID', { fields: [{ field: 'proof', code: 'proof_invalid' }] });
  }
  const r: BuyerRef = typeof ref === 'string' ? { token: ref } : ref;
  return withBuyerOrder(
    ctx,
    coopSlug,
    r,
    async (trx, order, coopId) => {
      if (order.paid_at || (order.status !== 'awaiting_payment' && order.status !== 'fulfilled')) throw new AppError('ORDER_TRANSITION_INVALID', { params: { from: order.status, event: 'proof' } });
      const row = await trx
        .insertInto('order_payments')
        .values({
          coop_id: coopId,
          order_id: order.id,
          method: 'transfer',
          status: 'pending',
          amount: order.total,
          reference: input.reference?.trim().slice(0, 200) || null,
          payer_name: input.payerName?.trim().slice(0, 200) || null,
          proof: bytes,
          proof_mime: kind,
          created_at: ctx.clock.now()
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // A transfer being checked by the bendahara does not lapse meanwhile.
      await trx.updateTable('orders').set({ expires_at: null }).where('coop_id', '=', coopId).where('id', '=', order.id).execute();
      return { paymentId: row.id };
    },
    true
  );
}
