import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type Migration = { name: string; sql: string; checksum: string };

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (name) => {
      const sql = await readFile(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
  );
}

/**
 * Apply pending migrations in order, each in its own transaction, under an advisory lock
 * so two processes never migrate at once. Refuses to run when an applied migration's
 * file changed or disappeared (migrations are never edited once released).
 */
export async function migrate(url: string, log: (msg: string) => void = () => undefined): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a server shut down mid-way fails the statement in flight, not the process
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(7305001)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const files = await loadMigrations();
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations ORDER BY name');
    const byName = new Map(files.map((f) => [f.name, f]));
    for (const row of rows) {
      const file = byName.get(row.name);
      if (!file) throw new Error(`Migration ${row.name} was applied but its file is missing`);
      if (file.checksum !== row.checksum) throw new Error(`Migration ${row.name} was edited after it was applied (checksum differs)`);
    }
    const done = new Set(rows.map((r) => r.name));
    for (const file of files) {
      if (done.has(file.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file.name} failed: ${(err as Error).message}`);
      }
      applied.push(file.name);
      log(`migrated ${file.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7305001)').catch(() => undefined);
    await client.end();
  }
  return applied;
}
