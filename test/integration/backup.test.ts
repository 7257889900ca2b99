import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, withDatabaseName, type Database } from '../../src/db/connection.js';
import { backupDatabase, databaseChecksums, restoreDatabase, verifyBackupFile } from '../../src/db/backup.js';
import { withTenant } from '../../src/db/tenant.js';
import { recordAudit } from '../../src/audit/record-audit.js';
import { isAppError } from '../../src/kernel/errors.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';

const run = promisify(execFile);

let t: TestDb;
let coop: SeededCoop;
let dir: string;
let file: string;
const created: string[] = [];

/** A brand-new database with nothing in it (not cloned from the migrated template). */
async function emptyDatabase(): Promise<{ url: string; db: Database }> {
  const serverUrl = inject('pgServerUrl');
  const name = `lumbung_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  const url = withDatabaseName(serverUrl, name);
  return { url, db: createDb(url, { max: 4 }).db };
}

/**
 * Every row of every table as its record text (`t::text`, which tells SQL NULL, '' and a
 * jsonb `null` apart — row_to_json does not), sorted: the content to compare.
 */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET TimeZone = 'UTC'");
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename"
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ j: string }>(`SELECT t::text AS j FROM "${name}" t ORDER BY t::text COLLATE "C"`);
      out[name] = rows.map((r) => r.j);
    }
    return out;
  } finally {
    await client.end();
  }
}

async function query<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET TimeZone = 'UTC'");
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Row counts that tell a jsonb null, SQL NULL and the other edge values apart. */
async function trickyCounts(url: string): Promise<Record<string, string>> {
  const [row] = await query<Record<string, string>>(
    url,
    `SELECT (SELECT count(*) FROM audit_log WHERE before = 'null'::jsonb)::text AS json_null_before,
            (SELECT count(*) FROM audit_log WHERE before IS NULL)::text AS sql_null_before,
            (SELECT count(*) FROM audit_log WHERE after = 'null'::jsonb)::text AS json_null_after,
            (SELECT count(*) FROM audit_log WHERE after IS NULL)::text AS sql_null_after,
            (SELECT count(*) FROM audit_log WHERE entity_id = '')::text AS empty_text,
            (SELECT string_agg(skills::text, '|' ORDER BY member_no) FROM members WHERE member_no IN (1, 2))::text AS arrays,
            (SELECT value::text FROM coop_counters WHERE name = 'uji_max') AS bigint_max,
            (SELECT encode(secret, 'hex') FROM download_keys) AS bytea,
            (SELECT total_capital_weight::text || ' ' || total_volume_weight::text FROM shu_runs) AS numerics,
            (SELECT string_agg(expires_at::text, '|' ORDER BY token_hash) FROM sessions WHERE token_hash LIKE 'uji-%') AS timestamps,
            (SELECT search::text FROM works WHERE slug = 'karya-uji') AS generated,
            (SELECT string_agg(founder_ids::text, '|' ORDER BY name) FROM founding_units WHERE name LIKE 'Unit uji%') AS uuid_arrays`
  );
  return row!;
}

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
  await client.end();
  return rows[0]!.n;
}

/** Rewrite a backup file's decompressed lines. */
async function tamper(src: string, dest: string, edit: (lines: string[]) => string[]): Promise<void> {
  const lines = gunzipSync(await readFile(src)).toString('utf8').split('\n');
  await writeFile(dest, gzipSync(edit(lines).join('\n')));
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  );
  expect(isAppError(err) ? err.code : err).toBe(code);
}

beforeAll(async () => {
  t = await createTestDb();
  dir = await mkdtemp(path.join(tmpdir(), 'lumbung-backup-'));
  file = path.join(dir, 'lumbung.jsonl.gz');
  coop = await seedCoop(t.db, { slug: 'kop-cadangan' });
  await t.db
    .updateTable('coops')
    .set({ province_code: '34', regency_code: '34.71', district_code: '34.71.01', village_code: '34.71.01.1001', rt: 3, rw: 7, description: 'Koperasi "uji" — baris\nkedua' })
    .where('id', '=', coop.id)
    .execute();
  const ctx = coop.ctx('ketua');
  await withTenant(t.db, coop.id, async (trx) => {
    for (let i = 1; i <= 30; i++) {
      const m = await trx
        .insertInto('members')
        .values({
          coop_id: coop.id,
          member_no: i,
          status: i % 5 === 0 ? 'applicant' : 'active',
          full_name: `Anggota ${i} O'Neil`,
          gender: i % 2 ? 'F' : 'M',
          birth_date: `199${i % 10}-0${(i % 9) + 1}-1${i % 9}`,
          nik: `3471${String(i).padStart(12, '0')}`,
          skills: ['menenun', `lagu "${i}"`],
          rt: (i % 4) + 1,
          rw: 2
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('member_status_history').values({ coop_id: coop.id, member_id: m.id, from_status: null, to_status: 'active', actor_account_id: coop.accounts.ketua.id }).execute();
    }
    await trx
      .insertInto('charters')
      .values({ coop_id: coop.id, version: 1, template: 'tujuh_prinsip', rules: JSON.stringify({ membership: { min: 20, max: 40 }, womenMinBp: 5000 }), adopted_by: coop.accounts.ketua.id })
      .execute();
    await trx.insertInto('coop_counters').values({ coop_id: coop.id, name: 'member_no', value: 30 }).execute();
    for (let i = 0; i < 5; i++) await recordAudit(trx, ctx, { action: 'test.change', entity: 'member', entityId: String(i), before: { n: i }, after: { n: i + 1, note: 'ümlaut ✓' } });
  });
  await t.db.insertInto('api_tokens').values({ coop_id: coop.id, account_id: coop.accounts.ketua.id, name: 'integrasi', token_hash: 'f'.repeat(64) }).execute();

  // Values that a lossy backup gets wrong, in every column type the schema uses (the
  // superuser connection is not subject to row-level security).
  await query(
    t.url,
    `INSERT INTO audit_log (coop_id, actor_account_id, action, entity, entity_id, before, after, at) VALUES
       ($1, NULL, 'uji.json', 'x', '', 'null'::jsonb, NULL, '2026-03-04 05:06:07.123456+07'),
       ($1, NULL, 'uji.json', 'x', NULL, NULL, 'null'::jsonb, '1999-12-31 23:59:59.999999+00'),
       ($1, NULL, 'uji.json', 'x', 'null', '"null"'::jsonb, '""'::jsonb, now()),
       ($1, NULL, 'uji.json', 'x', 'NULL', '[]'::jsonb, '{"a": null, "n": 12345678901234567890.50, "s": "\\u00e9 \\\\ \\" \\n"}'::jsonb, now()),
       ($1, NULL, 'uji.json', 'x', E'tab\there', '[null, 0, -0.0, 1e-7, true, false, {}]'::jsonb, '0'::jsonb, now())`,
    [coop.id]
  );
  await query(t.url, `UPDATE members SET skills = ARRAY['', NULL, 'NULL', 'a,b', '{x}', '"q"', E'back\\\\slash', ' lead space'] WHERE coop_id = $1 AND member_no = 1`, [coop.id]);
  await query(t.url, `UPDATE members SET skills = '{}', street = '', phone = NULL, is_well_off = true, rt = NULL WHERE coop_id = $1 AND member_no = 2`, [coop.id]);
  await query(t.url, `INSERT INTO coop_counters (coop_id, name, value) VALUES ($1, 'uji_max', 9223372036854775807), ($1, 'uji_min', -9223372036854775808)`, [coop.id]);
  await query(t.url, `INSERT INTO download_keys (coop_id, secret) VALUES ($1, '\\x005c22ff0d0a27'::bytea || decode(repeat('00', 30), 'hex'))`, [coop.id]);
  await query(
    t.url,
    `INSERT INTO shu_runs (coop_id, number, fiscal_year, period_start, period_end, outcome, pool, total_capital_weight, total_volume_weight, inputs, result)
     VALUES ($1, 1, 2025, '2025-01-01', '2025-12-31', 'NO_DISTRIBUTION', 0, 1.500, 123456789012345678901234567890.000000001, 'null'::jsonb, '{"x": [null]}'::jsonb)`,
    [coop.id]
  );
  await query(
    t.url,
    `INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) VALUES
       ('uji-1', $1, '', 'infinity'), ('uji-2', $1, 'c', '2026-12-31 23:59:59.000001+07')`,
    [coop.accounts.ketua.id]
  );
  await query(
    t.url,
    `INSERT INTO founding_units (coop_id, name, founder_ids) VALUES
       ($1, 'Unit uji 1', ARRAY['00000000-0000-0000-0000-000000000000', NULL, 'ffffffff-ffff-ffff-ffff-ffffffffffff']::uuid[]), ($1, 'Unit uji 2', '{}')`,
    [coop.id]
  );
  await query(
    t.url,
    `INSERT INTO works (coop_id, product_line, title, slug, description, attributes, public_price)
     VALUES ($1, 'aksara', 'Karya "Uji" — ümlaut', 'karya-uji', '', '{"genre": null, "tags": ["a", ""]}', 9007199254740993)`,
    [coop.id]
  );
});

afterAll(async () => {
  await t.drop();
  const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
});

describe('backup and restore without pg_dump', () => {
  it('restores a backup into an empty database with identical content, and the restored app signs in', async () => {
    const summary = await backupDatabase(t.url, file);
    expect(summary.header.tables.find((x) => x.name === 'members')?.rows).toBe(30);
    expect(summary.header.migrations.length).toBeGreaterThan(0);

    const target = await emptyDatabase();
    try {
      const restored = await restoreDatabase(target.url, file);
      expect(restored.rows).toBe(summary.rows);
      expect(await snapshot(target.url)).toEqual(await snapshot(t.url));

      // Identity sequences continue after the restored rows.
      const before = await target.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
      await withTenant(target.db, coop.id, (trx) => recordAudit(trx, coop.ctx('ketua'), { action: 'after.restore', entity: 'coop' }));
      const after = await target.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
      expect(Number(after.m)).toBe(Number(before.m) + 1);

      // The append-only trigger is back on after the load.
      await expect(target.db.updateTable('audit_log').set({ action: 'x' }).where('coop_id', '=', coop.id).execute()).rejects.toThrow(/append-only/);

      const app = await testApp(target.db);
      try {
        const s = await signInAs(app, coop.accounts.ketua);
        const me = await call(app, s, 'GET', '/api/v1/me');
        expect(me.json().coops.map((c: { slug: string }) => c.slug)).toEqual(['kop-cadangan']);
      } finally {
        await app.close();
      }
    } finally {
      await target.db.destroy();
    }
  });

  it('reproduces every value exactly: jsonb null apart from SQL NULL, empty strings, arrays, bytea, numeric, bigint, timestamps, generated columns', async () => {
    // Every column type the schema uses has a tricky value above; a new type needs one too.
    const types = await query<{ type: string }>(
      t.url,
      `SELECT DISTINCT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1`
    );
    expect(types.map((r) => r.type)).toEqual(
      ['bigint', 'boolean', 'bytea', 'date', 'integer', 'jsonb', 'numeric', 'smallint', 'text', 'text[]', 'timestamp with time zone', 'tsvector', 'uuid', 'uuid[]'].sort()
    );
    const source = await trickyCounts(t.url);
    expect(source.json_null_before).toBe('1');
    expect(source.json_null_after).toBe('1');

    const summary = await backupDatabase(t.url, file);
    const target = await emptyDatabase();
    try {
      await restoreDatabase(target.url, file);
      expect(await trickyCounts(target.url)).toEqual(source);
      const before = await databaseChecksums(t.url);
      const after = await databaseChecksums(target.url);
      expect(after).toEqual(before);
      // The header's checksums are the source's, computed by PostgreSQL in the backup's snapshot.
      for (const table of summary.header.tables) expect(before[table.name]).toEqual({ rows: table.rows, checksum: table.checksum });
      expect(await snapshot(target.url)).toEqual(await snapshot(t.url));
    } finally {
      await target.db.destroy();
    }
  });

  it('refuses a file altered in content with the same counts and a recomputed file checksum: the table is named and nothing is restored', async () => {
    await backupDatabase(t.url, file);
    const bad = path.join(dir, 'consistent-but-altered.jsonl.gz');
    // Change one audit line's jsonb null into SQL NULL (the old format's loss), and make the
    // file's own SHA-256 agree, so only the content checksum can see it.
    await tamper(file, bad, (lines) => {
      const header = JSON.parse(lines[0]!) as { tables: { name: string; rows: number; sha256: string }[] };
      let at = 1;
      for (const table of header.tables) {
        const body = lines.slice(at + 1, at + 1 + table.rows);
        if (table.name === 'audit_log') {
          const i = body.findIndex((l) => l.includes('"uji.json"') && l.includes('"null",null'));
          expect(i).toBeGreaterThanOrEqual(0);
          body[i] = body[i]!.replace('"null",null', 'null,null');
          lines.splice(at + 1, table.rows, ...body);
          table.sha256 = createHash('sha256').update(body.map((l) => `${l}\n`).join('')).digest('hex');
        }
        at += 1 + table.rows;
      }
      return [JSON.stringify(header), ...lines.slice(1)];
    });
    await verifyBackupFile(bad); // the file itself is consistent
    const target = await emptyDatabase();
    try {
      const err = await restoreDatabase(target.url, bad).then(
        () => null,
        (e: unknown) => e
      );
      expect(isAppError(err) && err.code).toBe('BACKUP_INVALID');
      expect(isAppError(err) && String(err.params.reason)).toMatch(/differ from the backup in audit_log$/);
      const [left] = await query<{ n: number }>(target.url, 'SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM members) AS n');
      expect(Number(left!.n)).toBe(0);

      // Through the command: non-zero exit, the table named, no "restored and verified".
      const bin = path.resolve('bin/lumbung.js');
      const r = await run(process.execPath, [bin, 'restore', '--in', bad], { env: { ...process.env, DATABASE_URL: target.url }, timeout: 60_000 }).catch(
        (e: { code: number; stdout: string; stderr: string }) => e
      );
      expect((r as { code?: number }).code).toBe(1);
      expect(r.stderr).toMatch(/audit_log/);
      expect(r.stdout).not.toMatch(/restored and verified/);
    } finally {
      await target.db.destroy();
    }
  });

  it('refuses a file whose rows were altered, and leaves the target empty', async () => {
    await backupDatabase(t.url, file);
    const bad = path.join(dir, 'altered.jsonl.gz');
    await tamper(file, bad, (lines) => lines.map((l) => l.replace('Anggota 7 O', 'Anggota 9 O')));
    await expectCode(verifyBackupFile(bad), 'BACKUP_INVALID');
    await expect(verifyBackupFile(bad)).rejects.toMatchObject({ params: { reason: 'table members does not match its checksum' } });
    const target = await emptyDatabase();
    try {
      await expectCode(restoreDatabase(target.url, bad), 'BACKUP_INVALID');
      expect(await tableCount(target.url)).toBe(0);
    } finally {
      await target.db.destroy();
    }
  });

  it('refuses a truncated file and one that is not gzip', async () => {
    await backupDatabase(t.url, file);
    const bytes = await readFile(file);
    const cut = path.join(dir, 'cut.gz');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await expectCode(verifyBackupFile(cut), 'BACKUP_INVALID');
    const junk = path.join(dir, 'junk.gz');
    await writeFile(junk, 'not a backup at all');
    await expectCode(verifyBackupFile(junk), 'BACKUP_INVALID');
    const dropped = path.join(dir, 'dropped-row.gz');
    await tamper(file, dropped, (lines) => lines.filter((l) => !l.includes('Anggota 12 O')));
    await expectCode(verifyBackupFile(dropped), 'BACKUP_INVALID');
  });

  it('refuses a backup made from other migrations', async () => {
    await backupDatabase(t.url, file);
    const other = path.join(dir, 'other-migrations.gz');
    await tamper(file, other, (lines) => {
      const header = JSON.parse(lines[0]!);
      header.migrations = [...header.migrations, { name: '9999_future.sql', checksum: 'x' }];
      return [JSON.stringify(header), ...lines.slice(1)];
    });
    const target = await emptyDatabase();
    try {
      await expectCode(restoreDatabase(target.url, other), 'BACKUP_INVALID');
      expect(await tableCount(target.url)).toBe(0);
    } finally {
      await target.db.destroy();
    }
  });

  it('refuses to restore over a database that holds data', async () => {
    await backupDatabase(t.url, file);
    const before = await snapshot(t.url);
    await expectCode(restoreDatabase(t.url, file), 'DATABASE_NOT_EMPTY');
    expect(await snapshot(t.url)).toEqual(before);
  });

  it('runs through the lumbung command: backup --out, then restore --in on a fresh database', async () => {
    const out = path.join(dir, 'cli.jsonl.gz');
    const bin = path.resolve('bin/lumbung.js');
    const b = await run(process.execPath, [bin, 'backup', '--out', out], { env: { ...process.env, DATABASE_URL: t.url }, timeout: 60_000 });
    expect(b.stdout).toMatch(/backup written/);
    const target = await emptyDatabase();
    try {
      const r = await run(process.execPath, [bin, 'restore', '--in', out], { env: { ...process.env, DATABASE_URL: target.url }, timeout: 60_000 });
      expect(r.stdout).toMatch(/restored and verified/);
      expect(await snapshot(target.url)).toEqual(await snapshot(t.url));
      const again = await run(process.execPath, [bin, 'restore', '--in', out], { env: { ...process.env, DATABASE_URL: target.url }, timeout: 60_000 }).catch(
        (e: { code: number; stderr: string }) => e
      );
      expect((again as { code: number }).code).toBe(1);
      expect((again as { stderr: string }).stderr).toMatch(/not empty/);
    } finally {
      await target.db.destroy();
    }
  });
});
