import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createDb, withDatabaseName } from '../src/db/connection.js';
import { freePort, startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { withTenant } from '../src/db/tenant.js';
import { systemClock } from '../src/kernel/clock.js';
import type { TenantCtx } from '../src/kernel/context.js';
import { getReport } from '../src/ledger/get-report.js';
import { ensureLedger } from '../src/ledger/store.js';
import { runLoad, type LoadResult } from './ledger-load.js';

/**
 * The ledger benchmark:
 * 1. journal entries (4 lines each, idempotency keys) posted through the HTTP API by 16
 *    concurrent clients for a fixed time, against PostgreSQL's own pgbench tpcb-like
 *    workload (-M prepared, 16 clients) on the same server: both rates and their ratio
 *    (target ≥ 0.3);
 * 2. the balance sheet over 1,000,000 journal lines against a plain SQL
 *    SUM … GROUP BY account over the same lines (target ratio ≤ 2).
 * Uses DATABASE_URL's server if set, else an embedded PostgreSQL in a temporary folder.
 * pgbench comes from Debian's PostgreSQL server package (`apt-get install postgresql-15`
 * on bookworm); PGBENCH names another binary.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = 16;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
/** API worker processes (LUMBUNG_WORKERS of the server); default: one per core. */
const WORKERS = process.env.LUMBUNG_WORKERS ?? '1';
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const TOKEN = `lt_bench_${randomBytes(12).toString('hex')}`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function startApi(databaseUrl: string): Promise<{ proc: ChildProcess; port: number; coopId: string }> {
  const port = await freePort();
  // BENCH_PROFILE=<dir>: write the API server's CPU profile there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', 'test/support/ledger-server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SEED_TOKEN: TOKEN, POOL_MAX: '20', LUMBUNG_WORKERS: WORKERS },
    stdio: ['ignore', 'pipe', 'inherit']
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\d+) (\S+) (\S+)/.exec(out);
      if (m) resolve({ proc, port: Number(m[1]), coopId: m[3]! });
    });
    proc.once('exit', (code) => reject(new Error(`API server exited (${code}): ${out}`)));
  });
}

async function httpLoad(port: number, coopId: string, seconds: number, label: string, auth: 'session' | 'token' = 'session'): Promise<LoadResult> {
  const path = `/api/v1/coops/${coopId}/ledger/entries`;
  const headers: Record<string, string> =
    auth === 'token'
      ? { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
      : { cookie: `lumbung_session=${TOKEN}`, 'x-csrf-token': 'bench-csrf', 'content-type': 'application/json' };
  return runLoad({
    port,
    clients: CLIENTS,
    seconds,
    expect: 201,
    request: (c, i) => {
      const amount = 10_000 + ((c * 7919 + i) % 90_000);
      return {
        method: 'POST',
        path,
        headers,
        body: JSON.stringify({
          idempotencyKey: `${label}-${c}-${i}`,
          date: '2025-08-01',
          description: 'Penjualan karya',
          lines: [
            { account: 'CASH', debit: amount },
            { account: 'COST_OF_SALES', debit: 1000 },
            { account: 'SALES_NON_MEMBER', credit: amount },
            { account: 'INVENTORY', credit: 1000 }
          ]
        })
      };
    }
  });
}

/** CPU seconds used by this process's finished children (cutime + cstime). */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

/** CPU seconds per process whose command line names `dbName` (PostgreSQL backends of that database). */
function backendCpu(dbName: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres:') || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dbName)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(pid), (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // the process ended
    }
  }
  return out;
}

/** Run pgbench: its output, the CPU seconds its client used and those of its PostgreSQL backends (sampled while it runs). */
async function pgbench(args: string[], dbName?: string): Promise<{ out: string; cpu: number; dbCpu: number }> {
  const bin = process.env.PGBENCH ?? 'pgbench';
  const before = childCpuSeconds();
  const seen = new Map<number, number>();
  const sample = () => {
    if (dbName) for (const [pid, cpu] of backendCpu(dbName)) seen.set(pid, Math.max(cpu, seen.get(pid) ?? 0));
  };
  const timer = setInterval(sample, 250);
  try {
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(bin, args, { env: { ...process.env, PGOPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (b: Buffer) => (text += b.toString()));
      child.stderr.on('data', (b: Buffer) => (text += b.toString()));
      child.once('error', () => reject(new Error(`${bin} not found: install Debian's PostgreSQL server package (apt-get install postgresql-15) or set PGBENCH`)));
      child.once('close', (c) => resolve({ code: c, out: text }));
    });
    if (code !== 0) throw new Error(`pgbench failed: ${out}`);
    return { out, cpu: childCpuSeconds() - before, dbCpu: [...seen.values()].reduce((a, b) => a + b, 0) };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds (user + system) used so far by the API server's processes and by the benchmark database's PostgreSQL backends. */
function cpuSeconds(apiPid: number, dbName: string): { api: number; apiSys: number; db: number } {
  const tick = 100;
  let api = 0;
  let apiSys = 0;
  let db = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = (Number(f[11]) + Number(f[12])) / tick;
      const ppid = Number(f[1]);
      if (Number(pid) === apiPid || ppid === apiPid) {
        api += cpu;
        apiSys += Number(f[12]) / tick;
      }
      else if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dbName)) db += cpu;
    } catch {
      // the process ended
    }
  }
  return { api, apiSys, db };
}

/** Wait until the sealer has given every posted entry its place in the chain. */
async function sealed(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (;;) {
      const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM journal_entries WHERE seq IS NULL');
      if (Number(rows[0]!.n) === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await c.end();
  }
}

async function vacuumAnalyze(url: string, tables: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const t of tables) await c.query(`VACUUM ANALYZE ${t}`);
  } finally {
    await c.end();
  }
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return withDatabaseName(serverUrl, name);
}

async function dropDatabases(serverUrl: string, names: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  for (const n of names) await c.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`).catch(() => undefined);
  await c.end();
}

/** 1,000,000 journal lines (250,000 four-line entries over two years) in one cooperative, loaded in bulk. */
async function loadLines(url: string): Promise<{ coopId: string }> {
  const { db } = createDb(url, { max: 4 });
  try {
    const coop = await db.insertInto('coops').values({ slug: 'bench-lines', name: 'Koperasi Satu Juta Baris', coop_type: 'produksi' }).returning('id').executeTakeFirstOrThrow();
    await withTenant(db, coop.id, (trx) => ensureLedger(trx, coop.id));
    const entries = Math.ceil(LINES / 4);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // A bulk fixture: the balance triggers would check each generated entry; they are balanced by construction.
    await client.query('SET session_replication_role = replica');
    const batch = 50_000;
    for (let start = 0; start < entries; start += batch) {
      const end = Math.min(entries, start + batch);
      await client.query(
        `WITH acc AS (SELECT array_agg(id ORDER BY code) AS ids FROM ledger_accounts WHERE coop_id = $1),
         e AS (
           INSERT INTO journal_entries (coop_id, idempotency_key, entry_date, description, source, line_count, total, lines_digest)
           SELECT $1, 'bulk-' || g, DATE '2024-01-01' + (g % 730), 'Transaksi ' || g, 'bench', 4, 2 * (1000 + g % 5000), 'bulk'
             FROM generate_series($2::int, $3::int) g
           RETURNING id, entry_date, total)
         INSERT INTO journal_lines (coop_id, entry_id, line_no, entry_date, account_id, debit, credit)
         SELECT $1, e.id, n, e.entry_date, acc.ids[1 + ((abs(hashtext(e.id::text)) + n * 7) % array_length(acc.ids, 1))],
                CASE WHEN n <= 2 THEN e.total / 2 ELSE 0 END, CASE WHEN n > 2 THEN e.total / 2 ELSE 0 END
           FROM e, acc, generate_series(1, 4) n`,
        [coop.id, start, end - 1]
      );
    }
    await client.query('ANALYZE journal_lines');
    await client.end();
    return { coopId: coop.id };
  } finally {
    await db.destroy();
  }
}

async function balanceSheetTiming(url: string, coopId: string): Promise<{ report: number; plain: number; lines: number }> {
  const { db } = createDb(url, { max: 4 });
  try {
    const admin = await db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    const ctx: TenantCtx = {
      db,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      locale: 'id',
      actor: { accountId: admin.id, name: 'bench', isPlatformAdmin: true, via: 'system' },
      coopId,
      roles: []
    };
    const count = await withTenant(db, coopId, (trx) => trx.selectFrom('journal_lines').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).executeTakeFirstOrThrow());
    const plainQuery = () => withTenant(db, coopId, (trx) => sql`SELECT account_id, sum(debit) - sum(credit) AS balance FROM journal_lines WHERE coop_id = ${coopId} GROUP BY account_id`.execute(trx));
    const reportQuery = () => getReport(ctx, 'posisi-keuangan', { from: '2025-01-01', to: '2025-12-31' });
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    await plainQuery();
    await reportQuery();
    const plain: number[] = [];
    const report: number[] = [];
    for (let i = 0; i < 5; i++) {
      plain.push(await time(plainQuery));
      report.push(await time(reportQuery));
    }
    const r = await reportQuery();
    if (!r.balanced) throw new Error('the benchmark balance sheet does not balance');
    return { report: median(report), plain: median(plain), lines: Number(count.n) };
  } finally {
    await db.destroy();
  }
}

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
  const stamp = `${Date.now().toString(36)}_${process.pid}`;
  const appDbName = `lumbung_bench_${stamp}`;
  const pgbenchDbName = `lumbung_pgbench_${stamp}`;
  const appUrl = await createDatabase(serverUrl, appDbName);
  const pgbenchUrl = await createDatabase(serverUrl, pgbenchDbName);
  let api: ChildProcess | undefined;
  try {
    await migrate(appUrl);
    const started = await startApi(appUrl);
    api = started.proc;
    console.log(`ledger benchmark: ${CLIENTS} clients, ${SECONDS} s per run, ${ROUNDS} round(s), API workers ${WORKERS}, server ${new URL(serverUrl).host}`);
    await pgbench(['-i', '-q', '-s', String(CLIENTS), pgbenchUrl]);
    await httpLoad(started.port, started.coopId, 3, 'warm');
    await sealed(appUrl);
    // As `pgbench -i` vacuums its tables before a run: fresh statistics, so the plans the
    // connections cached while the journal was nearly empty (a sequential scan is then the
    // cheapest) are replanned for a journal of thousands of entries.
    await vacuumAnalyze(appUrl, ['journal_entries', 'journal_lines', 'audit_log', 'sessions', 'api_tokens', 'coop_users', 'ledger_accounts', 'ledger_chain_heads']);
    const ratios: number[] = [];
    // HTTP and pgbench alternate, so a round's two rates share (nearly) the same machine load.
    for (let round = 1; round <= ROUNDS; round++) {
      const t0 = Date.now();
      const cpu0 = cpuSeconds(started.proc.pid!, appDbName);
      const client0 = process.cpuUsage();
      const http = await httpLoad(started.port, started.coopId, SECONDS, `run${round}`);
      // The chain's sealing is part of the work: the rate counts until every posted entry is sealed.
      await sealed(appUrl);
      const rate = http.ok / ((Date.now() - t0) / 1000);
      const cpu1 = cpuSeconds(started.proc.pid!, appDbName);
      const client1 = process.cpuUsage(client0);
      const per = (s: number) => ((s * 1000) / Math.max(1, http.ok)).toFixed(2);
      console.log(`  HTTP API postings (4 lines, idempotency key, session cookie): ${rate.toFixed(0)} entries/s, sealed (${http.ok} posted, ${http.failed} failed)`);
      console.log(`    CPU ms per posting: API ${per(cpu1.api - cpu0.api)} (of which in the kernel ${per(cpu1.apiSys - cpu0.apiSys)}), PostgreSQL ${per(cpu1.db - cpu0.db)}, load client ${per((client1.user + client1.system) / 1e6)}`);
      const { out, cpu: pgbenchCpu, dbCpu } = await pgbench(['-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-M', 'prepared', pgbenchUrl], pgbenchDbName);
      const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
      const txs = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? tps * SECONDS);
      console.log(`  pgbench tpcb-like (-M prepared, ${CLIENTS} clients): ${tps.toFixed(0)} tps`);
      console.log(`    CPU ms per transaction: PostgreSQL ${((dbCpu * 1000) / Math.max(1, txs)).toFixed(2)} (sampled), pgbench client ${((pgbenchCpu * 1000) / Math.max(1, txs)).toFixed(2)}`);
      const ratio = rate / tps;
      ratios.push(ratio);
      console.log(`  ratio API/pgbench: ${ratio.toFixed(2)} (target ≥ 0.3: ${ratio >= 0.3 ? 'met' : 'NOT met'})`);
    }
    if (ROUNDS > 1) console.log(`  ratio over ${ROUNDS} rounds: median ${median(ratios).toFixed(2)}, min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}`);
    const viaToken = await httpLoad(started.port, started.coopId, Math.min(SECONDS, 5), 'token', 'token');
    console.log(`  (same with an API token: ${viaToken.rate.toFixed(0)} entries/s)`);
    api.kill('SIGTERM');
    api = undefined;
    if (process.env.BENCH_SKIP_LINES) return;

    const { coopId } = await loadLines(appUrl);
    const t = await balanceSheetTiming(appUrl, coopId);
    const r2 = t.report / t.plain;
    console.log(`  balance sheet over ${t.lines.toLocaleString('en')} journal lines: ${t.report.toFixed(0)} ms (median of 5)`);
    console.log(`  plain SUM … GROUP BY account over the same lines: ${t.plain.toFixed(0)} ms (median of 5)`);
    console.log(`  ratio balance sheet/plain SQL: ${r2.toFixed(2)} (target ≤ 2: ${r2 <= 2 ? 'met' : 'NOT met'})`);
  } finally {
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (process.env.BENCH_KEEP) console.log(`kept databases ${appDbName} ${pgbenchDbName}`);
    else await dropDatabases(serverUrl, [appDbName, pgbenchDbName]);
    await stopServer();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
