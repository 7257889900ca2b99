import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { DISTRIBUTION_COLUMN, PLACEMENTS, placementOf, REVIEWED_IDENTITY_COLUMNS, REVIEWED_SEQUENCES, REVIEWED_TRIGGERS, unplacedTables } from '../../src/db/placement.js';

/**
 * The static check of decision 0110, on whatever server the suite runs (no cluster needed): the
 * migrated schema holds nothing Citus would refuse or run wrongly once the tables are placed as
 * src/db/placement.ts says. Each failure names the table, constraint or trigger to fix.
 */

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

type Table = { name: string; cols: string[] };

/**
 * Not a shard: on a Citus coordinator the copies of reference and coordinator-local tables are
 * tables too (name_<shard id>), Citus' own business, as are the truncate triggers it adds.
 */
const NOT_SHARD = (alias: string) => sql.raw(`NOT (${alias}.relname ~ '_[0-9]+$' AND to_regclass(regexp_replace(${alias}.relname, '_[0-9]+$', '')) IS NOT NULL)`);

async function tables(): Promise<Table[]> {
  const { rows } = await sql<{ name: string; cols: string[] }>`
    SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS cols
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND ${NOT_SHARD('c')}
     GROUP BY c.relname`.execute(t.db);
  return rows;
}

describe('the schema is ready for Citus', () => {
  it('gives every table a placement, and places only tables that exist', async () => {
    const names = (await tables()).map((r) => r.name);
    expect(unplacedTables(names), 'tables without a placement in src/db/placement.ts').toEqual([]);
    expect(PLACEMENTS.map(([n]) => n).filter((n) => !names.includes(n)), 'placements of tables that do not exist').toEqual([]);
    expect(new Set(PLACEMENTS.map(([n]) => n)).size).toBe(PLACEMENTS.length);
  });

  it('distributes by coop_id only tables that have it, and references only tables without it', async () => {
    const wrong = (await tables())
      .filter((r) => (placementOf(r.name) === 'distributed') !== r.cols.includes(DISTRIBUTION_COLUMN) && placementOf(r.name) !== 'local')
      .map((r) => `${r.name} (${placementOf(r.name)})`);
    expect(wrong, 'distributed tables need coop_id; a table with coop_id is a cooperative’s and is distributed').toEqual([]);
  });

  it('puts coop_id in every primary key and unique constraint or index of a distributed table', async () => {
    const { rows } = await sql<{ tbl: string; idx: string; def: string }>`
      SELECT c.relname AS tbl, i.relname AS idx, pg_get_indexdef(x.indexrelid) AS def
        FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND x.indisunique AND ${NOT_SHARD('c')}
         AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ${DISTRIBUTION_COLUMN} AND a.attnum = ANY (x.indkey))`.execute(t.db);
    const wrong = rows.filter((r) => placementOf(r.tbl) === 'distributed').map((r) => `${r.tbl}: ${r.def}`);
    expect(wrong, 'unique without coop_id: Citus cannot enforce it across shards').toEqual([]);
    const { rows: noPk } = await sql<{ tbl: string }>`
      SELECT c.relname AS tbl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND ${NOT_SHARD('c')} AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')`.execute(t.db);
    expect(noPk.map((r) => r.tbl).filter((n) => placementOf(n) === 'distributed'), 'distributed tables without a primary key').toEqual([]);
  });

  it('lets a distributed table reference only reference tables, or distributed ones through coop_id', async () => {
    const { rows } = await sql<{ child: string; parent: string; name: string; def: string; child_has: boolean; parent_has: boolean }>`
      SELECT k.conrelid::regclass::text AS child, k.confrelid::regclass::text AS parent, k.conname AS name, pg_get_constraintdef(k.oid) AS def,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = ${DISTRIBUTION_COLUMN} AND a.attnum = k.conkey[1]) AS child_has,
             EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attname = ${DISTRIBUTION_COLUMN} AND a.attnum = k.confkey[1]) AS parent_has
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND k.contype = 'f' AND ${NOT_SHARD('c')}`.execute(t.db);
    const wrong: string[] = [];
    for (const r of rows) {
      const child = placementOf(r.child);
      const parent = placementOf(r.parent);
      if (child === 'distributed' && parent === 'distributed' && !(r.child_has && r.parent_has)) wrong.push(`${r.child}.${r.name}: ${r.def} (coop_id first on both sides)`);
      if (child === 'distributed' && parent === 'local') wrong.push(`${r.child}.${r.name}: references the coordinator-local ${r.parent}`);
      if (child === 'reference' && parent !== 'reference') wrong.push(`${r.child}.${r.name}: a reference table references ${parent} ${r.parent}`);
    }
    expect(wrong).toEqual([]);
    // Dependency order: a table comes after every table it references (the migrator places in this order).
    const pos = new Map(PLACEMENTS.map(([n], i) => [n, i]));
    const late = rows.filter((r) => r.child !== r.parent && (pos.get(r.parent) ?? -1) > (pos.get(r.child) ?? -1)).map((r) => `${r.child} before ${r.parent}`);
    expect(late, 'src/db/placement.ts must list a table after the tables it references').toEqual([]);
  });

  it('has only reviewed triggers, none on a reference table', async () => {
    const { rows } = await sql<{ tbl: string; name: string }>`
      SELECT c.relname AS tbl, g.tgname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND NOT g.tgisinternal AND ${NOT_SHARD('c')} AND g.tgfoid::regproc::text <> 'citus_truncate_trigger'`.execute(t.db);
    const names = rows.map((r) => `${r.tbl}.${r.name}`);
    expect(names.filter((n) => !(n in REVIEWED_TRIGGERS)), 'triggers not reviewed for Citus (REVIEWED_TRIGGERS in src/db/placement.ts)').toEqual([]);
    expect(rows.filter((r) => placementOf(r.tbl) !== 'distributed').map((r) => `${r.tbl}.${r.name}`), 'triggers on reference or local tables').toEqual([]);
    expect(Object.keys(REVIEWED_TRIGGERS).filter((n) => !names.includes(n)), 'reviewed triggers that no longer exist').toEqual([]);
    // On a shard a trigger fires on journal_entries_102050, not journal_entries: a function that
    // decides by the table's name decides wrongly there (migration 0112 fixed one that did).
    const { rows: byName } = await sql<{ fn: string }>`
      SELECT DISTINCT p.proname AS fn FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid
       WHERE NOT g.tgisinternal AND p.prosrc ~* 'TG_(TABLE_NAME|RELNAME)\\s*(=|<>|!=|IN\\M|LIKE)'`.execute(t.db);
    expect(byName.map((r) => r.fn), 'trigger functions that compare the table name').toEqual([]);
    // Citus relays a worker's error without its constraint field: a RAISE that names a constraint
    // (which the app maps to a 4xx) names it in its HINT too, `constraint: <name>` (migration 0145).
    const { rows: raises } = await sql<{ fn: string; src: string }>`
      SELECT p.proname AS fn, p.prosrc AS src FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.prosrc ~* 'CONSTRAINT\\s*='`.execute(t.db);
    const unhinted = raises.flatMap((r) =>
      [...r.src.matchAll(/CONSTRAINT\s*=\s*'([a-z0-9_]+)'/gi)].filter((m) => !r.src.includes(`HINT = 'constraint: ${m[1]}'`)).map((m) => `${r.fn}: ${m[1]}`)
    );
    expect(unhinted, 'RAISE … CONSTRAINT without HINT = constraint: <name>').toEqual([]);
  });

  it('writes row-level security policies without subqueries', async () => {
    const { rows } = await sql<{ tbl: string; name: string; qual: string | null; check: string | null }>`
      SELECT tablename AS tbl, policyname AS name, qual, with_check AS check FROM pg_policies WHERE schemaname = 'public'`.execute(t.db);
    const wrong = rows.filter((r) => /\b(select|exists)\b/i.test(`${r.qual ?? ''} ${r.check ?? ''}`)).map((r) => `${r.tbl}.${r.name}: ${r.qual}`);
    expect(wrong, 'a policy with a subquery cannot be pushed down to the shards').toEqual([]);
    expect(rows.filter((r) => placementOf(r.tbl) !== 'distributed').map((r) => r.tbl), 'policies on tables that are not distributed').toEqual([]);
  });

  it('writes no RESTRICTIVE policy (Citus copies it to the shards as PERMISSIVE, so it would widen access there; decision 0165)', async () => {
    const { rows } = await sql<{ tbl: string; name: string }>`
      SELECT tablename AS tbl, policyname AS name FROM pg_policies WHERE schemaname = 'public' AND permissive <> 'PERMISSIVE'`.execute(t.db);
    expect(rows.map((r) => `${r.tbl}.${r.name}`), 'restrictive policies').toEqual([]);
  });

  it('has no identity, serial or sequence column but the reviewed bigint ones, and no other sequence', async () => {
    const { rows } = await sql<{ col: string; type: string; identity: string; def: string | null }>`
      SELECT c.relname || '.' || a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity AS identity, pg_get_expr(d.adbin, d.adrelid) AS def
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND ${NOT_SHARD('c')}
         AND (a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE '%nextval(%')`.execute(t.db);
    const wrong = rows.filter((r) => !REVIEWED_IDENTITY_COLUMNS.includes(r.col) || r.type !== 'bigint' || r.identity === '').map((r) => `${r.col} ${r.type} ${r.def ?? 'identity'}`);
    expect(wrong, 'use uuid DEFAULT gen_random_uuid() (or a per-coop counter) for new ids').toEqual([]);
    const { rows: seqs } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'S' AND ${NOT_SHARD('c')} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i')`.execute(t.db);
    expect(seqs.map((s) => s.name).filter((n) => !REVIEWED_SEQUENCES.includes(n)), 'sequences not reviewed for Citus').toEqual([]);
  });
});
