/**
 * The payment-gateway port. An adapter verifies a notification's authenticity with the
 * cooperative's secret and parses it into the platform's terms. Amounts are whole rupiah;
 * a notification with a fractional amount is reported as such (amountExact = false) and can
 * never mark an order paid. See docs/decisions/0083-payment-gateway-webhooks.md.
 */
export type GatewayStatus = 'paid' | 'pending' | 'expired' | 'cancelled' | 'refunded' | 'other';

export type GatewayNotification = {
  /** Idempotency key: the provider's transaction id + its status (a replay is the same event). */
  eventId: string;
  transactionId: string;
  orderNo: string;
  status: GatewayStatus;
  /** Whole rupiah (the integer part when amountExact is false). */
  amount: number;
  amountExact: boolean;
  fee?: number;
};

export interface PaymentProvider {
  readonly name: 'midtrans';
  /** True only when the notification was signed with this secret. Never throws. */
  verify(body: unknown, secret: string): boolean;
  /** Parse a verified notification, or null when it lacks the fields we need. */
  parse(body: unknown): GatewayNotification | null;
}
