import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DISTRIBUTION_COLUMN, PLACEMENTS, unplacedTables } from './placement.js';

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
    if (await hasCitus(client)) {
      await client.query('BEGIN');
      try {
        await applyPlacement(client, log);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Placing the tables on Citus failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7305001)').catch(() => undefined);
    await client.end();
  }
  return applied;
}

export async function hasCitus(client: pg.Client | pg.PoolClient): Promise<boolean> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
  return (rowCount ?? 0) > 0;
}

/**
 * On Citus, place every table as src/db/placement.ts says, in its order: reference tables
 * copied to every node, tenant tables sharded by coop_id and co-located with each other. Tables
 * already placed are left alone, so this runs after every migration (a new table is placed the
 * first time the migrator sees it). Triggers go to the shards with the tables: each one was
 * reviewed (decision 0110; test/integration/citus-ready.test.ts holds the list) and touches only
 * rows of its own cooperative, which are on the same node. LUMBUNG_CITUS_SHARD_COUNT sets the
 * number of shards of a new co-location group (Citus' default, 32, otherwise).
 */
export async function applyPlacement(client: pg.Client | pg.PoolClient, log: (msg: string) => void = () => undefined): Promise<void> {
  const { rows: tables } = await client.query<{ relname: string }>(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
  );
  const unplaced = unplacedTables(tables.map((t) => t.relname));
  if (unplaced.length) throw new Error(`Table(s) without a placement in src/db/placement.ts: ${unplaced.join(', ')}`);
  const { rows: placed } = await client.query<{ relname: string }>(
    "SELECT c.relname FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
  );
  const done = new Set(placed.map((r) => r.relname));
  const present = new Set(tables.map((t) => t.relname));
  const shardCount = Number(process.env.LUMBUNG_CITUS_SHARD_COUNT ?? '');
  // Inside a tenant transaction the coordinator reaches the workers as lumbung_app (SET LOCAL ROLE,
  // propagated), so row-level security runs on the shards: the role must be able to log in there.
  // It has no password: the cluster's authentication (pg_hba, pg_dist_authinfo) decides how.
  const { rows: role } = await client.query<{ rolcanlogin: boolean }>("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'lumbung_app'");
  if (role[0] && !role[0].rolcanlogin) await client.query('ALTER ROLE lumbung_app LOGIN');
  await client.query('SET LOCAL citus.enable_unsafe_triggers = on');
  // One transaction creates many shards that later statements touch: sequential mode lets it.
  await client.query("SET LOCAL citus.multi_shard_modify_mode = 'sequential'");
  if (Number.isInteger(shardCount) && shardCount > 0) await client.query(`SET LOCAL citus.shard_count = ${shardCount}`);
  const firstDistributed = PLACEMENTS.find(([t, p]) => p === 'distributed' && (done.has(t) || present.has(t)))?.[0];
  // A local table referencing a table that becomes a reference table is turned into a "Citus
  // local table" at once, and distributing it later means undistributing it first, which Citus
  // refuses for tables with identity columns: such foreign keys are dropped while the tables are
  // placed, and added back (as foreign keys to a reference table) afterwards.
  const toPlace = PLACEMENTS.filter(([t, p]) => present.has(t) && !done.has(t) && p !== 'local').map(([t]) => t);
  const { rows: fks } = await client.query<{ child: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.confrelid::regclass::text = ANY ($1::text[]) AND c.conrelid <> c.confrelid
        AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.conrelid)`,
    [PLACEMENTS.filter(([t, p]) => p === 'reference' && toPlace.includes(t)).map(([t]) => t)]
  );
  for (const fk of fks) await client.query(`ALTER TABLE ${client.escapeIdentifier(fk.child)} DROP CONSTRAINT ${client.escapeIdentifier(fk.name)}`);
  for (const [table, placement] of PLACEMENTS) {
    if (!present.has(table) || done.has(table) || placement === 'local') continue;
    if (placement === 'reference') {
      await client.query('SELECT create_reference_table($1)', [table]);
    } else {
      const colocate = table === firstDistributed ? 'none' : firstDistributed!;
      await client.query('SELECT create_distributed_table($1, $2, colocate_with => $3)', [table, DISTRIBUTION_COLUMN, colocate]);
    }
    log(`citus: ${table} ${placement}`);
  }
  for (const fk of fks) await client.query(`ALTER TABLE ${client.escapeIdentifier(fk.child)} ADD CONSTRAINT ${client.escapeIdentifier(fk.name)} ${fk.def}`);
  // Tenant policies compare text on Citus. With `coop_id = current_coop_id()` and a query's own
  // `coop_id = '…'`, PostgreSQL 15 derives `current_coop_id() = '…'`, a qual without columns, and
  // Citus refuses such quals in queries with an outer join (before PostgreSQL 17). Compared as
  // text, the column is not equated with the setting, nothing is derived; same rows, same checks.
  const { rows: policies } = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation' AND qual = '(coop_id = current_coop_id())'"
  );
  for (const p of policies) {
    if (PLACEMENTS.find(([t]) => t === p.tablename)?.[1] !== 'distributed') continue;
    await client.query(
      `ALTER POLICY tenant_isolation ON ${client.escapeIdentifier(p.tablename)} USING (coop_id::text = current_coop_id()::text) WITH CHECK (coop_id::text = current_coop_id()::text)`
    );
  }
  // The Citus variants of the trigger functions whose queries Citus cannot run on a shard as written.
  await client.query(await readFile(path.join(path.dirname(MIGRATIONS_DIR), 'citus-functions.sql'), 'utf8'));
}
