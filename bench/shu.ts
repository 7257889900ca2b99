import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { templateRules } from '../src/charters/templates.js';
import { createDb, withDatabaseName } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { withTenant } from '../src/db/tenant.js';
import { systemClock } from '../src/kernel/clock.js';
import type { TenantCtx } from '../src/kernel/context.js';
import { closePeriod } from '../src/ledger/close-period.js';
import { postEntry } from '../src/ledger/post-entry.js';
import { ensureLedger } from '../src/ledger/store.js';
import { recordBusinessVolume } from '../src/surplus/business-volume.js';
import { computeRunIn } from '../src/surplus/compute-shu-run.js';

/**
 * The SHU benchmark (issue #6): 100,000 members, 5,000,000 member business volume rows and
 * ~700,000 capital movements (pokok + six wajib payments each) in one cooperative, loaded in
 * bulk with generate_series. Times the full distribution of fiscal year 2025 — loading the
 * inputs, computeShuDistribution and storing every member's result (computeRunIn, rolled
 * back after timing) — against a plain SQL aggregate of the same volumes
 * (SUM … GROUP BY member). Target ratio ≤ 2. The distribution reads the volume from the
 * totals kept as business is written (migration 0094), so the benchmark also prints what
 * keeping them costs the writes. DATABASE_URL's server if set, else embedded.
 * BENCH_MEMBERS / BENCH_VOLUMES scale it down for a quick look.
 */

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const VOLUMES = Number(process.env.BENCH_VOLUMES ?? 5_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function load(url: string): Promise<{ coopId: string; ctx: (db: TenantCtx['db']) => TenantCtx }> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  const t0 = performance.now();
  const { rows: acc } = await c.query<{ id: string }>(`INSERT INTO accounts (name, email, password_hash, is_platform_admin) VALUES ('Bench', 'bench@lumbung.test', 'x', true) RETURNING id`);
  const { rows: coop } = await c.query<{ id: string }>(`INSERT INTO coops (slug, name, coop_type) VALUES ('bench-shu', 'Koperasi Seratus Ribu Anggota', 'produksi') RETURNING id`);
  const coopId = coop[0]!.id;
  const adminId = acc[0]!.id;
  await c.query(`INSERT INTO charters (coop_id, version, template, rules, note) VALUES ($1, 1, 'tujuh_prinsip', $2, 'bench')`, [coopId, JSON.stringify(templateRules('tujuh_prinsip'))]);
  // Bulk fixtures: the row triggers (append-only, ledger checks, foreign keys) are skipped; every row is valid by construction.
  await c.query('SET session_replication_role = replica');
  // Members: joined over 2024–2025 (about a third during 2025), 1 % left during 2025.
  await c.query(
    `INSERT INTO members (coop_id, member_no, status, full_name, gender, joined_on, left_on)
     SELECT $1, g, CASE WHEN g % 100 = 0 THEN 'resigned' ELSE 'active' END, 'Anggota ' || g, CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END,
            DATE '2024-01-01' + (g % 600), CASE WHEN g % 100 = 0 THEN DATE '2025-06-01' + (g % 180) ELSE NULL END
       FROM generate_series(1, $2::int) g`,
    [coopId, MEMBERS]
  );
  const dummyEntry = '00000000-0000-0000-0000-000000000001';
  // Capital: pokok 100.000 on joining, then six wajib payments of 10.000 every 60 days; balances after each.
  await c.query(
    `INSERT INTO capital_movements (coop_id, member_id, kind, pokok_delta, wajib_delta, amount, method, occurred_on, receipt_year, receipt_seq, receipt_no,
                                    wajib_from, wajib_to, idempotency_key, ledger_entry_id, balance_pokok, balance_wajib, balance_sukarela)
     SELECT $1, m.id, CASE WHEN k = 0 THEN 'pokok' ELSE 'wajib' END, CASE WHEN k = 0 THEN 100000 ELSE 0 END, CASE WHEN k = 0 THEN 0 ELSE 10000 END,
            CASE WHEN k = 0 THEN 100000 ELSE 10000 END, 'cash', m.joined_on + k * 60, 2000 + k, m.member_no, 'KW/' || k || '/' || m.member_no,
            CASE WHEN k = 0 THEN NULL ELSE '2025-01' END, CASE WHEN k = 0 THEN NULL ELSE '2025-01' END, 'bench-' || m.member_no || '-' || k, $2::uuid, 100000, 10000 * k, 0
       FROM members m, generate_series(0, 6) k WHERE m.coop_id = $1`,
    [coopId, dummyEntry]
  );
  // Business volume: VOLUMES rows over 2025, spread over the members; one in twenty a refund.
  const batch = 500_000;
  for (let start = 0; start < VOLUMES; start += batch) {
    const end = Math.min(VOLUMES, start + batch) - 1;
    await c.query(
      `WITH ids AS (SELECT array_agg(id ORDER BY member_no) AS a FROM members WHERE coop_id = $1)
       INSERT INTO member_business_volume (coop_id, member_id, category, amount, occurred_on, source, source_ref)
       SELECT $1, ids.a[1 + (g::bigint * 7919) % $4::int], CASE WHEN g % 3 = 0 THEN 'MEMBER_PURCHASES' ELSE 'WORK_SALES' END,
              CASE WHEN g % 20 = 0 THEN -(1000 + g % 50000) ELSE 1000 + (g::bigint * 31) % 500000 END, DATE '2025-01-01' + (g % 365), 'bench', g::text
         FROM ids, generate_series($2::int, $3::int) g`,
      [coopId, start, end, MEMBERS]
    );
  }
  await c.query('SET session_replication_role = origin');
  const loaded = performance.now();
  // The rows went in with triggers off: build the kept totals as migration 0094 does for business already written.
  await c.query('SELECT recount_member_volume($1, NULL)', [coopId]);
  const recounted = performance.now();
  await c.query('ANALYZE members; ANALYZE capital_movements; ANALYZE member_business_volume; ANALYZE member_volume_totals');
  await c.end();
  console.log(`  loaded ${MEMBERS.toLocaleString('en')} members, ${VOLUMES.toLocaleString('en')} volume rows, ${(MEMBERS * 7).toLocaleString('en')} capital movements in ${((loaded - t0) / 1000).toFixed(0)} s`);
  console.log(`  member volume totals counted from all ${VOLUMES.toLocaleString('en')} rows (once, as migration 0094 does): ${(recounted - loaded).toFixed(0)} ms`);
  const ctx = (db: TenantCtx['db']): TenantCtx => ({
    db,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    locale: 'id',
    actor: { accountId: adminId, name: 'bench', isPlatformAdmin: true, via: 'session' },
    coopId,
    roles: []
  });
  return { coopId, ctx };
}

class Rollback extends Error {}

export async function main(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  let dir: string | undefined;
  if (!serverUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'lumbung-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
    serverUrl = server.url;
    stopServer = server.stop;
  }
  const name = `lumbung_bench_shu_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabaseName(serverUrl, name);
  const { db } = createDb(url, { max: 4 });
  try {
    console.log(`SHU benchmark: server ${new URL(serverUrl).host}`);
    await migrate(url);
    const { coopId, ctx: ctxOf } = await load(url);
    const ctx = ctxOf(db);
    // A year of business in the books, then the year closed (the SHU needs it).
    await withTenant(db, coopId, async (trx) => {
      await ensureLedger(trx, coopId);
      await postEntry(trx, ctx, { idempotencyKey: 'bench-sales', date: '2025-06-30', description: 'Penjualan 2025', source: 'bench', lines: [{ account: 'CASH', debit: 2_500_000_000 }, { account: 'SALES_MEMBER', credit: 2_500_000_000 }] });
      await postEntry(trx, ctx, { idempotencyKey: 'bench-costs', date: '2025-11-30', description: 'Beban 2025', source: 'bench', lines: [{ account: 'GENERAL_EXPENSES', debit: 499_999_999 }, { account: 'CASH', credit: 499_999_999 }] });
    });
    await closePeriod(ctx, { throughDate: '2025-12-31' });

    const plain = async () => {
      const t0 = performance.now();
      const r = await withTenant(db, coopId, (trx) =>
        sql<{ member_id: string; total: string }>`SELECT member_id, sum(amount) AS total FROM member_business_volume
          WHERE coop_id = ${coopId} AND occurred_on BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY member_id`.execute(trx)
      );
      return { ms: performance.now() - t0, rows: r.rows.length };
    };
    const full = async () => {
      let ms = 0;
      let members = 0;
      try {
        await withTenant(db, coopId, async (trx) => {
          const t0 = performance.now();
          const runId = await computeRunIn(trx, ctx, 2025);
          ms = performance.now() - t0;
          const n = await trx.selectFrom('shu_run_members').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).where('run_id', '=', runId).executeTakeFirstOrThrow();
          members = Number(n.n);
          const sums = await sql<{ jm: string; ju: string }>`SELECT sum(jasa_modal) AS jm, sum(jasa_usaha) AS ju FROM shu_run_members WHERE coop_id = ${coopId} AND run_id = ${runId}`.execute(trx);
          const run = await trx.selectFrom('shu_runs').select('result').where('coop_id', '=', coopId).where('id', '=', runId).executeTakeFirstOrThrow();
          const comps = (run.result as { components: { key: string; amount: number }[] }).components;
          const pool = (k: string) => comps.find((c) => c.key === k)!.amount;
          if (Number(sums.rows[0]!.jm) !== pool('JASA_MODAL') || Number(sums.rows[0]!.ju) !== pool('JASA_USAHA')) throw new Error('member shares do not add up to the jasa pools');
          throw new Rollback();
        });
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
      }
      return { ms, members };
    };
    // Both warmed once (the first reads after the bulk load also set the rows' hint bits).
    await plain();
    await full();
    const plains: number[] = [];
    const fulls: number[] = [];
    let members = 0;
    let groups = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const p = await plain();
      plains.push(p.ms);
      groups = p.rows;
      const f = await full();
      fulls.push(f.ms);
      members = f.members;
    }
    const p = median(plains);
    const f = median(fulls);
    console.log(`  full SHU distribution (load inputs + computeShuDistribution + store ${members.toLocaleString('en')} member results): ${f.toFixed(0)} ms (median of ${ROUNDS})`);
    console.log(`  plain SUM … GROUP BY member over the same volumes (${groups.toLocaleString('en')} members): ${p.toFixed(0)} ms (median of ${ROUNDS})`);
    const ratio = f / p;
    console.log(`  ratio distribution/plain SQL: ${ratio.toFixed(2)} (target ≤ 2: ${ratio <= 2 ? 'met' : 'NOT met'})`);

    // The totals are kept as business is written: what that costs the writes. Transactions of
    // three business rows (a payment to two producers and a member buyer), four at once, with
    // the totals' trigger on and off in turn; dated 2026, so the year above is not touched.
    const ids = (await withTenant(db, coopId, (trx) => trx.selectFrom('members').select('id').where('coop_id', '=', coopId).orderBy('member_no').execute())).map((m) => m.id);
    const WRITES = Number(process.env.BENCH_WRITES ?? 1000);
    let written = 0;
    const writes = async (): Promise<number> => {
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < WRITES) {
            const i = written + next++;
            await withTenant(db, coopId, (trx) =>
              recordBusinessVolume(trx, coopId, 'bench-write', String(i), [
                { memberId: ids[(i * 3) % ids.length]!, category: 'WORK_SALES', amount: 10_000, occurredOn: '2026-01-05' },
                { memberId: ids[(i * 3 + 1) % ids.length]!, category: 'WORK_SALES', amount: 20_000, occurredOn: '2026-01-05' },
                { memberId: ids[(i * 3 + 2) % ids.length]!, category: 'MEMBER_PURCHASES', amount: 30_000, occurredOn: '2026-01-05' }
              ])
            );
          }
        })
      );
      written += WRITES;
      return WRITES / ((performance.now() - t0) / 1000);
    };
    const trigger = async (on: boolean) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`ALTER TABLE member_business_volume ${on ? 'ENABLE' : 'DISABLE'} TRIGGER member_volume_totals_add`);
      await c.end();
    };
    await writes();
    const withTotals: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      withTotals.push(await writes());
      await trigger(false);
      without.push(await writes());
      await trigger(true);
    }
    const wOn = median(withTotals);
    const wOff = median(without);
    console.log(`  business writes keeping the totals: ${wOn.toFixed(0)} tx/s; without: ${wOff.toFixed(0)} tx/s (median of ${ROUNDS}, ${WRITES.toLocaleString('en')} transactions of 3 rows each, 4 at once)`);
    console.log(`  ratio writes with/without totals: ${(wOn / wOff).toFixed(2)}`);
  } catch (err) {
    console.error(err);
    throw err;
  } finally {
    await db.destroy();
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
    else await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await c.end();
    await stopServer();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
