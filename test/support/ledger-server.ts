/**
 * The Lumbung API server as a separate process for the fault test and the ledger benchmark:
 * the same database start-up, migrations and ledger sealer as `lumbung start`, without the
 * web pages and with the API rate limit lifted (the load comes from one address).
 * Env: LUMBUNG_DATA_DIR (embedded PostgreSQL) or DATABASE_URL, PORT, and SEED_TOKEN to
 * create a cooperative "beban-uji" with a bendahara whose API token and session cookie are that secret.
 * Prints "READY <port> <databaseUrl> <coopId>" when listening.
 */
import { createHash } from 'node:crypto';
import pino from 'pino';
import { createDb } from '../../src/db/connection.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { startSealer } from '../../src/ledger/sealer.js';
import { buildApp } from '../../src/server/app.js';

const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const database = await openDatabase({ dataDir: process.env.LUMBUNG_DATA_DIR });
await migrate(database.url);
const { db } = createDb(database.url, { max: Number(process.env.POOL_MAX ?? 20) });

let coopId = '';
const secret = process.env.SEED_TOKEN;
if (secret) {
  const existing = await db.selectFrom('coops').select('id').where('slug', '=', 'beban-uji').executeTakeFirst();
  if (existing) coopId = existing.id;
  else {
    coopId = await db.transaction().execute(async (trx) => {
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
}

await startSealer(db, log);
const app = await buildApp({ db, log, rateLimitMax: 1_000_000_000 });
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
console.log(`READY ${port} ${database.url} ${coopId}`);

const stop = async () => {
  await app.close();
  await db.destroy();
  await database.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
