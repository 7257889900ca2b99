import { parseArgs } from 'node:util';
import { createDb } from '../db/connection.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createLogger } from '../kernel/log.js';
import { createAccount } from '../accounts/create-account.js';
import { startServer, type Running } from '../server/start.js';
import { isWorker } from '../server/cluster.js';
import { isAppError } from '../kernel/errors.js';
import { translateError } from '../kernel/i18n.js';
import { seedDemo, type DemoResult } from './demo.js';
import { backupCommand, restoreCommand } from './backup-commands.js';
import { verifyCommand } from '../ledger/verify-command.js';

const HELP = `lumbung — platform koperasi

  lumbung start [--port 3000] [--host 0.0.0.0] [--no-demo]   start the server (embedded PostgreSQL unless DATABASE_URL)
  lumbung migrate                                             apply database migrations
  lumbung demo                                                add the demo cooperative (if missing)
  lumbung create-admin --email E --name N [--password P]      create a platform administrator (password also from LUMBUNG_ADMIN_PASSWORD)
  lumbung backup --out FILE                                   write a full backup of the database
  lumbung restore --in FILE                                   restore a backup into an empty database
  lumbung verify [--coop SLUG]                                re-compute the ledger hash chains and balances (exit 1 on mismatch)

Environment: DATABASE_URL (use this PostgreSQL), LUMBUNG_DATA_DIR (embedded data folder, default ./data), PORT, HOST,
LUMBUNG_WORKERS (start: API worker processes, a number or "auto" = one per core; default 1),
LUMBUNG_BACKGROUND_MS (start: every background interval), METRICS_TOKEN (bearer token for GET /metrics; unset: loopback only).`;

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  // Interrupted: stop the (embedded) database before leaving, so no PostgreSQL is left running
  // (a second signal — npm passes a terminal's Ctrl-C on — changes nothing).
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    void database.stop().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await fn(database.url);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await database.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = createLogger();
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' } } });
      const port = Number(values.port ?? process.env.PORT ?? 3000);
      const host = values.host ?? process.env.HOST ?? '0.0.0.0';
      if (isWorker()) {
        // An API worker (LUMBUNG_WORKERS > 1): the primary seeds, prints and stops it.
        const running = await startServer({ port, host, log: createLogger('warn') });
        process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));
        process.once('SIGINT', () => undefined);
        return -1;
      }
      // Ctrl-C / SIGTERM at any moment stops what has started and exits 0: during start-up the
      // database stops (the step in progress fails; the demo seed, one transaction, rolls back).
      // A terminal's Ctrl-C reaches npm too, which passes it on: a second signal changes nothing.
      const starting = new AbortController();
      let running: Running | null = null;
      let stopping: Promise<void> | null = null;
      const shutdown = (signal: string) => {
        if (stopping) return;
        console.log(`\n${signal}: menghentikan Lumbung…`);
        starting.abort(new Error(signal));
        stopping = (running ? running.stop() : Promise.resolve()).catch(() => undefined);
        if (running) void stopping.then(() => process.exit(0));
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      let demo: Awaited<ReturnType<typeof seedDemo>> | null = null;
      try {
        running = await startServer({
          port,
          host,
          log: createLogger('warn'),
          signal: starting.signal,
          prepare: async (url) => {
            if (values['no-demo']) return;
            demo = await seedDemo(url, {
              signal: starting.signal,
              onSeeding: () => console.log('Menyiapkan koperasi demo, sekali saja (about 20 s, once: preparing the demo cooperative)…')
            });
          }
        });
      } catch (err) {
        // Stopped by a signal during start-up: startServer has stopped the database.
        if (starting.signal.aborted) return 0;
        throw err;
      }
      if (starting.signal.aborted) {
        await running.stop();
        return 0;
      }
      console.log(`\nLumbung berjalan di ${running.url}  (Lumbung is running at ${running.url})`);
      console.log(`API: ${running.url}/api/v1 · OpenAPI: ${running.url}/api/docs (JSON: ${running.url}/api/docs/json)`);
      console.log(running.dataDir ? `PostgreSQL tertanam (embedded), data di ${running.dataDir}` : 'PostgreSQL: DATABASE_URL');
      if (demo) {
        const { slug, logins } = demo as DemoResult;
        console.log(`Koperasi demo: ${running.url}/k/${slug}`);
        for (const login of logins) console.log(`  masuk sebagai ${login.role}: ${login.identifier} / ${login.password}`);
      }
      console.log('Tekan Ctrl-C untuk berhenti. (Ctrl-C stops the server and the database.)');
      return -1;
    }
    case 'migrate':
      await withDatabase(async (url) => {
        const applied = await migrate(url);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      });
      return 0;
    case 'demo':
      await withDatabase(async (url) => {
        await migrate(url);
        const demo = await seedDemo(url);
        console.log(`Demo cooperative: /k/${demo.slug}`);
        for (const login of demo.logins) console.log(`  ${login.role}: ${login.identifier} / ${login.password}`);
      });
      return 0;
    case 'create-admin': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
      await withDatabase(async (url) => {
        await migrate(url);
        const { db } = createDb(url, { max: 2 });
        try {
          const account = await createAccount(db, {
            email: values.email,
            name: values.name ?? 'Administrator',
            password: values.password ?? process.env.LUMBUNG_ADMIN_PASSWORD ?? '',
            isPlatformAdmin: true
          });
          console.log(`Administrator created: ${account.email} (${account.id})`);
        } finally {
          await db.destroy();
        }
      });
      return 0;
    }
    case 'backup':
      return withDatabase((url) => backupCommand(url, rest, log));
    case 'restore':
      return withDatabase((url) => restoreCommand(url, rest, log));
    case 'verify':
      return withDatabase((url) => verifyCommand(url, rest));
    default:
      console.log(HELP);
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (isAppError(err)) {
      // A use case refused the input: say why, field by field, in Indonesian.
      const out = translateError('id', err);
      console.error(`lumbung: ${out.message}${out.fields.map((f) => `\n  ${f.field}: ${f.message}`).join('')}`);
    } else console.error(err instanceof Error ? `lumbung: ${err.message}` : err);
    process.exit(1);
  }
);
