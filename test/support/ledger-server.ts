/**
 * The Lumbung API server as a separate process for the fault test and the ledger benchmark:
 * the same database start-up, migrations and ledger sealer as `lumbung start`, without the
 * web pages and with the API rate limit lifted (the load comes from one address).
 * Env: LUMBUNG_DATA_DIR (embedded PostgreSQL) or DATABASE_URL, PORT, and SEED_TOKEN to
 * create a cooperative "beban-uji" with a bendahara whose API token and session cookie are that secret.
 * LUMBUNG_WORKERS > 1: that many API worker processes (src/server/cluster.ts); this primary
 * prepares the database, seeds and runs the sealer.
 * Prints "READY <port> <databaseUrl> <coopId>" when listening.
 */
import { createHash } from 'node:crypto';
import pino from 'pino';
import { createDb, type Database } from '../../src/db/connection.js';
import { freePort } from '../../src/db/embedded.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { startSealer } from '../../src/ledger/sealer.js';
import { buildApp } from '../../src/server/app.js';
import { forkWorkers, isWorker, relaySealsToPrimary, workerCount } from '../../src/server/cluster.js';

const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const workers = workerCount(process.env.LUMBUNG_WORKERS, 1);

if (isWorker()) {
  // An API worker: the primary has migrated and seeded; it seals.
  const { db } = createDb(process.env.DATABASE_URL!, { max: Number(process.env.POOL_MAX ?? 20) });
  relaySealsToPrimary(db);
  const app = await buildApp({ db, log, rateLimitMax: 1_000_000_000 });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => db.destroy()).then(() => process.exit(0)));
} else {
  const database = await openDatabase({ dataDir: process.env.LUMBUNG_DATA_DIR });
  await migrate(database.url);
  const { db } = createDb(database.url, { max: workers > 1 ? 4 : Number(process.env.POOL_MAX ?? 20) });
  const coopId = await seed(db);
  await startSealer(db, log);
  let close: () => Promise<void>;
  let port: number;
  if (workers > 1) {
    port = Number(process.env.PORT) || (await freePort());
    const cluster = await forkWorkers(workers, { DATABASE_URL: database.url, PORT: String(port) });
    close = cluster.stop;
  } else {
    const app = await buildApp({ db, log, rateLimitMax: 1_000_000_000 });
    await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
    close = () => app.close();
  }
  console.log(`READY ${port} ${database.url} ${coopId}`);

  const stop = async () => {
    await close();
    await db.destroy();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

/** Create the cooperative "beban-uji" with its bendahara's API token and session (SEED_TOKEN), once. */
async function seed(db: Database): Promise<string> {
  const secret = process.env.SEED_TOKEN;
  if (!secret) return '';
  const existing = await db.selectFrom('coops').select('id').where('slug', '=', 'beban-uji').executeTakeFirst();
  if (existing) return existing.id;
  return db.transaction().execute(async (trx) => {
    const coop = await trx.insertInto('coops').values({ slug: 'beban-uji', name: 'Koperasi Beban Uji', coop_type: 'produksi' }).returning('id').executeTakeFirstOrThrow();
    const acc = await trx.insertInto('accounts').values({ email: 'bendahara@beban-uji.test', name: 'Bendahara Uji', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('coop_users').values({ coop_id: coop.id, account_id: acc.id, roles: ['bendahara'] }).execute();
    await trx
      .insertInto('api_tokens')
      .values({ coop_id: coop.id, account_id: acc.id, name: 'beban', token_hash: createHash('sha256').update(secret).digest('hex') })
      .execute();
    // A signed-in session for the same account (cookie lumbung_session=<SEED_TOKEN>, CSRF token "bench-csrf").
    await trx
      .insertInto('sessions')
      .values({ token_hash: createHash('sha256').update(secret).digest('hex'), account_id: acc.id, csrf_token: 'bench-csrf', expires_at: new Date(Date.now() + 86_400_000) })
      .execute();
    return coop.id;
  });
}
