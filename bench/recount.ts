import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withDatabaseName } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';

/**
 * The whole-cooperative recount of member volume totals (recount_member_volume(coop, NULL),
 * migrations 0094/0101/0140) on tables that were bulk-loaded and NEVER analysed (autovacuum off
 * for them, as on a server without autovacuum or right after a restore): issue #13 saw the old
 * plan — a nested loop running a range scan of the whole cooperative's volume per member — run
 * over 3.5 minutes at 20,000 members and 1,000,000 rows. Prints the recount's time, the plan's
 * join, and a plain SUM … GROUP BY member, category over the same rows in the same run (the
 * ratio is what counts on a shared machine), at BENCH_SIZES (default "20000:1000000,100000:5000000").
 * DATABASE_URL's server if set, else embedded.
 */
const SIZES = (process.env.BENCH_SIZES ?? '20000:1000000,100000:5000000').split(',').map((s) => s.split(':').map(Number) as [number, number]);

async function one(serverUrl: string, members: number, volumes: number): Promise<void> {
  const name = `lumbung_bench_recount_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabaseName(serverUrl, name);
  const c = new pg.Client({ connectionString: url });
  try {
    await migrate(url);
    await c.connect();
    for (const t of ['members', 'member_business_volume', 'member_volume_totals', 'membership_periods']) await c.query(`ALTER TABLE ${t} SET (autovacuum_enabled = false)`);
    const { rows: coop } = await c.query<{ id: string }>(`INSERT INTO coops (slug, name, coop_type) VALUES ('bench-recount', 'Koperasi Hitung Ulang', 'produksi') RETURNING id`);
    const coopId = coop[0]!.id;
    // Bulk fixtures as bench/shu.ts loads them (triggers off; valid by construction); 1 % resigned in 2025.
    await c.query('SET session_replication_role = replica');
    await c.query(
      `INSERT INTO members (coop_id, member_no, status, full_name, gender, joined_on, left_on)
       SELECT $1, g, CASE WHEN g % 100 = 0 THEN 'resigned' ELSE 'active' END, 'Anggota ' || g, CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END,
              DATE '2024-01-01' + (g % 600), CASE WHEN g % 100 = 0 THEN DATE '2025-06-01' + (g % 180) ELSE NULL END
         FROM generate_series(1, $2::int) g`,
      [coopId, members]
    );
    for (let start = 0; start < volumes; start += 500_000) {
      await c.query(
        `WITH ids AS (SELECT array_agg(id ORDER BY member_no) AS a FROM members WHERE coop_id = $1)
         INSERT INTO member_business_volume (coop_id, member_id, category, amount, occurred_on, source, source_ref)
         SELECT $1, ids.a[1 + (g::bigint * 7919) % $4::int], CASE WHEN g % 3 = 0 THEN 'MEMBER_PURCHASES' ELSE 'WORK_SALES' END,
                CASE WHEN g % 20 = 0 THEN -(1000 + g % 50000) ELSE 1000 + (g::bigint * 31) % 500000 END, DATE '2025-01-01' + (g % 365), 'bench', g::text
           FROM ids, generate_series($2::int, $3::int) g`,
        [coopId, start, Math.min(volumes, start + 500_000) - 1, members]
      );
    }
    await c.query('SET session_replication_role = origin');
    const { rows: st } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stats WHERE tablename IN ('members', 'member_business_volume')`);
    // The plain aggregate first (it also sets the fresh rows' hint bits, so the recount does not pay for that alone).
    let t0 = performance.now();
    await c.query(`SELECT member_id, category, sum(amount) FROM member_business_volume WHERE coop_id = $1 GROUP BY 1, 2`, [coopId]);
    t0 = performance.now();
    const { rowCount: groups } = await c.query(`SELECT member_id, category, sum(amount) FROM member_business_volume WHERE coop_id = $1 GROUP BY 1, 2`, [coopId]);
    const plain = performance.now() - t0;
    await c.query('SET statement_timeout = 600000');
    t0 = performance.now();
    await c.query('SELECT recount_member_volume($1, NULL)', [coopId]);
    const recount = performance.now() - t0;
    const { rows: totals } = await c.query<{ n: string; s: string }>(`SELECT count(*) AS n, sum(amount) AS s FROM member_volume_totals WHERE coop_id = $1`, [coopId]);
    // The check's own join, on the same unanalysed tables, would meet the same slow plan: hash joins here too.
    await c.query('SET enable_nestloop = off');
    const { rows: direct } = await c.query<{ s: string }>(
      `SELECT sum(v.amount) AS s FROM member_business_volume v JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
        WHERE v.coop_id = $1 AND v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on)`,
      [coopId]
    );
    if (totals[0]!.s !== direct[0]!.s) throw new Error(`totals ${totals[0]!.s} differ from the rows' sum ${direct[0]!.s}`);
    console.log(`  ${members.toLocaleString('en')} members, ${volumes.toLocaleString('en')} volume rows, never analysed (${st[0]!.n} column statistics):`);
    console.log(`    recount_member_volume(coop, NULL): ${recount.toFixed(0)} ms → ${Number(totals[0]!.n).toLocaleString('en')} totals, equal to the rows' sum`);
    console.log(`    plain SUM … GROUP BY member, category (${(groups ?? 0).toLocaleString('en')} groups): ${plain.toFixed(0)} ms`);
    console.log(`    ratio recount/plain (same run): ${(recount / plain).toFixed(2)}`);
  } finally {
    await c.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
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
  try {
    console.log(`member volume recount benchmark: server ${new URL(serverUrl).host}`);
    for (const [m, v] of SIZES) await one(serverUrl, m, v);
  } finally {
    await stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
