import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { createDb, withDatabaseName } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { systemClock } from '../src/kernel/clock.js';
import type { TenantCtx } from '../src/kernel/context.js';
import { checkout } from '../src/orders/checkout.js';
import { createAccount } from '../src/accounts/create-account.js';
import { addMember } from '../src/members/add-member.js';
import { createWork } from '../src/catalogue/create-work.js';
import { setWorkCreators } from '../src/catalogue/set-work-creators.js';
import { publishWork } from '../src/catalogue/publish-work.js';
import { runLoad } from './ledger-load.js';
import { startApiProcess } from './api-process.js';

/**
 * The checkout benchmark: guest checkouts (one Busana line taking stock from one of 20 variants
 * + one Suara line, priced on the server, stock reserved with a conditional UPDATE, order and
 * lines written) through the HTTP API by CLIENTS concurrent clients for SECONDS, then
 * PostgreSQL's own pgbench tpcb-like (-M prepared, same clients) on the same server: both
 * rates and their ratio (goal ≥ 0.3, issue #13). The API runs in its own process
 * (bench/api-server.ts), so the load generator does not share its event loop; the SQL
 * statements (round trips) one checkout sends are counted and printed beside pgbench's 7.
 * Uses DATABASE_URL's server if set, else an embedded PostgreSQL. BENCH_PROFILE=<dir>: the API
 * process's CPU profile goes there (decision 0140).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);

export async function main(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), 'lumbung-bench-'));
    serverUrl = (await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') })).url;
  }
  const stamp = `${Date.now().toString(36)}_${process.pid}`;
  const names = [`lumbung_benchco_${stamp}`, `lumbung_pgbenchco_${stamp}`];
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
  const appUrl = withDatabaseName(serverUrl, names[0]!);
  const pgbenchUrl = withDatabaseName(serverUrl, names[1]!);
  const log = pino({ level: 'silent' });
  const { db, pool } = createDb(appUrl, { max: 20 });
  // Every round trip to PostgreSQL (one client.query: a statement, or BEGIN and the tenant settings sent together).
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  });
  try {
    await migrate(appUrl);
    const coop = await db.insertInto('coops').values({ slug: 'bench-toko', name: 'Koperasi Bench Toko', coop_type: 'produksi' }).returning('id').executeTakeFirstOrThrow();
    const acc = await createAccount(db, { name: 'Ketua Bench', email: 'ketua@bench.test', password: 'bench-password-1' });
    await db.insertInto('coop_users').values({ coop_id: coop.id, account_id: acc.id, roles: ['ketua'] }).execute();
    const ketua: TenantCtx = { db, clock: systemClock, log, locale: 'id', actor: { accountId: acc.id, name: 'Ketua', isPlatformAdmin: false, via: 'session' }, coopId: coop.id, roles: ['ketua'] };
    const m1 = await addMember(ketua, { fullName: 'Penjahit Satu', gender: 'F', asStatus: 'active' });
    const m2 = await addMember(ketua, { fullName: 'Penjahit Dua', gender: 'M', asStatus: 'active' });
    const kaos = await createWork(ketua, {
      productLine: 'busana',
      title: 'Kaos Bench',
      publicPrice: 150_000,
      attributes: {},
      variants: Array.from({ length: 20 }, (_, i) => ({ size: `S${i}`, colour: 'Hitam', sku: `BENCH-${i}`, stock: 1_000_000 }))
    } as never);
    await setWorkCreators(ketua, kaos.id, { creators: [{ memberId: m1.id, shareBp: 7000 }, { memberId: m2.id, shareBp: 3000 }] });
    await publishWork(ketua, kaos.id);
    const album = await createWork(ketua, { productLine: 'suara', title: 'Album Bench', publicPrice: 50_000, attributes: { format: 'single', tracks: [{ title: 'Satu', durationSec: 100 }] } } as never);
    await setWorkCreators(ketua, album.id, { creators: [{ memberId: m1.id, shareBp: 10000 }] });
    await publishWork(ketua, album.id);

    const body = (c: number, i: number) => ({
      lines: [
        { workId: kaos.id, variantId: kaos.variants[(c * 31 + i) % 20]!.id, quantity: 1 + (i % 3) },
        { workId: album.id, quantity: 1 }
      ],
      paymentMethod: 'cod', // this coop has no QRIS: QRIS is offered only with one (decision 0155)
      buyer: { name: `Pembeli ${c}-${i}`, email: `b${c}x${i}@bench.test` }
    });
    // The statements of one guest checkout, through the use case the route calls (after a warm-up).
    const guest = { db, clock: systemClock, log, locale: 'id' as const, actor: null };
    await checkout(guest, 'bench-toko', body(999, 0));
    statements = 0;
    const COUNTED = 20;
    for (let i = 1; i <= COUNTED; i++) await checkout(guest, 'bench-toko', body(999, i));
    const perCheckout = statements / COUNTED;

    const api = await startApiProcess(appUrl);
    const request = (c: number, i: number) => ({
      method: 'POST',
      path: '/api/v1/public/coops/bench-toko/checkout',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body(c, i))
    });
    console.log(`checkout benchmark: ${CLIENTS} clients, ${SECONDS} s, server ${new URL(serverUrl).host}; the API in its own process`);
    console.log(`  SQL statements (round trips) per guest checkout: ${perCheckout.toFixed(1)} (pgbench tpcb-like: 7)`);
    let r;
    try {
      await runLoad({ port: api.port, clients: CLIENTS, seconds: 2, request, expect: 201 });
      const cpu0 = api.cpuSeconds();
      r = await runLoad({ port: api.port, clients: CLIENTS, seconds: SECONDS, request, expect: 201 });
      const cpu = api.cpuSeconds() - cpu0;
      console.log(`  HTTP API guest checkouts (2 lines, stock reserved): ${r.rate.toFixed(0)} checkouts/s (${r.ok} ok, ${r.failed} failed ${JSON.stringify(r.statuses)})`);
      console.log(`    API process CPU per checkout: ${((cpu * 1000) / Math.max(1, r.ok)).toFixed(2)} ms`);
    } finally {
      await api.stop();
    }
    const bin = process.env.PGBENCH ?? 'pgbench';
    const init = spawnSync(bin, ['-i', '-q', '-s', String(CLIENTS), pgbenchUrl], { encoding: 'utf8' });
    if (init.error || init.status !== 0) {
      console.log(`  pgbench not available (${init.error?.message ?? init.stderr}); no ratio`);
      return;
    }
    const out = spawnSync(bin, ['-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-M', 'prepared', pgbenchUrl], { encoding: 'utf8' });
    const text = out.stdout + out.stderr;
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(text)?.[1] ?? /tps = ([\d.]+)/.exec(text)?.[1]);
    console.log(`  pgbench tpcb-like (-M prepared, ${CLIENTS} clients): ${tps.toFixed(0)} tps`);
    const ratio = r.rate / tps;
    console.log(`  ratio checkouts/pgbench (same run): ${ratio.toFixed(2)} (goal ≥ 0.3: ${ratio >= 0.3 ? 'met' : 'NOT met'})`);
  } finally {
    await db.destroy();
    for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
