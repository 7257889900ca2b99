/**
 * The Lumbung API (no pages) in its own process over DATABASE_URL, for benchmarks whose load
 * generator must not share the API's event loop (checkout, governance): the same buildApp as
 * `lumbung start`, with the rate limit lifted (the load comes from one address) and no sealer
 * (these benchmarks post nothing to the ledger). Env: DATABASE_URL, POOL_MAX (default 20).
 * BENCH_PROFILE=<dir> (set by the bench) writes a CPU profile there on exit.
 * Prints "READY <port>" when listening; SIGTERM stops it.
 */
import pino from 'pino';
import { createDb } from '../src/db/connection.js';
import { buildApp } from '../src/server/app.js';

const { db } = createDb(process.env.DATABASE_URL!, { max: Number(process.env.POOL_MAX ?? 20) });
const app = await buildApp({ db, log: pino({ level: 'silent' }), rateLimitMax: 1_000_000_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`READY ${(app.server.address() as { port: number }).port}`);
process.once('SIGTERM', () => void app.close().then(() => db.destroy()).then(() => process.exit(0)));
