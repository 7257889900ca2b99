import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import type { Database } from './connection.js';
import { onCitus } from './engine.js';

export type Tx = Transaction<DB>;

/**
 * A SQL literal for text sent without parameters (the simple query protocol, which is the
 * only way several statements travel in one round trip). Strings with a NUL character cannot
 * be sent that way: callers get null and use parameters instead.
 */
export function sqlLiteral(value: string): string | null {
  return value.includes('\0') ? null : pg.escapeLiteral(value);
}

/**
 * On Citus the tenant setting and the role must reach the workers, where row-level security
 * runs on the shards: Citus forwards SET LOCAL (never set_config()) to the workers a transaction
 * touches when citus.propagate_set_commands is 'local' (decision 0110). On plain PostgreSQL this
 * names an unknown setting, which SET LOCAL accepts as a placeholder and forgets at commit.
 */
const TENANT_SETTINGS = "SET LOCAL citus.propagate_set_commands = 'local'";

/**
 * Run `fn` in one transaction scoped to a cooperative: the session switches to the
 * non-privileged lumbung_app role and sets lumbung.coop_id, so row-level security
 * hides and protects every other cooperative's rows (the second wall behind the
 * services' own checks).
 *
 * BEGIN and the settings travel in one round trip (the simple query protocol carries
 * several statements); `fn` then runs on that connection, followed by COMMIT, or ROLLBACK
 * when it throws. A COMMIT that fails (a deferred constraint) rolls back and throws.
 */
export async function withTenant<T>(db: Database, coopId: string, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return withTenantReading(db, coopId, null, (trx) => fn(trx));
}

/**
 * withTenant whose first statement — plain SQL text with its values written in as literals
 * (see sqlLiteral), run after the tenant settings — travels in the same round trip as BEGIN;
 * `fn` receives its rows. For the hot paths (a posting reads its context this way).
 */
export async function withTenantReading<R, T>(db: Database, coopId: string, first: string | null, fn: (trx: Tx, rows: R[]) => Promise<T>): Promise<T> {
  const coop = sqlLiteral(coopId) ?? "''";
  return db.connection().execute(async (conn) => {
    const trx = conn as unknown as Tx;
    const start = `BEGIN; ${TENANT_SETTINGS}; SET LOCAL lumbung.coop_id = ${coop}; SET LOCAL ROLE lumbung_app`;
    let rows: R[] = [];
    try {
      if (onCitus()) {
        // Citus replays each propagated SET LOCAL on every worker the transaction reaches as the
        // whole text it came in: sent with BEGIN, every worker transaction would start with a
        // nested BEGIN (a warning relayed back each time). So BEGIN goes first, and the settings
        // travel without it (decision 0110). The first statement goes on its own as well.
        await sql.raw(`BEGIN; ${TENANT_SETTINGS}`).execute(conn);
        await sql.raw(`SET LOCAL lumbung.coop_id = ${coop}; SET LOCAL ROLE lumbung_app`).execute(conn);
        if (first !== null) rows = (await sql.raw<R>(first).execute(conn)).rows;
      } else {
        const result = await sql.raw<R>(first !== null ? `${start}; ${first}` : start).execute(conn);
        rows = first === null ? [] : result.rows;
      }
    } catch (err) {
      // BEGIN ran, so the connection holds an aborted transaction: end it before release.
      await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      throw err;
    }
    let out: T;
    try {
      out = await fn(trx, rows);
    } catch (err) {
      await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      throw err;
    }
    await sql.raw('COMMIT').execute(conn);
    return out;
  });
}
