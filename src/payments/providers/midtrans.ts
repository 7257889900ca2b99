import { createHash, timingSafeEqual } from 'node:crypto';
import type { GatewayNotification, GatewayStatus, PaymentProvider } from './provider.js';

/**
 * Midtrans HTTP(S) notifications (docs.midtrans.com, "HTTP(S) Notification / Webhooks"):
 * signature_key = SHA512(order_id + status_code + gross_amount + ServerKey), hex.
 * transaction_status: settlement → paid; capture → paid only with fraud_status accept;
 * pending → pending; expire → expired; cancel/deny → cancelled; refund/partial_refund → refunded.
 */
type MidtransBody = {
  order_id?: unknown;
  status_code?: unknown;
  gross_amount?: unknown;
  signature_key?: unknown;
  transaction_id?: unknown;
  transaction_status?: unknown;
  fraud_status?: unknown;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);

export function midtransSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return createHash('sha512').update(orderId + statusCode + grossAmount + serverKey).digest('hex');
}

export function midtransStatus(transactionStatus: string, fraudStatus: string | null): GatewayStatus {
  switch (transactionStatus) {
    case 'settlement':
      return 'paid';
    case 'capture':
      return fraudStatus === null || fraudStatus === 'accept' ? 'paid' : 'pending';
    case 'pending':
      return 'pending';
    case 'expire':
      return 'expired';
    case 'cancel':
    case 'deny':
    case 'failure':
      return 'cancelled';
    case 'refund':
    case 'partial_refund':
      return 'refunded';
    default:
      return 'other';
  }
}

/** "150000.00" → 150000 exact; "150000.50" → 150000, not exact. */
export function parseGrossAmount(gross: string): { amount: number; exact: boolean } | null {
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(gross);
  if (!m) return null;
  const amount = Number(m[1]);
  if (!Number.isSafeInteger(amount)) return null;
  return { amount, exact: !m[2] || /^0+$/.test(m[2]) };
}

export const midtrans: PaymentProvider = {
  name: 'midtrans',
  verify(body, secret) {
    const b = (body ?? {}) as MidtransBody;
    const orderId = str(b.order_id);
    const statusCode = str(b.status_code);
    const gross = str(b.gross_amount);
    const sig = str(b.signature_key);
    if (!orderId || !statusCode || !gross || !sig || !secret) return false;
    const want = Buffer.from(midtransSignature(orderId, statusCode, gross, secret), 'utf8');
    const got = Buffer.from(sig.toLowerCase(), 'utf8');
    return want.length === got.length && timingSafeEqual(want, got);
  },
  parse(body): GatewayNotification | null {
    const b = (body ?? {}) as MidtransBody;
    const orderNo = str(b.order_id);
    const transactionId = str(b.transaction_id);
    const status = str(b.transaction_status);
    const gross = str(b.gross_amount);
    if (!orderNo || !transactionId || !status || !gross) return null;
    const amount = parseGrossAmount(gross);
    if (!amount) return null;
    return {
      eventId: `${transactionId}:${status}`,
      transactionId,
      orderNo,
      status: midtransStatus(status, str(b.fraud_status)),
      amount: amount.amount,
      amountExact: amount.exact
    };
  }
};

export const PROVIDERS = { midtrans } as const;
