import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { countUnsealed } from '../../src/ledger/store.js';
import { withTenant } from '../../src/db/tenant.js';
import { verifyLedger } from '../../src/ledger/verify-ledger.js';
import { workerCount } from '../../src/server/cluster.js';
import { createTestDb, type TestDb } from '../support/db.js';

/**
 * The API in several worker processes (LUMBUNG_WORKERS, src/server/cluster.ts): requests
 * spread over the workers, each posting is sealed by the primary's sealer — the only one —
 * and the chain verifies.
 */

const TOKEN = 'lt_workers_test_token_0123456789abcdef';
let t: TestDb | undefined;
let proc: ChildProcess | undefined;

afterAll(async () => {
  if (proc && proc.exitCode === null) {
    proc.kill('SIGTERM');
    await new Promise((r) => proc!.once('exit', r));
  }
  await t?.drop();
});

describe('LUMBUNG_WORKERS', () => {
  it('reads a count, "auto", or the default, and refuses anything else', () => {
    expect(workerCount(undefined, 3)).toBe(3);
    expect(workerCount('2')).toBe(2);
    expect(workerCount('auto')).toBeGreaterThanOrEqual(1);
    expect(() => workerCount('0')).toThrow(/LUMBUNG_WORKERS/);
    expect(() => workerCount('dua')).toThrow(/LUMBUNG_WORKERS/);
  });

  it('serves postings from two workers, sealed into one chain by the primary', async () => {
    t = await createTestDb();
    const port = await freePort();
    proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/ledger-server.ts'], {
      env: { ...process.env, DATABASE_URL: t.url, PORT: String(port), SEED_TOKEN: TOKEN, LUMBUNG_WORKERS: '2', POOL_MAX: '4' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    const coopId = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
      proc!.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /READY (\d+) (\S+) (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[3]!);
        }
      });
      proc!.stderr!.on('data', (b: Buffer) => (out += b.toString()));
      proc!.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
    });

    const url = `http://127.0.0.1:${port}/api/v1/coops/${coopId}/ledger/entries`;
    const post = (key: string, amount: number) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({
          idempotencyKey: key,
          date: '2025-07-01',
          description: 'Penjualan',
          lines: [
            { account: 'CASH', debit: amount },
            { account: 'SALES_NON_MEMBER', credit: amount }
          ]
        })
      });
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => post(`w-${i}`, 1000 + i).then((r) => r.status)));
    expect(statuses).toEqual(Array(40).fill(201));
    // A repeat is answered by whichever worker gets it, with the first entry.
    expect((await post('w-0', 1000)).status).toBe(200);

    // Workers seal nothing themselves: the primary, asked over IPC, seals everything.
    for (let i = 0; i < 200 && (await withTenant(t.db, coopId, (trx) => countUnsealed(trx, coopId))) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await withTenant(t.db, coopId, (trx) => countUnsealed(trx, coopId))).toBe(0);
    const report = await verifyLedger(t.db);
    expect(report.ok).toBe(true);
    const workers = await t.db.selectFrom('journal_entries').select('seq').where('coop_id', '=', coopId).orderBy('seq').execute();
    expect(workers.map((r) => r.seq)).toEqual(workers.map((_, i) => i + 1));

    // /metrics, answered by either worker, sums every worker's requests and the primary's sealing (decision 0111).
    for (let i = 0; i < 4; i++) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } })).text();
      const sample = (series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1]);
      expect(sample('lumbung_http_requests_total{method="POST",route="/api/v1/coops/:coopId/ledger/entries",status="201"}')).toBe(40);
      expect(sample('lumbung_http_requests_total{method="POST",route="/api/v1/coops/:coopId/ledger/entries",status="200"}')).toBe(1);
      expect(sample('lumbung_background_items_total{job="seal"}')).toBe(40);
      expect(sample('lumbung_ledger_entries')).toBe(40);
    }
  }, 90_000);
});
