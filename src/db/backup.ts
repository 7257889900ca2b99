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
 * built from, per table its stored columns, row count, the SHA-256 of its lines and its
 * content checksum); then, per table in foreign-key order, a marker line
 * `{"table":…,"rows":n}` followed by exactly n lines, each a row as a JSON array of its
 * stored columns' text forms (PostgreSQL's own output, `null` only for SQL NULL), so every
 * value — jsonb `null` apart from SQL NULL, empty strings, arrays, bytea, numeric, bigint,
 * timestamps — goes back through the column type's input function exactly as it came out.
 *
 * Two checks: the SHA-256 over the file's lines proves the file is intact; the content
 * checksum (`contentChecksum`, md5 over each row's canonical text `t::text` in key order,
 * computed by PostgreSQL) is taken in the backup's snapshot and again on the target after
 * the load, so a restore proves that the database holds the same values, not only the same
 * number of rows.
 */
export const BACKUP_FORMAT = 'lumbung-backup';
export const BACKUP_VERSION = 2;

/** `columns`: the stored (not generated) columns, in the order of each line's values. */
export type BackupTable = { name: string; columns: string[]; rows: number; sha256: string; checksum: string };
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
  columns: { name: string; type: string; generated: boolean; collatable: boolean }[];
  primaryKey: string[];
  parents: string[];
};

const FETCH = 1000;
const INSERT_BATCH = 500;

/** Session settings that make the rows and their canonical text print the same on any server. */
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
  const { rows: cols } = await client.query<{ table: string; name: string; type: string; generated: string; collation: number }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated AS generated,
            a.attcollation::int AS collation
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
  for (const c of cols) infos.get(c.table)?.columns.push({ name: c.name, type: c.type, generated: c.generated !== '', collatable: c.collation !== 0 });
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

/** The columns a backup line holds: generated columns are recomputed by the restore. */
const storedColumns = (t: TableInfo) => t.columns.filter((c) => !c.generated);

/** Primary key order (text keys in COLLATE "C", so the order does not depend on the server's locale). */
function keyOrder(t: TableInfo): string {
  const collated = (name: string) => {
    const col = t.columns.find((c) => c.name === name);
    return col?.collatable ? `t.${ident(name)} COLLATE "C"` : `t.${ident(name)}`;
  };
  return t.primaryKey.length ? t.primaryKey.map(collated).join(', ') : `t::text COLLATE "C"`;
}

/**
 * One line per row: a JSON array of the stored columns' text output. `to_json` of a text[]
 * writes SQL NULL as `null` and every value (a jsonb `null` included) as a string, so nothing
 * is lost; row_to_json (format 1) printed jsonb `null` and SQL NULL alike.
 */
function rowsQuery(t: TableInfo): string {
  const values = storedColumns(t).map((c) => `t.${ident(c.name)}::text`).join(', ');
  return `SELECT to_json(ARRAY[${values}]::text[])::text AS j FROM public.${ident(t.name)} t ORDER BY ${keyOrder(t)}`;
}

/** Rows per block of the content checksum (keeps every string PostgreSQL aggregates small). */
const CHECKSUM_BLOCK = 10000;

/**
 * A table's content checksum, computed by PostgreSQL: each row's canonical text (`t::text`,
 * the row's record output, which tells SQL NULL, '' and a jsonb `null` apart and includes
 * generated columns) is hashed with md5 in primary-key order; the hashes of each block of
 * 10,000 rows are hashed together, and the block hashes once more. Same rows, same settings
 * (STABLE_OUTPUT) → same checksum on any server.
 */
async function contentChecksum(client: pg.ClientBase, t: TableInfo): Promise<{ rows: number; checksum: string }> {
  const { rows } = await client.query<{ n: string; checksum: string }>(
    `WITH r AS (SELECT row_number() OVER (ORDER BY ${keyOrder(t)}) AS rn, md5(t::text) AS h FROM public.${ident(t.name)} t),
          b AS (SELECT (rn - 1) / ${CHECKSUM_BLOCK} AS block, count(*) AS n, md5(string_agg(h, '' ORDER BY rn)) AS h FROM r GROUP BY 1)
     SELECT coalesce(sum(n), 0)::text AS n, md5(coalesce(string_agg(h, '' ORDER BY block), '')) AS checksum FROM b`
  );
  return { rows: Number(rows[0]!.n), checksum: rows[0]!.checksum };
}

/** Every table's content checksum (one snapshot), for comparing two databases. */
export async function databaseChecksums(url: string): Promise<Record<string, { rows: number; checksum: string }>> {
  return withClient(url, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      for (const s of STABLE_OUTPUT) await client.query(s);
      const out: Record<string, { rows: number; checksum: string }> = {};
      for (const t of await describeTables(client)) out[t.name] = await contentChecksum(client, t);
      return out;
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

/** Stream one table's rows (as backup lines) through a cursor, in key order. */
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
          const content = await contentChecksum(client, t);
          if (rows !== n || content.rows !== n) throw new Error(`Table ${t.name} changed during the backup`);
          summaries.push({ name: t.name, columns: storedColumns(t).map((c) => c.name), rows, sha256: hash.digest('hex'), checksum: content.checksum });
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
    if (header.version !== BACKUP_VERSION) throw invalid(`format version ${String(header.version)} is not supported (restore it with the Lumbung version that wrote it)`);
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
 * require every table's row count and content checksum to equal the header's.
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
        if (JSON.stringify(storedColumns(info).map((c) => c.name)) !== JSON.stringify(t.columns)) throw invalid(`the columns of ${t.name} differ from the schema`);
        if (typeof t.checksum !== 'string') throw invalid(`the header has no content checksum for ${t.name}`);
      }
      // Nothing may have arrived between the emptiness check and now.
      for (const t of tables) {
        const { rows } = await client.query(`SELECT 1 FROM public.${ident(t.name)} LIMIT 1`);
        if (rows.length) throw new AppError('DATABASE_NOT_EMPTY', { params: { table: t.name } });
      }
      for (const t of tables) await client.query(`ALTER TABLE public.${ident(t.name)} DISABLE TRIGGER USER`);

      await readBackup(inFile, async (section, lines) => {
        const info = byName.get(section.table)!;
        const stored = storedColumns(info);
        // Each value goes through its type's input function: the exact inverse of the ::text
        // that wrote it (SQL NULL is JSON null, so ->> gives NULL; anything else is a string).
        const cols = stored.map((c) => ident(c.name)).join(', ');
        const values = stored.map((c, i) => `(r ->> ${i})::${c.type}`).join(', ');
        const insert = `INSERT INTO public.${ident(info.name)} (${cols}) OVERRIDING SYSTEM VALUE
          SELECT ${values} FROM json_array_elements($1::json) AS e(r)`;
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

      // The content checksum of every restored table, computed by PostgreSQL the same way as
      // in the backup's snapshot: a value that did not come back exactly names its table.
      const mismatches: string[] = [];
      for (const expected of header.tables) {
        const got = await contentChecksum(client, byName.get(expected.name)!);
        if (got.rows !== expected.rows || got.checksum !== expected.checksum) mismatches.push(expected.name);
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
