import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './schema.js';

// int8 (BIGINT, used for rupiah) → number, guarded: we never silently lose precision.
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`BIGINT ${v} is outside the safe integer range`);
  return n;
});
// date → 'YYYY-MM-DD' string: business dates are plain dates, never shifted by time zones.
pg.types.setTypeParser(1082, (v: string) => v);

export type Database = Kysely<DB>;

export function createDb(url: string, opts: { max?: number } = {}): { db: Database; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** Same server, another database name. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
