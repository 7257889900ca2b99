/**
 * Networks benchmark (issue 19), three figures in one run, no assertions:
 *
 * 1. The city page of a network of 20 coops / 2,000 works and of 500 coops / 100,000 works:
 *    SQL statements (counted at the driver, BEGIN/SET/COMMIT included) and median time, with and
 *    without a search word.
 * 2. The national roll-up over 10,000 coops (100,000 members) read from region_rollups, vs a
 *    plain aggregate over the source rows (members joined to coops, GROUP BY province): ratio.
 * 3. Inter-coop trade throughput (order + payment: four journal entries in two coops' books per
 *    trade, through the real use cases) with 8 clients for BENCH_SECONDS, vs pgbench tpcb-like
 *    (-M prepared, same clients) on the same server: ratio.
 *
 *   npm run bench -- networks        (embedded PostgreSQL, or DATABASE_URL's server)
 *
 * Fixtures are bulk SQL (coops, memberships, works, members, roll-up rows summed once from the
 * members as the incremental path would have left them; the incremental path itself is tested in
 * test/integration/networks.test.ts). Works are inserted with triggers off (no creators needed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createDb, withDatabaseName } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { systemClock } from '../src/kernel/clock.js';
import type { Ctx, TenantCtx } from '../src/kernel/context.js';
import { getCityPage } from '../src/networks/city.js';
import { getRollups } from '../src/networks/rollups.js';
import { payTrade, placeTradeOrder } from '../src/networks/trade.js';
import { counted, medianMs } from './counted-db.js';

const RUNS = 9;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 8;

const timed = (fn: () => Promise<unknown>) => medianMs(fn, RUNS);

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
  const stamp = randomBytes(4).toString('hex');
  const names = [`lumbung_bench_net_${stamp}`, `lumbung_pgbench_net_${stamp}`];
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
  const url = withDatabaseName(serverUrl, names[0]!);
  try {
    await migrate(url);
    const { db } = createDb(url, { max: CLIENTS + 2 });
    const base = { clock: systemClock, log: pino({ level: 'silent' }), locale: 'id' as const };
    const system = { accountId: '00000000-0000-0000-0000-000000000000', name: 'bench', isPlatformAdmin: false, via: 'system' as const };

    /* ------------------------------------------------------------ 1. the city page */
    console.log('\nCity page /jaringan/<slug> (median of', RUNS, 'runs)\n');
    console.log(['coops', 'works', 'query', 'SQL statements', 'ms'].join(' | '));
    for (const [size, perCoop] of [[20, 100], [500, 200]] as const) {
      const slug = `kota-bench-${size}`;
      await sql.raw(`
        SET session_replication_role = replica;
        WITH c AS (
          INSERT INTO coops (slug, name, coop_type, product_lines, province_code, regency_code, district_code)
          SELECT 'kb${size}-' || i, 'Koperasi Bench ' || i, 'produksi', ARRAY['suara','rupa'], '34', '34.71', '34.71.' || lpad((1 + i % 14)::text, 2, '0')
            FROM generate_series(1, ${size}) i RETURNING id),
        n AS (INSERT INTO networks (slug, name, kind, region_code, mode) VALUES ('${slug}', 'Kota Bench ${size}', 'kota_koperasi', '34.71', 'shared') RETURNING id),
        m AS (INSERT INTO network_memberships (network_id, member_coop_id, origin, status, coop_consent_at, network_consent_at, joined_at)
              SELECT n.id, c.id, 'founding', 'active', now(), now(), now() FROM n, c RETURNING member_coop_id)
        INSERT INTO works (coop_id, product_line, title, slug, description, public_price, status, published_at)
        SELECT m.member_coop_id, CASE WHEN j % 2 = 0 THEN 'suara' ELSE 'rupa' END,
               (ARRAY['Lagu','Lukisan','Gending','Batik','Kain','Cerita'])[1 + j % 6] || ' ' || (ARRAY['sawah','pasar','kali','gunung','laut','kampung'])[1 + (j / 6) % 6] || ' ' || j,
               'karya-' || j, 'Karya bench', 50000 + j % 100 * 1000, 'published', now() - j * interval '1 minute'
          FROM m, generate_series(1, ${perCoop}) j;
        SET session_replication_role = DEFAULT;
        ANALYZE works; ANALYZE network_memberships; ANALYZE coops;`).execute(db);
      const c = counted(url);
      const ctx: Ctx = { ...base, db: c.db, actor: null };
      for (const q of ['', 'batik pasar']) {
        c.reset();
        await getCityPage(ctx, slug, { q });
        const statements = c.statements();
        const ms = await timed(() => getCityPage(ctx, slug, { q }));
        console.log([String(size).padStart(5), String(size * perCoop).padStart(7), (q || '—').padEnd(11), String(statements).padStart(14), ms.toFixed(1).padStart(7)].join(' | '));
      }
      await c.db.destroy();
    }

    /* ------------------------------------------------------------ 2. the national roll-up */
    await sql.raw(`
      SET session_replication_role = replica;
      WITH c AS (
        INSERT INTO coops (slug, name, coop_type, product_lines, province_code, regency_code)
        SELECT 'rk-' || i, 'Koperasi Rekap ' || i, 'produksi', ARRAY['suara'], p, p || '.' || lpad((1 + i % 9)::text, 2, '0')
          FROM generate_series(1, 10000) i, LATERAL (SELECT (ARRAY['11','12','13','31','32','33','34','35','51','52','61','73','81','91'])[1 + i % 14] AS p) pp RETURNING id)
      INSERT INTO members (coop_id, member_no, status, full_name, gender, birth_date)
      SELECT c.id, k, 'active', 'Anggota ' || k, CASE WHEN k % 2 = 0 THEN 'F' ELSE 'M' END, date '1980-01-01' + k * 700 FROM c, generate_series(1, 10) k;
      SET session_replication_role = DEFAULT;
      ANALYZE members; ANALYZE coops;`).execute(db);
    const year = Number(new Date().toISOString().slice(0, 4));
    await sql.raw(`
      INSERT INTO region_rollups (level, region_code, year, coops, members, women)
      SELECT lvl, code, ${year}, count(DISTINCT coop_id), count(*), count(*) FILTER (WHERE gender = 'F') FROM (
        SELECT m.coop_id, m.gender, x.lvl, x.code FROM members m JOIN coops c ON c.id = m.coop_id AND c.slug LIKE 'rk-%',
          LATERAL (VALUES ('instance', ''), ('province', c.province_code), ('regency', c.regency_code)) x(lvl, code)) s
      GROUP BY lvl, code;
      ANALYZE region_rollups;`).execute(db);
    const ctx: Ctx = { ...base, db, actor: null };
    const fromRollups = await timed(() => getRollups(ctx, {}));
    const plain = await timed(() =>
      sql`SELECT c.province_code, count(DISTINCT m.coop_id) AS coops, count(*) AS members, count(*) FILTER (WHERE m.gender = 'F') AS women
            FROM members m JOIN coops c ON c.id = m.coop_id WHERE m.status = 'active' GROUP BY c.province_code`.execute(db)
    );
    console.log(`\nNational roll-up over 10,000 coops / 100,000 members (median of ${RUNS})`);
    console.log(`  from region_rollups: ${fromRollups.toFixed(2)} ms; plain aggregate over the members: ${plain.toFixed(2)} ms; ratio ${(fromRollups / plain).toFixed(3)}`);

    /* ------------------------------------------------------------ 3. trade throughput */
    const pairs: { buyer: TenantCtx; seller: string; network: string; work: string }[] = [];
    const bench = await db.insertInto('accounts').values({ email: `bench-${stamp}@lumbung.test`, name: 'Bendahara Bench', password_hash: 'not-a-login' }).returning('id').executeTakeFirstOrThrow();
    const trader = { ...system, accountId: bench.id, via: 'session' as const };
    for (let i = 0; i < CLIENTS; i++) {
      const [b, s] = await Promise.all([0, 1].map((k) => db.insertInto('coops').values({ slug: `tr-${i}-${k}`, name: `Koperasi Dagang ${i}-${k}`, coop_type: 'produksi', product_lines: ['suara'] }).returning('id').executeTakeFirstOrThrow()));
      const n = await db.insertInto('networks').values({ slug: `jaringan-dagang-${i}`, name: `Jaringan Dagang ${i}`, kind: 'konsorsium', region_code: '34', mode: 'shared' }).returning('id').executeTakeFirstOrThrow();
      for (const c of [b!, s!]) await db.insertInto('network_memberships').values({ network_id: n.id, member_coop_id: c.id, origin: 'founding', status: 'active', coop_consent_at: new Date(), network_consent_at: new Date(), joined_at: new Date() }).execute();
      const member = await sql<{ id: string }>`INSERT INTO members (coop_id, member_no, status, full_name, gender) VALUES (${s!.id}, 1, 'active', 'Pencipta', 'F') RETURNING id`.execute(db);
      const work = await sql<{ id: string }>`
        WITH w AS (INSERT INTO works (coop_id, product_line, title, slug, public_price, status, published_at) VALUES (${s!.id}, 'suara', 'Album Dagang', 'album-dagang', 100000, 'published', now()) RETURNING id),
             c AS (INSERT INTO work_creators (coop_id, work_id, member_id, credit_name, share_bp, position) SELECT ${s!.id}, w.id, ${member.rows[0]!.id}, 'Pencipta', 10000, 1 FROM w)
        SELECT id FROM w`.execute(db);
      pairs.push({ buyer: { ...base, db, coopId: b!.id, roles: ['bendahara'], actor: trader }, seller: s!.id, network: n.id, work: work.rows[0]!.id });
    }
    // One warm-up trade per pair (charts of accounts are created on the first posting).
    for (const p of pairs) await payTrade(p.buyer, (await placeTradeOrder(p.buyer, { networkId: p.network, sellerCoopId: p.seller, lines: [{ workId: p.work, quantity: 1 }] })).tradeId);
    let done = 0;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      pairs.map(async (p) => {
        while (Date.now() < until) {
          const t = await placeTradeOrder(p.buyer, { networkId: p.network, sellerCoopId: p.seller, lines: [{ workId: p.work, quantity: 1 }] });
          await payTrade(p.buyer, t.tradeId);
          done++;
        }
      })
    );
    const rate = done / SECONDS;
    const { rows: bal } = await sql<{ bad: number }>`SELECT count(*)::int AS bad FROM (SELECT coop_id FROM journal_lines GROUP BY coop_id HAVING sum(debit) <> sum(credit)) x`.execute(db);
    console.log(`\nInter-coop trade, ${CLIENTS} clients, ${SECONDS} s: ${done} trades ordered and paid (${rate.toFixed(1)}/s, 4 journal entries each); books out of balance: ${bal[0]!.bad}`);
    await db.destroy();
    const pgbenchUrl = withDatabaseName(serverUrl, names[1]!);
    const bin = process.env.PGBENCH ?? 'pgbench';
    const init = spawnSync(bin, ['-i', '-q', '-s', String(CLIENTS), pgbenchUrl], { encoding: 'utf8' });
    if (init.status !== 0) {
      console.log(`  pgbench not available (${init.error?.message ?? init.stderr}); no ratio`);
      return;
    }
    const out = spawnSync(bin, ['-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-M', 'prepared', pgbenchUrl], { encoding: 'utf8' });
    const tps = Number(/tps = ([0-9.]+)/.exec(out.stdout)?.[1] ?? NaN);
    console.log(`  pgbench tpcb-like (-M prepared, ${CLIENTS} clients): ${tps.toFixed(0)} tps; ratio trades/pgbench: ${(rate / tps).toFixed(3)}`);
  } finally {
    for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
