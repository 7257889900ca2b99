import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { createDb, withDatabaseName } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { systemClock } from '../src/kernel/clock.js';
import type { TenantCtx } from '../src/kernel/context.js';
import { sha256 } from '../src/accounts/tokens.js';
import { adoptCharter } from '../src/charters/adopt-charter.js';
import { startApiProcess } from './api-process.js';
import { proposeDecision } from '../src/governance/propose-decision.js';
import { openVote } from '../src/governance/open-vote.js';
import { castBallot } from '../src/governance/cast-ballot.js';
import { setMailer } from '../src/governance/mailer.js';

/**
 * The voting benchmark: a cooperative of 10,000 active members (each with their own API
 * token, so every ballot is the member's own), one secret yes/no vote opened for all of
 * them, and every member casting one ballot through the HTTP API with CONCURRENCY clients
 * at once. Prints ballots per second, latency percentiles, and the time to close the vote
 * (count the ballots and freeze the result) through the API. Asserts nothing about time.
 * The API runs in its own process (bench/api-server.ts). Baseline in the same run (issue #13):
 * pgbench inserting as many one-row "ballots" (a custom script, -M prepared, the same number of
 * clients) into a table of the same database; the ratio ballots/s ÷ inserts/s is what counts on a
 * shared machine. Uses DATABASE_URL's server if set, else an embedded PostgreSQL in a temporary folder.
 */

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const log = pino({ level: 'silent' });

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function post(agent: http.Agent, port: number, url: string, token: string, body: unknown): Promise<{ status: number; body: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${token}` } }, (res) => {
      let out = '';
      res.on('data', (c: Buffer) => (out += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: out }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function main(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  let stopPg = async () => undefined as void;
  let dir: string | undefined;
  if (!serverUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'lumbung-bench-gov-'));
    const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
    serverUrl = pgServer.url;
    stopPg = pgServer.stop;
  }
  const dbName = `bench_gov_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = withDatabaseName(serverUrl, dbName);
  await migrate(url);
  const { db, pool } = createDb(url, { max: 40 });
  // Every round trip to PostgreSQL (one client.query), to print the statements of one ballot.
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  });
  setMailer(null);
  try {
    console.log(`governance bench: ${MEMBERS} members, ${CONCURRENCY} concurrent clients`);
    const seedStart = performance.now();
    const coop = await db.insertInto('coops').values({ slug: `bench-${randomBytes(3).toString('hex')}`, name: 'Koperasi Bench Suara', coop_type: 'produksi' }).returning('id').executeTakeFirstOrThrow();
    const ketua = await db.insertInto('accounts').values({ name: 'Ketua Bench', email: `ketua.${dbName}@bench.test`, password_hash: 'bench' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('coop_users').values({ coop_id: coop.id, account_id: ketua.id, roles: ['ketua'] }).execute();
    const ctx: TenantCtx = { db, clock: systemClock, log, locale: 'id', actor: { accountId: ketua.id, name: 'Ketua Bench', isPlatformAdmin: false, via: 'session' }, coopId: coop.id, roles: ['ketua'] };
    await adoptCharter(ctx, { template: 'tujuh_prinsip', note: 'Bench' });
    const tokens: string[] = [];
    const accountIds: string[] = [];
    for (let i = 0; i < MEMBERS; i += 1000) {
      const n = Math.min(1000, MEMBERS - i);
      const accounts = await db
        .insertInto('accounts')
        .values(Array.from({ length: n }, (_, k) => ({ name: `Anggota ${i + k + 1}`, email: `a${i + k + 1}.${dbName}@bench.test`, password_hash: 'bench' })))
        .returning('id')
        .execute();
      await db.insertInto('coop_users').values(accounts.map((a) => ({ coop_id: coop.id, account_id: a.id, roles: ['anggota' as const] }))).execute();
      await db
        .insertInto('members')
        .values(accounts.map((a, k) => ({ coop_id: coop.id, member_no: i + k + 1, status: 'active' as const, full_name: `Anggota ${i + k + 1}`, gender: (k % 2 ? 'F' : 'M') as 'F' | 'M', account_id: a.id })))
        .execute();
      const secrets = accounts.map(() => `lt_${randomBytes(24).toString('base64url')}`);
      await db.insertInto('api_tokens').values(accounts.map((a, k) => ({ coop_id: coop.id, account_id: a.id, name: 'bench', token_hash: sha256(secrets[k]!) }))).execute();
      tokens.push(...secrets);
      accountIds.push(...accounts.map((a) => a.id));
    }
    const decision = await proposeDecision(ctx, { title: 'Membangun gudang bersama', secret: true });
    const openStart = performance.now();
    await openVote(ctx, decision.id, { closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    console.log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; opening the vote (electorate snapshot of ${MEMBERS}) took ${(performance.now() - openStart).toFixed(0)} ms`);

    // The statements of one ballot, through the use case the route calls, on a second vote of the same electorate.
    const probe = await proposeDecision(ctx, { title: 'Menghitung pernyataan SQL', secret: true });
    await openVote(ctx, probe.id, { closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    const memberCtx = (k: number): TenantCtx => ({ ...ctx, actor: { accountId: accountIds[k]!, name: `Anggota ${k + 1}`, isPlatformAdmin: false, via: 'token' }, roles: ['anggota'] });
    await castBallot(memberCtx(0), probe.id, { choice: 'yes' });
    statements = 0;
    for (let k = 1; k <= 10; k++) await castBallot(memberCtx(k), probe.id, { choice: 'yes' });
    console.log(`  SQL statements (round trips) per ballot through the use case: ${(statements / 10).toFixed(1)} (the baseline: 1)`);

    const api = await startApiProcess(url);
    const port = api.port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const ballotUrl = `/api/v1/coops/${coop.id}/decisions/${decision.id}/ballots`;
    const latencies: number[] = [];
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          const i = next++;
          if (i >= tokens.length) return;
          const t0 = performance.now();
          const res = await post(agent, port, ballotUrl, tokens[i]!, { choice: i % 3 === 0 ? 'no' : i % 7 === 0 ? 'abstain' : 'yes' });
          latencies.push(performance.now() - t0);
          if (res.status !== 201) failed += 1;
        }
      })
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`  ballots: ${tokens.length - failed} accepted, ${failed} failed in ${seconds.toFixed(1)} s → ${((tokens.length - failed) / seconds).toFixed(0)} ballots/s`);
    console.log(`  latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);

    const closeStart = performance.now();
    const closed = await post(agent, port, `/api/v1/coops/${coop.id}/decisions/${decision.id}/close`, await ketuaToken(), {});
    const closeMs = performance.now() - closeStart;
    const result = JSON.parse(closed.body) as { outcome: string; result: { tally: { yes: number; no: number; abstain: number; ballots: number } } | null };
    if (closed.status !== 200 || !result.result) throw new Error(`closing the vote failed: ${closed.status} ${closed.body.slice(0, 500)}`);
    console.log(`  close (tally ${result.result.tally.ballots} ballots and freeze the result) through the API: ${closeMs.toFixed(0)} ms → ${result.outcome} (yes ${result.result.tally.yes}, no ${result.result.tally.no}, abstain ${result.result.tally.abstain})`);
    agent.destroy();
    await api.stop();

    // The baseline: the same number of one-row inserts by pgbench, as many clients, on the same server.
    const base = new pg.Client({ connectionString: url });
    await base.connect();
    await base.query('CREATE TABLE bench_baseline_ballots (voter bigint PRIMARY KEY, choice text NOT NULL, cast_at timestamptz NOT NULL DEFAULT now())');
    await base.end();
    const script = path.join(tmpdir(), `lumbung-bench-ballot-${process.pid}.sql`);
    writeFileSync(script, "\\set v random(1, 1000000000000)\nINSERT INTO bench_baseline_ballots (voter, choice) VALUES (:v, 'yes') ON CONFLICT DO NOTHING;\n");
    const perClient = Math.max(1, Math.floor(tokens.length / CONCURRENCY));
    const out = spawnSync(process.env.PGBENCH ?? 'pgbench', ['-n', '-f', script, '-c', String(CONCURRENCY), '-j', '2', '-t', String(perClient), '-M', 'prepared', url], { encoding: 'utf8' });
    await rm(script, { force: true });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out.stdout ?? '')?.[1] ?? NaN);
    if (out.error || out.status !== 0 || !Number.isFinite(tps)) {
      console.log(`  pgbench not available or failed (${out.error?.message ?? out.stderr}); no ratio`);
    } else {
      const ballotsPerSecond = (tokens.length - failed) / seconds;
      console.log(`  baseline: pgbench one-row INSERT (custom script, -M prepared, ${CONCURRENCY} clients, ${(perClient * CONCURRENCY).toLocaleString('en')} inserts): ${tps.toFixed(0)} inserts/s`);
      console.log(`  ratio ballots/baseline inserts (same run): ${(ballotsPerSecond / tps).toFixed(2)}`);
    }

    async function ketuaToken(): Promise<string> {
      const secret = `lt_${randomBytes(24).toString('base64url')}`;
      await db.insertInto('api_tokens').values({ coop_id: coop.id, account_id: ketua.id, name: 'bench ketua', token_hash: sha256(secret) }).execute();
      return secret;
    }
  } finally {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stopPg();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
