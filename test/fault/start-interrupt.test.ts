import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { DEMO_SLUG } from '../../src/cli/demo.js';

/**
 * A newcomer's first `npm start` (the `lumbung start` it runs, on a fresh embedded
 * PostgreSQL) interrupted by Ctrl-C while the demo is being seeded: it must stop cleanly
 * (exit 0, no unhandled error, no PostgreSQL left running), and the next start must make
 * the whole demo — before, the half-made demo stayed for good (the storefront showed
 * "0 karya") and a pg 'error' stack was printed. Needs the built pages (npm test builds them).
 */

const root = path.resolve(import.meta.dirname, '../..');
let dir: string | undefined;
const procs: ChildProcess[] = [];

afterAll(async () => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null && p.pid) process.kill(-p.pid, 'SIGKILL');
  const pid = dir ? postmasterPid(dir) : 0;
  if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postmasterPid(dataDir: string): number {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : 0;
}

type Started = { proc: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null>; waitFor: (re: RegExp) => Promise<void> };

function start(dataDir: string, port: number): Started {
  // Its own process group, so a signal to the group reaches Node and its PostgreSQL as a terminal's Ctrl-C does.
  const proc = spawn(process.execPath, ['bin/lumbung.js', 'start', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', LUMBUNG_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  });
  procs.push(proc);
  let out = '';
  let err = '';
  proc.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp) => {
    while (!re.test(out)) {
      if (proc.exitCode !== null) throw new Error(`lumbung start exited (${proc.exitCode}) before ${re}:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { proc, out: () => out, err: () => err, exited, waitFor };
}

/** Waits until the demo seed is well under way: the cooperative and its members are made, its capital is being recorded. */
async function seedingUnderWay(dataDir: string): Promise<void> {
  let pgPort = 0;
  while (!pgPort) {
    const file = path.join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(file)) pgPort = Number(readFileSync(file, 'utf8').split('\n')[3]);
    if (!pgPort) await new Promise((r) => setTimeout(r, 50));
  }
  const client = new pg.Client({ connectionString: `postgres://postgres:lumbung@127.0.0.1:${pgPort}/postgres` });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'lumbung' AND query ILIKE '%capital_movements%'`);
      if (rows[0]!.n > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await client.end();
  }
}

function expectNoErrorOutput(stderr: string) {
  expect(stderr).not.toMatch(/Unhandled|Error|^\s+at /m);
}

describe('Ctrl-C during the first start', () => {
  it('stops cleanly while the demo is being seeded, and the next start makes the whole demo', async () => {
    dir = await mkdtemp('/tmp/lumbung-start-');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const first = start(dir, port);
    await first.waitFor(/Menyiapkan koperasi demo/);
    await seedingUnderWay(dir);
    // The pages are not served before the demo is ready.
    await expect(fetch(`${url}/koperasi/${DEMO_SLUG}`)).rejects.toThrow();
    const postmaster = postmasterPid(dir);
    expect(postmaster).toBeGreaterThan(0);
    process.kill(-first.proc.pid!, 'SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.out()).not.toContain('Lumbung berjalan'); // interrupted before it was ready
    expectNoErrorOutput(first.err());
    expect(alive(postmaster)).toBe(false);
    expect(postmasterPid(dir)).toBe(0);

    const second = start(dir, port);
    await second.waitFor(/Tekan Ctrl-C/);
    expect(second.out()).toContain('Menyiapkan koperasi demo'); // nothing was left of the first try
    expect(second.out()).toContain('masuk sebagai ketua: ketua@lumbung.test');
    const storefront = await fetch(`${url}/koperasi/${DEMO_SLUG}/toko`);
    expect(storefront.status).toBe(200);
    expect(await storefront.text()).toContain('9 karya');
    const running = postmasterPid(dir);
    // SIGTERM to the Node process alone (a service manager): it stops its PostgreSQL too.
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expectNoErrorOutput(second.err());
    expect(alive(running)).toBe(false);
  }, 240_000);
});
