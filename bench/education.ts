/**
 * Education benchmark: a member's learning record with 1 then 10 years of history (24
 * sessions a year), and the facilitator's attendance list of a 50- then 500-person session.
 * Prints each read's number of SQL statements (counted at the driver, BEGIN/SET/COMMIT
 * included) at both sizes and its times. No assertions: it prints figures.
 *
 *   npm run bench -- education            (embedded PostgreSQL, or DATABASE_URL's server)
 *
 * History is bulk-inserted with SQL (a fixture); the reads go through the real use cases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import type { DB } from '../src/db/schema.js';
import { createDb, withDatabaseName } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { withTenant } from '../src/db/tenant.js';
import { systemClock } from '../src/kernel/clock.js';
import type { TenantCtx } from '../src/kernel/context.js';
import { getLearningRecord } from '../src/education/learning-record.js';
import { getSession } from '../src/education/get-session.js';
import { counted } from './counted-db.js';

const RUNS = 25;


type Row = { scenario: string; size: string; statements: number; medianMs: number; p95Ms: number; rows: number };

async function measure(url: string, ctx: Omit<TenantCtx, 'db'>, scenario: string, size: string, read: (ctx: TenantCtx) => Promise<number>): Promise<Row> {
  const c = counted(url);
  const cx: TenantCtx = { ...ctx, db: c.db };
  await read(cx);
  const times: number[] = [];
  let statements = 0;
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    c.reset();
    const t0 = process.hrtime.bigint();
    rows = await read(cx);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    statements = c.statements();
  }
  await c.db.destroy();
  times.sort((a, b) => a - b);
  return { scenario, size, statements, medianMs: times[Math.floor(RUNS / 2)]!, p95Ms: times[Math.floor(RUNS * 0.95)]!, rows };
}

/** `years` programmes (one a year) of 24 two-hour sessions, the member enrolled and present at each. */
async function seedHistory(db: Kysely<DB>, coopId: string, memberId: string, fromYear: number, years: number): Promise<void> {
  await withTenant(db, coopId, async (trx) => {
    await sql`
      WITH p AS (
        INSERT INTO edu_programmes (coop_id, title, kind, audience)
        SELECT ${coopId}::uuid, 'Program ' || y, 'perkoperasian', 'members' FROM generate_series(${fromYear}::int, ${fromYear + years - 1}::int) y
        RETURNING id, title
      ), e AS (
        INSERT INTO edu_enrolments (coop_id, programme_id, member_id, full_name, participant_kind)
        SELECT ${coopId}::uuid, p.id, ${memberId}::uuid, 'Anggota Bench', 'member' FROM p RETURNING id, programme_id
      ), s AS (
        INSERT INTO edu_sessions (coop_id, programme_id, topic, starts_at, ends_at, checkin_code)
        SELECT ${coopId}::uuid, p.id, 'Sesi ' || n, make_timestamptz(substring(p.title from 9)::int, 1 + n / 2, 1 + (n % 2) * 14, 9, 0, 0, 'Asia/Jakarta'),
               make_timestamptz(substring(p.title from 9)::int, 1 + n / 2, 1 + (n % 2) * 14, 11, 0, 0, 'Asia/Jakarta'),
               upper(substring(md5(p.id::text || n) from 1 for 10))
          FROM p, generate_series(0, 23) n
        RETURNING id, programme_id
      )
      INSERT INTO edu_attendance (coop_id, session_id, enrolment_id, status, method)
      SELECT ${coopId}::uuid, s.id, e.id, 'present', 'facilitator' FROM s JOIN e ON e.programme_id = s.programme_id`.execute(trx);
  });
}

/** A session of a programme with `people` enrolled members, two thirds present. Returns the session id. */
async function seedBigSession(db: Kysely<DB>, coopId: string, people: number): Promise<string> {
  return withTenant(db, coopId, async (trx) => {
    const r = await sql<{ id: string }>`
      WITH p AS (INSERT INTO edu_programmes (coop_id, title, kind, audience) VALUES (${coopId}::uuid, ${`Kelas ${people}`}, 'kritis', 'members') RETURNING id),
      e AS (
        INSERT INTO edu_enrolments (coop_id, programme_id, member_id, full_name, participant_kind)
        SELECT ${coopId}::uuid, p.id, m.id, m.full_name, 'member' FROM p, (SELECT id, full_name FROM members WHERE coop_id = ${coopId}::uuid ORDER BY member_no LIMIT ${people}) m
        RETURNING id
      ), s AS (
        INSERT INTO edu_sessions (coop_id, programme_id, topic, starts_at, ends_at, checkin_code)
        SELECT ${coopId}::uuid, p.id, 'Sesi besar', now() - interval '30 minutes', now() + interval '90 minutes', upper(substring(md5(p.id::text) from 1 for 10)) FROM p
        RETURNING id
      ), a AS (
        INSERT INTO edu_attendance (coop_id, session_id, enrolment_id, status, method)
        SELECT ${coopId}::uuid, s.id, e.id, 'present', 'self' FROM s, (SELECT id, row_number() OVER () AS k FROM e) e WHERE e.k % 3 <> 0
      )
      SELECT id FROM s`.execute(trx);
    return r.rows[0]!.id;
  });
}

export async function main(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  let dir: string | undefined;
  if (!serverUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'lumbung-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
    serverUrl = server.url;
    stop = server.stop;
  }
  const name = `lumbung_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabaseName(serverUrl, name);
  try {
    await migrate(url);
    const { db } = createDb(url);
    const coop = await db.insertInto('coops').values({ slug: 'bench-belajar', name: 'Koperasi Bench Belajar', coop_type: 'produksi' }).returning('id').executeTakeFirstOrThrow();
    const account = await db.insertInto('accounts').values({ name: 'Ketua Bench', email: `ketua.${name}@bench.test`, password_hash: 'bench' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('coop_users').values({ coop_id: coop.id, account_id: account.id, roles: ['ketua'] }).execute();
    const member = await withTenant(db, coop.id, async (trx) => {
      await sql`
        INSERT INTO members (coop_id, member_no, status, full_name, gender, joined_on)
        SELECT ${coop.id}::uuid, i, 'active', 'Anggota ' || i, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, current_date FROM generate_series(1, 500) AS i`.execute(trx);
      return trx.selectFrom('members').select('id').where('coop_id', '=', coop.id).where('member_no', '=', 1).executeTakeFirstOrThrow();
    });
    const ctx: Omit<TenantCtx, 'db'> = { clock: systemClock, log: pino({ level: 'silent' }), locale: 'id', actor: { accountId: account.id, name: 'Ketua Bench', isPlatformAdmin: false, via: 'session' }, coopId: coop.id, roles: ['ketua'] };
    const thisYear = new Date().getFullYear();
    const rows: Row[] = [];
    await seedHistory(db, coop.id, member.id, thisYear, 1);
    const small = await seedBigSession(db, coop.id, 50);
    await sql`ANALYZE`.execute(db);
    const record = (c: TenantCtx) => getLearningRecord(c, member.id).then((r) => r.years.reduce((s, y) => s + y.sessions.length, 0));
    const list = (id: string) => (c: TenantCtx) => getSession(c, id).then((s) => s.attendance.length);
    rows.push(await measure(url, ctx, 'learning record', '1 year', record));
    rows.push(await measure(url, ctx, 'attendance list', '50 people', list(small)));
    await seedHistory(db, coop.id, member.id, thisYear - 9, 9);
    const big = await seedBigSession(db, coop.id, 500);
    await sql`ANALYZE`.execute(db);
    rows.push(await measure(url, ctx, 'learning record', '10 years', record));
    rows.push(await measure(url, ctx, 'attendance list', '500 people', list(big)));
    await db.destroy();
    console.log(`\nEducation reads (${RUNS} runs each)\n`);
    console.log(['scenario'.padEnd(16), 'size'.padEnd(10), 'SQL statements', 'median ms', 'p95 ms', 'rows'].join(' | '));
    for (const r of rows) console.log([r.scenario.padEnd(16), r.size.padEnd(10), String(r.statements).padStart(14), r.medianMs.toFixed(2).padStart(9), r.p95Ms.toFixed(2).padStart(6), String(r.rows).padStart(5)].join(' | '));
    const by = new Map<string, number[]>();
    for (const r of rows) by.set(r.scenario, [...(by.get(r.scenario) ?? []), r.statements]);
    const constant = [...by.values()].every((ns) => ns.every((n) => n === ns[0]));
    console.log(`\nSQL statements per read ${constant ? 'do not grow' : 'GROW'} with the size.`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
