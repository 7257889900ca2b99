import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/connection.js';
import { freePort } from '../../src/db/embedded.js';
import { verifyLedger } from '../../src/ledger/verify-ledger.js';

/**
 * Power-cut test: while clients post through the HTTP API, the server process and its
 * PostgreSQL are killed with SIGKILL. After a restart every posting the API acknowledged
 * is there exactly once, nothing is half-written, and the hash chain verifies.
 */

const TOKEN = 'lt_fault_test_token_0123456789abcdef';
let dir: string | undefined;
let running: ChildProcess | undefined;

type Ready = { proc: ChildProcess; port: number; url: string; coopId: string };

function startServer(dataDir: string, port: number): Promise<Ready> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/ledger-server.ts'], {
    env: { ...process.env, DATABASE_URL: '', LUMBUNG_DATA_DIR: dataDir, PORT: String(port), SEED_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  });
  running = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 45_000);
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\d+) (\S+) (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, port: Number(m[1]), url: m[2]!, coopId: m[3]! });
      }
    });
    proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killHard(proc: ChildProcess, dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const postmaster = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  // The server's whole process group (Node and the PostgreSQL it started), then the postmaster itself.
  process.kill(-proc.pid!, 'SIGKILL');
  if (postmaster && alive(postmaster)) process.kill(postmaster, 'SIGKILL');
  for (let i = 0; i < 100 && ((postmaster && alive(postmaster)) || alive(proc.pid!)); i++) await new Promise((r) => setTimeout(r, 50));
  // Backends exit once they notice their postmaster is gone.
  await new Promise((r) => setTimeout(r, 500));
}

function entry(key: string, amount: number) {
  return {
    idempotencyKey: key,
    date: '2025-07-01',
    description: `Penjualan ${key}`,
    lines: [
      { account: 'CASH', debit: amount },
      { account: 'BANK', debit: 1 },
      { account: 'SALES_NON_MEMBER', credit: amount },
      { account: 'OTHER_INCOME', credit: 1 }
    ]
  };
}

afterAll(async () => {
  if (running?.pid && alive(running.pid)) {
    running.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));
    if (running.pid && alive(running.pid)) process.kill(-running.pid, 'SIGKILL');
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('killing the server and the database mid-load', () => {
  it('keeps every acknowledged posting exactly once, nothing half-written, and a chain that verifies', async () => {
    dir = await mkdtemp('/tmp/lumbung-fault-');
    const port = await freePort();
    const first = await startServer(dir, port);
    const base = `http://127.0.0.1:${first.port}/api/v1/coops/${first.coopId}/ledger/entries`;
    const acked = new Map<string, string>();
    let sent = 0;
    let stop = false;
    const client = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const key = `f-${c}-${i}`;
        sent++;
        try {
          const res = await fetch(base, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(entry(key, 1000 + i)) });
          if (res.status === 201 || res.status === 200) acked.set(key, ((await res.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, c) => client(c));
    while (acked.size < 150) await new Promise((r) => setTimeout(r, 20));
    await killHard(first.proc, dir);
    stop = true;
    await Promise.all(clients);
    expect(acked.size).toBeGreaterThanOrEqual(150);
    expect(sent).toBeGreaterThan(acked.size); // some requests were in flight when the power went

    const second = await startServer(dir, port);
    const { db } = createDb(second.url, { max: 2 });
    try {
      const rows = await db.selectFrom('journal_entries').select(['id', 'idempotency_key', 'seq']).where('coop_id', '=', second.coopId).execute();
      const byKey = new Map(rows.map((r) => [r.idempotency_key, r.id]));
      for (const [key, id] of acked) expect(byKey.get(key), key).toBe(id);
      expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(rows.length);
      // Nothing half-written: every entry has all its lines and they balance.
      const broken = await db
        .selectFrom('journal_entries as e')
        .leftJoin('journal_lines as l', (j) => j.onRef('l.coop_id', '=', 'e.coop_id').onRef('l.entry_id', '=', 'e.id'))
        .select(['e.id'])
        .groupBy(['e.id', 'e.line_count', 'e.total'])
        .having((eb) =>
          eb.or([
            eb(eb.fn.count('l.line_no'), '!=', eb.ref('e.line_count')),
            eb(eb.fn.coalesce(eb.fn.sum('l.debit'), eb.lit(0)), '!=', eb.ref('e.total')),
            eb(eb.fn.coalesce(eb.fn.sum('l.credit'), eb.lit(0)), '!=', eb.ref('e.total'))
          ])
        )
        .execute();
      expect(broken).toEqual([]);
      // The start-up sealer chained what was committed before the crash.
      expect((await verifyLedger(db)).ok).toBe(true);
      const sealed = await db.selectFrom('journal_entries').select('id').where('seq', 'is', null).execute();
      expect(sealed).toEqual([]);
      // Retrying an acknowledged posting after the restart does not post it again.
      const [key, id] = [...acked][0]!;
      const retry = await fetch(`http://127.0.0.1:${second.port}/api/v1/coops/${second.coopId}/ledger/entries`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(entry(key, 1000 + Number(key.split('-')[2])))
      });
      expect(retry.status).toBe(200);
      expect(((await retry.json()) as { id: string }).id).toBe(id);
    } finally {
      await db.destroy();
    }
  }, 90_000);
});
