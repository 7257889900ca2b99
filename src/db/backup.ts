import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { AppError } from '../kernel/errors.js';
import { loadMigrations, migrate } from './migrate.js';

/**
 * A logical backup that needs nothing but this program and a PostgreSQL server (the
 * embedded server has no pg_dump). See docs/decisions/0030-backup-without-pg-dump.md.
 *
 * File: gzip'd lines. Line 1 is the header (format, version, the migrations the schema was
 * built from, per-table row counts and SHA-256); then, per table in foreign-key order, a
 * marker line `{"table":…,"rows":n}` followed by exactly n lines, each a row as PostgreSQL's
 * row_to_json prints it. The checksum of a table is over those exact lines, so a restore
 * proves equality by printing the restored rows the same way and comparing.
 */
export const BACKUP_FORMAT = 'lumbung-backup';
export const BACKUP_VERSION = 1;

export type BackupTable = { name: string; columns: string[]; rows: number; sha256: string };
export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  server: string;
  migrations: { name: string; checksum: string }[];
  tables: BackupTable[];
};

type TableInfo = {
  name: string;
  columns: { name: string; generated: boolean; collatable: boolean }[];
  primaryKey: string[];
  parents: string[];
};

const FETCH = 1000;
const INSERT_BATCH = 500;

/** Session settings that make row_to_json print the same text on any server. */
const STABLE_OUTPUT = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  'SET LOCAL extra_float_digits = 1',
  "SET LOCAL bytea_output = 'hex'",
  // Never back up or restore through row-level security silently: a role subject to a
  // policy gets an error instead of a partial copy.
  'SET LOCAL row_security = off'
];

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables of the public schema (except the migrator's own), parents before children. */
async function describeTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'schema_migrations'
      ORDER BY c.relname`
  );
  const { rows: cols } = await client.query<{ table: string; name: string; generated: string; collation: number }>(
    `SELECT c.relname AS table, a.attname AS name, a.attgenerated AS generated, a.attcollation::int AS collation
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum`
  );
  const { rows: pks } = await client.query<{ table: string; name: string }>(
    `SELECT c.relname AS table, a.attname AS name
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND i.indisprimary ORDER BY c.relname, k.ord`
  );
  const { rows: fks } = await client.query<{ child: string; parent: string }>(
    `SELECT cc.relname AS child, pc.relname AS parent FROM pg_constraint k
       JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_class pc ON pc.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cc.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`
  );
  const infos = new Map<string, TableInfo>();
  for (const t of tables) infos.set(t.name, { name: t.name, columns: [], primaryKey: [], parents: [] });
  for (const c of cols) infos.get(c.table)?.columns.push({ name: c.name, generated: c.generated !== '', collatable: c.collation !== 0 });
  for (const k of pks) infos.get(k.table)?.primaryKey.push(k.name);
  for (const f of fks) {
    const info = infos.get(f.child);
    if (info && f.parent !== f.child && infos.has(f.parent) && !info.parents.includes(f.parent)) info.parents.push(f.parent);
  }
  return foreignKeyOrder([...infos.values()]);
}

/** Kahn's algorithm, alphabetical among equals so the order is stable. */
export function foreignKeyOrder<T extends { name: string; parents: string[] }>(tables: T[]): T[] {
  const done = new Set<string>();
  const out: T[] = [];
  const pending = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (pending.length) {
    const i = pending.findIndex((t) => t.parents.every((p) => done.has(p)));
    if (i < 0) throw new Error(`Foreign keys form a cycle among: ${pending.map((t) => t.name).join(', ')}`);
    const [t] = pending.splice(i, 1) as [T];
    done.add(t.name);
    out.push(t);
  }
  return out;
}

function rowsQuery(t: TableInfo): string {
  const collated = (name: string) => {
    const col = t.columns.find((c) => c.name === name);
    return col?.collatable ? `${ident(name)} COLLATE "C"` : ident(name);
  };
  const order = t.primaryKey.length ? t.primaryKey.map(collated).join(', ') : `row_to_json(t)::text COLLATE "C"`;
  return `SELECT row_to_json(t)::text AS j FROM public.${ident(t.name)} t ORDER BY ${order}`;
}

/** Stream one table's rows (as row_to_json text) through a cursor, in key order. */
async function* tableLines(client: pg.ClientBase, t: TableInfo): AsyncGenerator<string> {
  const cursor = `backup_${t.name}`.slice(0, 60);
  await client.query(`DECLARE ${ident(cursor)} NO SCROLL CURSOR FOR ${rowsQuery(t)}`);
  try {
    for (;;) {
      const { rows } = await client.query<{ j: string }>(`FETCH ${FETCH} FROM ${ident(cursor)}`);
      for (const r of rows) yield r.j;
      if (rows.length < FETCH) break;
    }
  } finally {
    await client.query(`CLOSE ${ident(cursor)}`);
  }
}

async function tableDigest(client: pg.ClientBase, t: TableInfo): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const line of tableLines(client, t)) {
    hash.update(line).update('\n');
    rows++;
  }
  return { rows, sha256: hash.digest('hex') };
}

async function appliedMigrations(client: pg.ClientBase): Promise<{ name: string; checksum: string }[]> {
  const { rows: exists } = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schema_migrations'`);
  if (!exists.length) return [];
  const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations ORDER BY name');
  return rows;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type BackupSummary = { file: string; bytes: number; tables: number; rows: number; header: BackupHeader };

/**
 * Write every row of the database, from one consistent snapshot, to `outFile`. The body is
 * streamed to a temporary file while the checksums are computed, then the header and the
 * body are joined (two gzip members in one file) and renamed into place.
 */
export async function backupDatabase(url: string, outFile: string): Promise<BackupSummary> {
  const bodyFile = `${outFile}.body-${process.pid}.tmp`;
  const partFile = `${outFile}.part-${process.pid}.tmp`;
  try {
    const header = await withClient(url, async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        for (const s of STABLE_OUTPUT) await client.query(s);
        const migrations = await appliedMigrations(client);
        if (!migrations.length) throw new AppError('BACKUP_INVALID', { params: { reason: 'the database has no migrations applied' } });
        const tables = await describeTables(client);
        const { rows: server } = await client.query<{ v: string }>('SHOW server_version');
        const summaries: BackupTable[] = [];
        const gzip = createGzip();
        const written = pipeline(gzip, createWriteStream(bodyFile));
        written.catch(() => undefined);
        const write = (s: string) => (gzip.write(s) ? Promise.resolve() : new Promise<void>((r) => gzip.once('drain', () => r())));
        for (const t of tables) {
          // Count first (same snapshot) so the marker line can say how many lines follow.
          const { rows: counted } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${ident(t.name)}`);
          const n = Number(counted[0]!.n);
          await write(`${JSON.stringify({ table: t.name, rows: n })}\n`);
          const hash = createHash('sha256');
          let rows = 0;
          for await (const line of tableLines(client, t)) {
            hash.update(line).update('\n');
            await write(`${line}\n`);
            rows++;
          }
          if (rows !== n) throw new Error(`Table ${t.name} changed during the backup`);
          summaries.push({ name: t.name, columns: t.columns.map((c) => c.name), rows, sha256: hash.digest('hex') });
        }
        gzip.end();
        await written;
        await client.query('COMMIT');
        return {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          server: server[0]!.v,
          migrations,
          tables: summaries
        } satisfies BackupHeader;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
    const out = createWriteStream(partFile);
    await pipeline(Readable.from([`${JSON.stringify(header)}\n`]), createGzip(), out);
    await pipeline(createReadStream(bodyFile), createWriteStream(partFile, { flags: 'a' }));
    await rename(partFile, outFile);
    const { size } = await stat(outFile);
    return { file: outFile, bytes: size, tables: header.tables.length, rows: header.tables.reduce((s, t) => s + t.rows, 0), header };
  } finally {
    await rm(bodyFile, { force: true });
    await rm(partFile, { force: true });
  }
}

function invalid(reason: string, details?: unknown): AppError {
  return new AppError('BACKUP_INVALID', { params: { reason }, details });
}

type Section = { table: string; rows: number };

/**
 * Read a backup file: the header, then each table's lines in order. Any damage (gzip,
 * JSON, counts, checksums) is reported as BACKUP_INVALID.
 */
async function readBackup(inFile: string, onTable: (section: Section, lines: AsyncGenerator<string>) => Promise<void>): Promise<BackupHeader> {
  const gunzip = createGunzip();
  const source = createReadStream(inFile);
  let streamError: unknown = null;
  source.on('error', (e) => {
    streamError = e;
    gunzip.destroy(e);
  });
  source.pipe(gunzip);
  const rl = createInterface({ input: gunzip, crlfDelay: Infinity });
  const it = rl[Symbol.asyncIterator]();
  const next = async (): Promise<string | null> => {
    try {
      const r = await it.next();
      return r.done ? null : r.value;
    } catch (err) {
      throw invalid(`the file cannot be read (${(err as Error).message})`);
    }
  };
  try {
    const headerLine = await next();
    if (headerLine === null) throw invalid('the file is empty');
    const header = parseJson(headerLine, 'header') as BackupHeader;
    if (header?.format !== BACKUP_FORMAT) throw invalid('not a Lumbung backup');
    if (header.version !== BACKUP_VERSION) throw invalid(`format version ${String(header.version)} is not supported`);
    if (!Array.isArray(header.tables) || !Array.isArray(header.migrations)) throw invalid('the header is incomplete');
    for (const expected of header.tables) {
      const markerLine = await next();
      if (markerLine === null) throw invalid(`the file ends before table ${expected.name}`);
      const marker = parseJson(markerLine, 'table marker') as Section;
      if (marker?.table !== expected.name || marker.rows !== expected.rows) throw invalid(`table ${expected.name} is not where the header says`);
      let read = 0;
      const hash = createHash('sha256');
      async function* lines(): AsyncGenerator<string> {
        while (read < expected.rows) {
          const line = await next();
          if (line === null) throw invalid(`table ${expected.name} is cut short`);
          read++;
          hash.update(line).update('\n');
          yield line;
        }
      }
      await onTable(marker, lines());
      // Drain what the consumer did not read so the checksum covers every line.
      for await (const _ of lines()) void _;
      if (hash.digest('hex') !== expected.sha256) throw invalid(`table ${expected.name} does not match its checksum`);
    }
    if ((await next()) !== null) throw invalid('there is data after the last table');
    if (streamError) throw invalid(`the file cannot be read (${(streamError as Error).message})`);
    return header;
  } finally {
    rl.close();
    source.destroy();
  }
}

function parseJson(line: string, what: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw invalid(`the ${what} is not valid JSON`);
  }
}

/** Check a backup file end to end without touching any database. */
export async function verifyBackupFile(inFile: string): Promise<BackupHeader> {
  return readBackup(inFile, async () => undefined);
}

async function assertEmpty(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL row_security = off');
    const tables = await describeTables(client);
    for (const t of tables) {
      const { rows } = await client.query(`SELECT 1 FROM public.${ident(t.name)} LIMIT 1`);
      if (rows.length) throw new AppError('DATABASE_NOT_EMPTY', { params: { table: t.name } });
    }
  } finally {
    await client.query('ROLLBACK');
  }
}

export type RestoreSummary = { tables: number; rows: number; header: BackupHeader };

/**
 * Restore a backup into an EMPTY database: refuse a target holding any row and a file
 * made from other migrations than this program's; verify the whole file first; migrate
 * the target; load every table in one transaction (foreign-key order, identity values
 * kept, user triggers off so no business trigger re-runs); resync sequences; then
 * print the restored rows again and require the header's counts and checksums.
 */
export async function restoreDatabase(url: string, inFile: string): Promise<RestoreSummary> {
  await withClient(url, (client) => assertEmpty(client));
  const header = await verifyBackupFile(inFile);

  const ours = (await loadMigrations()).map((m) => ({ name: m.name, checksum: m.checksum }));
  if (JSON.stringify(ours) !== JSON.stringify(header.migrations.map((m) => ({ name: m.name, checksum: m.checksum })))) {
    throw invalid('the backup was made from a different set of migrations than this version of Lumbung', {
      file: header.migrations.map((m) => m.name),
      program: ours.map((m) => m.name)
    });
  }
  await migrate(url);

  return withClient(url, async (client) => {
    await client.query('BEGIN');
    try {
      for (const s of STABLE_OUTPUT) await client.query(s);
      // Deferrable constraints (if any) are checked once, at commit, over the whole load.
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      const tables = await describeTables(client);
      const byName = new Map(tables.map((t) => [t.name, t]));
      const names = (list: { name: string }[]) => list.map((t) => t.name).sort();
      if (JSON.stringify(names(tables)) !== JSON.stringify(names(header.tables))) {
        throw invalid('the tables in the file differ from the migrated schema', { file: names(header.tables), schema: names(tables) });
      }
      for (const t of header.tables) {
        const info = byName.get(t.name)!;
        if (JSON.stringify(info.columns.map((c) => c.name)) !== JSON.stringify(t.columns)) throw invalid(`the columns of ${t.name} differ from the schema`);
      }
      // Nothing may have arrived between the emptiness check and now.
      for (const t of tables) {
        const { rows } = await client.query(`SELECT 1 FROM public.${ident(t.name)} LIMIT 1`);
        if (rows.length) throw new AppError('DATABASE_NOT_EMPTY', { params: { table: t.name } });
      }
      for (const t of tables) await client.query(`ALTER TABLE public.${ident(t.name)} DISABLE TRIGGER USER`);

      await readBackup(inFile, async (section, lines) => {
        const info = byName.get(section.table)!;
        const cols = info.columns.filter((c) => !c.generated).map((c) => ident(c.name)).join(', ');
        const insert = `INSERT INTO public.${ident(info.name)} (${cols}) OVERRIDING SYSTEM VALUE
          SELECT ${cols} FROM json_populate_recordset(NULL::public.${ident(info.name)}, $1::json)`;
        let batch: string[] = [];
        const flush = async () => {
          if (!batch.length) return;
          await client.query(insert, [`[${batch.join(',')}]`]);
          batch = [];
        };
        for await (const line of lines) {
          batch.push(line);
          if (batch.length >= INSERT_BATCH) await flush();
        }
        await flush();
      });

      for (const t of tables) await client.query(`ALTER TABLE public.${ident(t.name)} ENABLE TRIGGER USER`);
      await resyncSequences(client, tables);

      const mismatches: string[] = [];
      for (const expected of header.tables) {
        const got = await tableDigest(client, byName.get(expected.name)!);
        if (got.rows !== expected.rows || got.sha256 !== expected.sha256) mismatches.push(expected.name);
      }
      if (mismatches.length) throw invalid(`restored rows differ from the backup in ${mismatches.join(', ')}`, { tables: mismatches });
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    return { tables: header.tables.length, rows: header.tables.reduce((s, t) => s + t.rows, 0), header };
  });
}

/** Identity and serial sequences continue after the highest restored value. */
async function resyncSequences(client: pg.ClientBase, tables: TableInfo[]): Promise<void> {
  for (const t of tables) {
    for (const c of t.columns) {
      const { rows } = await client.query<{ seq: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS seq', [`public.${ident(t.name)}`, c.name]);
      const seq = rows[0]?.seq;
      if (!seq) continue;
      await client.query(`SELECT setval($1, m) FROM (SELECT max(${ident(c.name)}) AS m FROM public.${ident(t.name)}) x WHERE m IS NOT NULL`, [seq]);
    }
  }
}
