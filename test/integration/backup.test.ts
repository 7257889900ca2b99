import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, withDatabaseName, type Database } from '../../src/db/connection.js';
import { backupDatabase, restoreDatabase, verifyBackupFile } from '../../src/db/backup.js';
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

/** Every row of every table, in key order, as JSON text: the content to compare. */
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
      const { rows } = await client.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${name}" t ORDER BY row_to_json(t)::text COLLATE "C"`);
      out[name] = rows.map((r) => r.j);
    }
    return out;
  } finally {
    await client.end();
  }
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

  it('refuses a file whose rows were altered, and leaves the target empty', async () => {
    await backupDatabase(t.url, file);
    const bad = path.join(dir, 'altered.jsonl.gz');
    await tamper(file, bad, (lines) => lines.map((l) => l.replace('Anggota 7 O', 'Anggota 9 O')));
    await expectCode(verifyBackupFile(bad), 'BACKUP_INVALID');
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
