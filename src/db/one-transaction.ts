import pg from 'pg';
import { kyselyOver, type Database } from './connection.js';

/**
 * Run `fn` with a Database whose every statement — including the use cases' own
 * transactions — goes into ONE transaction on one connection, committed when `fn` returns
 * and rolled back when it throws or the connection is lost (a Ctrl-C, a stopped server).
 * The use cases' BEGIN / COMMIT / ROLLBACK become SAVEPOINT / RELEASE / ROLLBACK TO, and the
 * tenant settings a "transaction" set (role, lumbung.coop_id: SET LOCAL, which outlives a
 * released savepoint) are put back at its end, so the next one starts as a fresh one would.
 *
 * For work that must appear whole or not at all and runs through many use cases: the demo
 * seed (decision 0101). Uses of the connection take turns (one at a time, like a pool of
 * one); `now()` is the transaction's start for every row written.
 */
export async function inOneTransaction<T>(url: string, fn: (db: Database) => Promise<T>, opts: { signal?: AbortSignal } = {}): Promise<T> {
  opts.signal?.throwIfAborted();
  const client = new pg.Client({ connectionString: url });
  // A connection closed by the server (shutdown) fails the statement in flight; when idle, it
  // would otherwise throw from an 'error' event no one listens to.
  client.on('error', () => undefined);
  await client.connect();
  // Aborted: close the connection; the statement in flight fails and the server rolls back.
  const abort = () => void client.end().catch(() => undefined);
  opts.signal?.addEventListener('abort', abort, { once: true });
  const raw = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  // On Citus one transaction cannot reach a shard through two users' connections once it has
  // written there ("placements that were modified in this transaction by a different user"),
  // and a tenant savepoint's SET LOCAL ROLE would make Citus open its worker connections as
  // lumbung_app beside the connecting role's. There the savepoints keep the connecting role and
  // set only the cooperative: the seed's writes still name their cooperative in every statement,
  // but row-level security (the second wall, which requests keep) does not check them (decision 0110).
  const citus = ((await raw("SELECT 1 FROM pg_extension WHERE extname = 'citus'")) as pg.QueryResult).rowCount === 1;
  const saved: { role: string; coop: string }[] = [];
  let turn: Promise<void> = Promise.resolve();

  const query = async (...args: unknown[]): Promise<unknown> => {
    let text = typeof args[0] === 'string' ? args[0] : null;
    if (text === null) return raw(...args);
    if (citus && /SET LOCAL ROLE lumbung_app/.test(text)) {
      text = text.replace(/;\s*SET LOCAL ROLE lumbung_app\s*(?=;|$)/g, '');
      args = [text, ...args.slice(1)];
    }
    const begin = /^\s*(?:BEGIN|START\s+TRANSACTION)\b[^;]*/i.exec(text);
    if (begin) {
      const settings = (await raw(`SELECT current_setting('role') AS role, coalesce(current_setting('lumbung.coop_id', true), '') AS coop`)) as pg.QueryResult<{ role: string; coop: string }>;
      saved.push(settings.rows[0]!);
      return raw(`SAVEPOINT one_tx_${saved.length}${text.slice(begin[0].length)}`, ...args.slice(1));
    }
    if (/^\s*COMMIT\s*;?\s*$/i.test(text)) {
      const s = saved.pop();
      if (!s) throw new Error('COMMIT without BEGIN in inOneTransaction');
      await raw(`RELEASE SAVEPOINT one_tx_${saved.length + 1}`);
      return raw(`SELECT set_config('role', $1, true), set_config('lumbung.coop_id', $2, true)`, [s.role, s.coop]);
    }
    if (/^\s*ROLLBACK\s*;?\s*$/i.test(text)) {
      if (!saved.pop()) throw new Error('ROLLBACK without BEGIN in inOneTransaction');
      // Rolling back to the savepoint also undoes the settings made since.
      return raw(`ROLLBACK TO SAVEPOINT one_tx_${saved.length + 1}; RELEASE SAVEPOINT one_tx_${saved.length + 1}`);
    }
    return raw(...args);
  };

  const pool = {
    // One user of the connection at a time (a pool of one): the next waits for the release.
    async connect() {
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      const before = turn;
      turn = before.then(() => mine);
      await before;
      return { query, release: () => release() };
    },
    end: async () => undefined
  };

  try {
    await raw('BEGIN');
    const out = await fn(kyselyOver(pool as unknown as pg.Pool));
    opts.signal?.throwIfAborted();
    if (saved.length) throw new Error('inOneTransaction: a transaction was left open');
    await raw('COMMIT');
    return out;
  } catch (err) {
    await raw('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    await client.end().catch(() => undefined);
  }
}
