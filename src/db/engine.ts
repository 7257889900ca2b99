import type pg from 'pg';

/**
 * Whether this process talks to a Citus coordinator (decision 0110). A few statements take
 * another shape there: an INSERT … SELECT whose rows come from parameters (jsonb_to_recordset)
 * is run by Citus through the coordinator with COPY, which PostgreSQL refuses under row-level
 * security, so on Citus those rows go in as plain multi-row INSERT … VALUES.
 *
 * Learned from the server itself: each new connection of a pool made by createDb asks once,
 * queued before anything the pool's user sends, so the answer is in before the first query
 * of the first transaction on it is built.
 */
let citus = false;

export function onCitus(): boolean {
  return citus;
}

export function watchForCitus(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    if (citus) return;
    client.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'").then(
      (r) => {
        if (r.rowCount) citus = true;
      },
      () => undefined
    );
  });
}
