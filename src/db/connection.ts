import { createHash } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './schema.js';
import { onCitus, watchForCitus } from './engine.js';

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
  // A connection the server closes (a shutdown) while it is checked out fails its next
  // statement; without a listener its 'error' event would crash the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  watchForCitus(pool);
  return { db: kyselyOver(pool), pool };
}

/** Kysely over a pg pool (or anything with its connect/end), with the behaviour below. */
export function kyselyOver(pool: pg.Pool): Database {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: lastResultPool(pool) }) });
}

type QueryFn = (...args: unknown[]) => unknown;
type KyselyPoolClient = { query: QueryFn; release: (err?: Error | boolean) => void };

/**
 * SQL text starting with this comment is run as a named prepared statement: parsed and
 * planned once per connection, then only bound and executed (the hot paths: credentials,
 * a posting's insert). Only for texts that do not vary with the data (no IN lists).
 */
export const PREPARE = '/* prepare */';
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `l_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * The pool as Kysely sees it, with two differences: PREPARE (above), and text with several statements (sent
 * without parameters, in one round trip — see withTenant) answers with the LAST statement's
 * result instead of pg's array of results, which Kysely would read as no rows.
 */
function lastResultPool(pool: pg.Pool) {
  const clients = new WeakMap<pg.PoolClient, KyselyPoolClient>();
  const last = (r: unknown) => (Array.isArray(r) ? r[r.length - 1] : r);
  return {
    async connect(): Promise<KyselyPoolClient> {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        const query = client.query.bind(client) as QueryFn;
        const warnings = workerWarnings(client);
        wrapped = {
          query: (...args: unknown[]) => {
            const text = args[0];
            warnings.length = 0;
            if (typeof text === 'string' && text.startsWith(PREPARE) && Array.isArray(args[1]) && args[1].length > 0) {
              return (query({ name: statementName(text), text, values: args[1] }) as Promise<unknown>).then(last, (err: unknown) => withWorkerCause(err, warnings));
            }
            const r = query(...args);
            return typeof args[0] === 'string' && r instanceof Promise ? r.then(last, (err: unknown) => withWorkerCause(err, warnings)) : r;
          },
          release: (err) => client.release(err)
        };
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end()
  } as unknown as pg.Pool;
}

const SHARD_SUFFIX = /_\d{6,}$/;

type Notice = { severity?: string; code?: string; message?: string; constraint?: string; table?: string; detail?: string; hint?: string };

/**
 * A trigger's error that stands for a constraint names it in its hint as well (`constraint: <name>`,
 * migration 0145): Citus relays a worker's error without the constraint field.
 */
const HINTED_CONSTRAINT = /^constraint: ([a-z0-9_]+)$/;

/** The WARNINGs a connection received during its current query (Citus relays workers' errors so). */
function workerWarnings(client: pg.PoolClient): Notice[] {
  const seen: Notice[] = [];
  // inOneTransaction's stand-in client (one transaction shared by many use cases) has no events.
  if (typeof client.on !== 'function') return seen;
  client.on('notice', (n: Notice) => {
    // Errors only: not plain warnings (class 01) nor a worker's "already a transaction in progress" (25001).
    if (n.severity === 'WARNING' && n.code && !n.code.startsWith('01') && n.code !== '25001') seen.push(n);
  });
  return seen;
}

/**
 * On Citus an error a worker raises at COMMIT — a deferred constraint or trigger, such as an
 * unbalanced journal entry — reaches the coordinator's client as a WARNING with the worker's
 * error, followed by "could not commit transaction for shard …" (decision 0110). The error the
 * caller sees is the worker's: its message, SQLSTATE and constraint, as on one server.
 */
function withWorkerCause(err: unknown, warnings: readonly Notice[]): never {
  const e = err as Error & { code?: string; constraint?: string; table?: string; detail?: string; hint?: string };
  // A shard's constraint is named after the table's with the shard id appended
  // (members_coop_id_nik_key_102033): callers recognise constraints by the table's names.
  // Citus relays a worker's constraint violation without the constraint field: it is read from the message.
  if (onCitus() && !e.constraint && e.code?.startsWith('23')) e.constraint = HINTED_CONSTRAINT.exec(e.hint ?? '')?.[1] ?? /constraint "([^"]+)"/.exec(e.message ?? '')?.[1];
  if (onCitus() && e.constraint && SHARD_SUFFIX.test(e.constraint)) e.constraint = e.constraint.replace(SHARD_SUFFIX, '');
  const cause = warnings[0];
  if (cause && /^could not commit transaction for shard/.test(e.message ?? '')) {
    e.message = cause.message ?? e.message;
    e.code = cause.code;
    e.constraint = (cause.constraint ?? HINTED_CONSTRAINT.exec(cause.hint ?? '')?.[1] ?? (cause.code?.startsWith('23') ? /constraint "([^"]+)"/.exec(cause.message ?? '')?.[1] : undefined))?.replace(SHARD_SUFFIX, '');
    e.table = cause.table;
    e.detail = cause.detail;
    e.hint = cause.hint;
  }
  throw e;
}

/** Same server, another database name. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
