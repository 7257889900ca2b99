import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningDatabase } from './embedded.js';
import { withDatabaseName } from './connection.js';

export const DEFAULT_DATA_DIR = process.env.LUMBUNG_DATA_DIR ?? path.resolve('data');

/**
 * The PostgreSQL Lumbung runs on: the server named by DATABASE_URL, or else an
 * embedded PostgreSQL in `<dataDir>/pg` with a database named `lumbung`.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; log?: (line: string) => void } = {}): Promise<RunningDatabase> {
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({ dataDir: path.join(opts.dataDir ?? DEFAULT_DATA_DIR, 'pg'), log: opts.log });
  await ensureDatabase(server.url, 'lumbung');
  return { ...server, url: withDatabaseName(server.url, 'lumbung') };
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
