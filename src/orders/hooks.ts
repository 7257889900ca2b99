import type { Tx } from '../db/tenant.js';
import { holdSeats, issueTickets, releaseSeats } from '../events/order-hooks.js';
import { digitalWorkIds, grantDownloads, revokeDownloads } from '../downloads/order-hooks.js';

/**
 * What the orders capability asks of events (seats, tickets) and downloads (entitlements), in
 * the order's own transaction. Contracts published by helper B on the team board:
 * src/events/order-hooks.ts and src/downloads/order-hooks.ts. Wired here in one place.
 */
export type OrderHooks = {
  holdSeats(trx: Tx, coopId: string, orderId: string, lines: { orderLineId: string; workId: string; quantity: number }[], opts?: { buyerEmail?: string; memberId?: string | null }): Promise<void>;
  releaseSeats(trx: Tx, coopId: string, orderId: string): Promise<void>;
  issueTickets(trx: Tx, coopId: string, orderId: string): Promise<void>;
  grantDownloads(trx: Tx, coopId: string, orderId: string): Promise<void>;
  revokeDownloads(trx: Tx, coopId: string, orderId: string): Promise<void>;
  /** Works with a downloadable file; the orders model adds Suara and Aksara e-books (looksDigital). */
  digitalWorkIds(trx: Tx, coopId: string, workIds: string[]): Promise<Set<string> | null>;
};

export const orderHooks: OrderHooks = { holdSeats, releaseSeats, issueTickets, grantDownloads, revokeDownloads, digitalWorkIds };
