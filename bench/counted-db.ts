import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../src/db/schema.js';

/**
 * A Kysely database that counts every statement it sends to PostgreSQL: the benchmarks print how
 * many SQL statements a page or a read takes, at two sizes, to show the number stays constant.
 */
export function counted(url: string): { db: Kysely<DB>; statements: () => number; reset: () => void } {
  let n = 0;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      n++;
      return query(...args);
    };
  });
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), statements: () => n, reset: () => (n = 0) };
}

/** The median time in ms of `runs` calls of fn, after one warm-up call. */
export async function medianMs(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
