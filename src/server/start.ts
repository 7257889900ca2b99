import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { createDb } from '../db/connection.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../kernel/clock.js';
import { buildApp, type WebHandler } from './app.js';
import { setRuntime } from './runtime.js';
import { CLIENT_ADDRESS_HEADER } from './trust-proxy.js';
import { stopSealer } from '../ledger/sealer.js';
import { startBackground } from './background.js';
import type { App } from './types.js';
import { forkWorkers, isWorker, relaySealsToPrimary, workerCount } from './cluster.js';

export type Running = { app: App | null; url: string; databaseUrl: string; dataDir?: string; stop: () => Promise<void> };

export const WEB_BUILD = path.resolve('build', 'handler.js');

export async function loadWebHandler(): Promise<WebHandler> {
  if (!existsSync(WEB_BUILD)) throw new Error(`The web pages are not built (${WEB_BUILD} is missing): run \`npm run build\` first`);
  // adapter-node reads its settings from the environment when loaded: allow member imports up to 10 MB.
  process.env.BODY_SIZE_LIMIT ??= '10M';
  // …and takes the page's origin (for its CSRF check on form posts) from this header, set by app.ts.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  // …and the client's address (for the sign-in and sign-up throttles) from the one app.ts derives under TRUST_PROXY —
  // always: an ADDRESS_HEADER from the environment would let the pages believe a header the server does not.
  process.env.ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
  const mod = (await import(pathToFileURL(WEB_BUILD).href)) as { handler: WebHandler };
  return mod.handler;
}

/**
 * Start the database (embedded unless DATABASE_URL), migrate, and serve the API and pages.
 * `workers` (default: LUMBUNG_WORKERS, else 1) API worker processes: above 1, this process
 * (the primary) keeps the database, the sealer and the timers and forks workers that serve
 * on the same port (src/server/cluster.ts); `app` is then null in the primary.
 */
export async function startServer(opts: {
  port: number;
  host: string;
  log: Logger;
  databaseUrl?: string;
  dataDir?: string;
  web?: boolean;
  workers?: number;
  /** Run after migrating, before serving (the demo seed): the first page answers once it is done. */
  prepare?: (databaseUrl: string) => Promise<void>;
  /** Aborted (a signal during start-up): the database stops, so the step in progress fails and start-up ends. */
  signal?: AbortSignal;
}): Promise<Running> {
  if (isWorker()) return startWorker(opts);
  const workers = opts.workers ?? workerCount(process.env.LUMBUNG_WORKERS, 1);
  const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  const abort = () => void database.stop();
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    opts.signal?.throwIfAborted();
    await migrate(database.url, (m) => opts.log.info(m));
    if (opts.prepare) await opts.prepare(database.url);
    opts.signal?.throwIfAborted();
    const { db } = createDb(database.url, { max: workers > 1 ? 4 : 20 });
    setRuntime({ db, clock: systemClock, log: opts.log });
    // Seal ledger entries committed before a crash, then keep the hash chain current; and the
    // governance and order clocks. Safe in any number of processes (src/server/background.ts).
    const stopBackground = await startBackground(db, systemClock, opts.log);
    let app: App | null = null;
    let address: string;
    let stopServing: () => Promise<void>;
    if (workers > 1) {
      const cluster = await forkWorkers(workers, { DATABASE_URL: database.url });
      address = `http://${opts.host}:${opts.port}`;
      stopServing = cluster.stop;
    } else {
      const web = opts.web === false ? undefined : await loadWebHandler();
      const served = await buildApp({ db, log: opts.log, web });
      address = await served.listen({ port: opts.port, host: opts.host });
      app = served;
      stopServing = () => served.close();
    }
    let stopped = false;
    return {
      app,
      url: address.replace('0.0.0.0', 'localhost').replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost'),
      databaseUrl: database.url,
      dataDir: database.dataDir,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stopServing();
        stopBackground();
        await db.destroy();
        await database.stop();
      }
    };
  } catch (err) {
    await database.stop();
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', abort);
  }
}

/** An API worker process: the primary has migrated and runs the sealer and timers. */
async function startWorker(opts: { port: number; host: string; log: Logger; web?: boolean }): Promise<Running> {
  const databaseUrl = process.env.DATABASE_URL!;
  const { db } = createDb(databaseUrl, { max: 20 });
  setRuntime({ db, clock: systemClock, log: opts.log });
  relaySealsToPrimary(db);
  const web = opts.web === false ? undefined : await loadWebHandler();
  const app = await buildApp({ db, log: opts.log, web });
  const address = await app.listen({ port: opts.port, host: opts.host });
  return {
    app,
    url: address,
    databaseUrl,
    stop: async () => {
      await app.close();
      stopSealer();
      await db.destroy();
    }
  };
}
