import { sql, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import type { Database } from './connection.js';

export type Tx = Transaction<DB>;

/**
 * Run `fn` in one transaction scoped to a cooperative: the session switches to the
 * non-privileged lumbung_app role and sets lumbung.coop_id, so row-level security
 * hides and protects every other cooperative's rows (the second wall behind the
 * services' own checks).
 */
export async function withTenant<T>(db: Database, coopId: string, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // One round trip: setting `role` with set_config is SET LOCAL ROLE.
    await sql`SELECT set_config('lumbung.coop_id', ${coopId}, true), set_config('role', 'lumbung_app', true)`.execute(trx);
    return fn(trx);
  });
}
