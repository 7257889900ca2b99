import { sql } from 'kysely';
import type { Database } from './connection.js';
import { sqlLiteral } from './tenant.js';

/**
 * Background work is visited one cooperative at a time by every Lumbung process (several
 * processes on several machines share one database, decision 0111). Before a process works
 * on a cooperative's share of a job (closing due votes, expiring orders…) it claims that
 * cooperative for the job: a transaction on its own connection takes
 * `pg_try_advisory_xact_lock(hash('lumbung:<job>:<coop>'))` and stays open while `fn` runs
 * (on other connections of the pool); COMMIT ends the claim. A process that finds the claim
 * taken skips the cooperative this round — it is being done. A process that dies ends its
 * connection and so its claim.
 *
 * The claim spreads the work and keeps two processes from running one cooperative's job at
 * the same moment; each item is still taken under its own row lock (an order, a decision, a
 * chain head, an outbox row), so an item is done once even by a person acting beside the timer.
 * On Citus the lock is taken on the coordinator, where every app server connects.
 */
export async function withCoopClaim<T>(db: Database, job: string, coopId: string, fn: () => Promise<T>): Promise<{ claimed: true; value: T } | { claimed: false }> {
  const key = sqlLiteral(`lumbung:${job}:${coopId}`);
  if (!key) throw new Error('claim key cannot be written as a literal');
  return db.connection().execute(async (conn) => {
    // BEGIN and the try-lock travel in one round trip; the result is the lock's.
    const got = await sql.raw<{ got: boolean }>(`BEGIN; SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS got`).execute(conn);
    try {
      if (!got.rows[0]?.got) return { claimed: false as const };
      return { claimed: true as const, value: await fn() };
    } finally {
      await sql.raw('COMMIT').execute(conn).catch(() => undefined);
    }
  });
}
