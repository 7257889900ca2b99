/**
 * `npm run bench -- citus` (decision 0110): the same load on a single PostgreSQL server and on a
 * Citus cluster of this machine, in one run.
 * - Ledger postings through the HTTP API (4-line entries, session cookie + CSRF, audit line,
 *   sealer running), 16 keep-alive clients spread over BENCH_COOPS cooperatives (default 32).
 * - The storefront's first page (browseStorefront, anonymous) of one cooperative with 1,000 works.
 * Prints both throughputs and their ratio, and both latencies. On a machine with few cores the
 * cluster is not faster: its nodes share the same cores, and every query takes one more hop.
 * Env: BENCH_SECONDS (default 15), BENCH_COOPS (32), BENCH_SINGLE_URL (a server to create the
 * single-server database on; default the machine's PostgreSQL at 127.0.0.1:5432), LUMBUNG_CITUS_URL
 * (a running coordinator; else the local cluster is started with ../shared/tools/citus-cluster).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { browseStorefront } from '../src/catalogue/browse-storefront.js';
import { createDb, withDatabaseName, type Database } from '../src/db/connection.js';
import { freePort } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { withTenant } from '../src/db/tenant.js';
import { systemClock } from '../src/kernel/clock.js';
import { startSealer } from '../src/ledger/sealer.js';
import { buildApp } from '../src/server/app.js';
import { clusterNodes, createClusterDatabase, dropClusterDatabases } from '../test/support/citus.js';
import { runLoad } from './ledger-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const COOPS = Number(process.env.BENCH_COOPS ?? 32);
const CLIENTS = 16;
const WORKS = 1_000;
const RUNS = 50;
const TOKEN = `lt_bench_${randomBytes(12).toString('hex')}`;

type Result = { label: string; postings: number; failed: number; firstPageMs: number; p95Ms: number };

function citusUrl(): string {
  if (process.env.LUMBUNG_CITUS_URL) return process.env.LUMBUNG_CITUS_URL;
  const tool = ['../shared/tools/citus-cluster', '../../shared/tools/citus-cluster'].find((p) => existsSync(p));
  if (!tool) throw new Error('no Citus cluster: set LUMBUNG_CITUS_URL or put the shared tools beside the repository');
  const out = execFileSync(tool, ['start'], { encoding: 'utf8' });
  const m = /DATABASE_URL=(\S+)/.exec(out);
  if (!m) throw new Error(`citus-cluster printed no DATABASE_URL: ${out}`);
  return m[1]!;
}

/** BENCH_COOPS cooperatives, one bendahara account signed in (the bench session) with a role in each. */
async function seed(db: Database): Promise<string[]> {
  const hash = createHash('sha256').update(TOKEN).digest('hex');
  const account = await db.insertInto('accounts').values({ email: 'bendahara@bench.test', name: 'Bendahara Bench', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('sessions').values({ token_hash: hash, account_id: account.id, csrf_token: 'bench-csrf', expires_at: new Date(Date.now() + 86_400_000) }).execute();
  const coops = await db
    .insertInto('coops')
    .values(Array.from({ length: COOPS }, (_, i) => ({ slug: `bench-${i}`, name: `Koperasi Bench ${i}`, coop_type: 'produksi' as const })))
    .returning('id')
    .execute();
  for (const c of coops) await withTenant(db, c.id, (trx) => trx.insertInto('coop_users').values({ coop_id: c.id, account_id: account.id, roles: ['bendahara'] }).execute());
  return coops.map((c) => c.id);
}

/** 1,000 published works of one producer in the first cooperative, written as plain VALUES. */
async function seedWorks(db: Database, coopId: string): Promise<void> {
  await withTenant(db, coopId, async (trx) => {
    const m = await trx.insertInto('members').values({ coop_id: coopId, member_no: 1, status: 'active', full_name: 'Produsen Satu', gender: 'F' }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < WORKS; i += 200) {
      const works = await trx
        .insertInto('works')
        .values(
          Array.from({ length: 200 }, (_, k) => ({
            coop_id: coopId,
            product_line: 'aksara' as const,
            title: `Karya ${i + k}`,
            slug: `karya-${i + k}`,
            description: 'Karya untuk pengukuran.',
            attributes: JSON.stringify({ format: 'zine', pages: 24, language: 'id' }),
            public_price: 25_000,
            status: 'published' as const,
            published_at: new Date(Date.now() - (i + k) * 60_000)
          })) as never
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('work_creators')
        .values(works.map((w) => ({ coop_id: coopId, work_id: w.id, member_id: m.id, credit_name: 'Produsen Satu', share_bp: 10_000, position: 0 })) as never)
        .execute();
    }
  });
}

async function measure(label: string, url: string): Promise<Result> {
  await migrate(url);
  const { db } = createDb(url, { max: 20 });
  const log = pino({ level: 'silent' });
  try {
    const coops = await seed(db);
    await seedWorks(db, coops[0]!);
    await startSealer(db, log);
    const app = await buildApp({ db, log, rateLimitMax: 1_000_000_000 });
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const headers = { cookie: `lumbung_session=${TOKEN}`, 'x-csrf-token': 'bench-csrf', 'content-type': 'application/json' };
    const request = (tag: string) => (c: number, i: number) => {
      const amount = 10_000 + ((c * 7919 + i) % 90_000);
      return {
        method: 'POST',
        path: `/api/v1/coops/${coops[(c + i * CLIENTS) % coops.length]}/ledger/entries`,
        headers,
        body: JSON.stringify({
          idempotencyKey: `${tag}-${c}-${i}`,
          date: '2026-08-01',
          description: 'Penjualan karya',
          lines: [
            { account: 'CASH', debit: amount },
            { account: 'COST_OF_SALES', debit: 1000 },
            { account: 'SALES_NON_MEMBER', credit: amount },
            { account: 'INVENTORY', credit: 1000 }
          ]
        })
      };
    };
    // Warm-up: every cooperative's chart of accounts is copied on its first posting.
    await runLoad({ port, clients: CLIENTS, seconds: 3, expect: 201, request: request('warm') });
    const load = await runLoad({ port, clients: CLIENTS, seconds: SECONDS, expect: 201, request: request('run') });
    await app.close();
    const ctx = { db, clock: systemClock, log, locale: 'id' as const, actor: null };
    await browseStorefront(ctx, 'bench-0', {});
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      await browseStorefront(ctx, 'bench-0', {});
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { label, postings: load.rate, failed: load.failed, firstPageMs: times[Math.floor(RUNS / 2)]!, p95Ms: times[Math.floor(RUNS * 0.95)]! };
  } finally {
    await db.destroy();
  }
}

export async function main(): Promise<void> {
  const name = `lumbung_bench_citus_${randomBytes(4).toString('hex')}`;
  const singleServer = process.env.BENCH_SINGLE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const coordinator = citusUrl();
  const nodes = await clusterNodes(coordinator);
  const admin = new pg.Client({ connectionString: singleServer });
  await admin.connect();
  const results: Result[] = [];
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    results.push(await measure('single PostgreSQL server', withDatabaseName(singleServer, name)));
    results.push(await measure(`Citus: coordinator + ${nodes.length - 1} workers`, await createClusterDatabase(coordinator, nodes, name)));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await dropClusterDatabases(coordinator, nodes, name).catch(() => undefined);
  }
  console.log(`\nLedger postings over HTTP, ${CLIENTS} clients over ${COOPS} cooperatives, ${SECONDS} s; storefront first page (1,000 works), ${RUNS} runs\n`);
  console.log(['target'.padEnd(34), 'entries/s', 'failed', 'first page median ms', 'p95 ms'].join(' | '));
  for (const r of results) console.log([r.label.padEnd(34), r.postings.toFixed(0).padStart(9), String(r.failed).padStart(6), r.firstPageMs.toFixed(2).padStart(20), r.p95Ms.toFixed(2).padStart(6)].join(' | '));
  const [single, cluster] = results as [Result, Result];
  console.log(`\nratio Citus / single server: postings ${(cluster.postings / single.postings).toFixed(2)}, first-page latency ${(cluster.firstPageMs / single.firstPageMs).toFixed(2)}`);
}
