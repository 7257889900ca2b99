import type { Logger } from 'pino';
import type { Database } from '../db/connection.js';
import type { Clock } from '../kernel/clock.js';
import { startGovernanceTimers } from '../governance/timers.js';
import { startOrderTimers } from '../orders/expire-orders.js';
import { startSealer, stopSealer } from '../ledger/sealer.js';

/**
 * The background work of a server process: the ledger sealer (seals what is pending now,
 * then after every posting and in a sweep), the governance clock (due votes, reminders, the
 * mail outbox) and the order clock (unpaid orders past their window, lapsed waitlist offers).
 * Every process runs all of it — one or many processes on one database: each job claims its
 * work through the database, so an item is done once (decision 0111).
 *
 * LUMBUNG_BACKGROUND_MS sets every sweep's interval (tests and demos); by default the
 * sealer's sweep and the order clock run every minute, the governance clock every 5 minutes.
 */
export type BackgroundIntervals = { sealSweepMs: number; governanceMs: number; ordersMs: number };

export function backgroundIntervals(value = process.env.LUMBUNG_BACKGROUND_MS): BackgroundIntervals {
  if (value === undefined || value === '') return { sealSweepMs: 60_000, governanceMs: 5 * 60_000, ordersMs: 60_000 };
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 10 || ms > 3_600_000) throw new Error(`LUMBUNG_BACKGROUND_MS must be a whole number of milliseconds from 10 to 3600000 (got ${value})`);
  return { sealSweepMs: ms, governanceMs: ms, ordersMs: ms };
}

/** Start the sealer (sealing what is pending first) and the clocks; returns the function that stops them all. */
export async function startBackground(db: Database, clock: Clock, log: Logger, intervals: BackgroundIntervals = backgroundIntervals()): Promise<() => void> {
  await startSealer(db, log, { sweepMs: intervals.sealSweepMs });
  const stopGovernance = startGovernanceTimers(db, clock, log, intervals.governanceMs);
  const stopOrders = startOrderTimers(db, clock, log, intervals.ordersMs);
  return () => {
    stopGovernance();
    stopOrders();
    stopSealer();
  };
}
