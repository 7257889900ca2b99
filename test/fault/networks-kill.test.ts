import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { createNetwork } from '../../src/networks/create-network.js';
import { applyToNetwork } from '../../src/networks/memberships.js';
import { declareConsensus, statePosition } from '../../src/networks/decisions.js';
import { silentLog } from '../support/fixtures.js';

/**
 * kill -9 during trade postings (issue 19): a process placing and paying trades four at a time
 * is killed with SIGKILL, three times, at different moments. Whatever was in flight, no trade is
 * one-sided: every trade has both sides, with the same status and total, each side's journal
 * entries exist in its own coop's books, and both books balance.
 */
let t: TestDb;
let a: SeededCoop;
let b: SeededCoop;
const env: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDb();
  a = await seedCoop(t.db, { slug: 'kop-kill-a' });
  b = await seedCoop(t.db, { slug: 'kop-kill-b' });
  const maker = (await addMember(b.ctx('ketua'), { fullName: 'Pencipta', gender: 'F', asStatus: 'active' })).id;
  const w = await createWork(b.ctx('ketua'), { productLine: 'suara', title: 'Album Tahan Banting', publicPrice: 90_000, attributes: { format: 'album', tracks: [{ title: 'Satu', durationSec: 200 }] } } as never);
  await setWorkCreators(b.ctx('ketua'), w.id, { creators: [{ memberId: maker, shareBp: 10000 }] });
  await publishWork(b.ctx('ketua'), w.id);
  const n = await createNetwork(a.ctx('ketua'), { slug: 'jaringan-kill', name: 'Jaringan Uji Mati', kind: 'konsorsium', regionCode: '34', mode: 'shared' });
  const join = await applyToNetwork(b.ctx('ketua'), n.id);
  const ctx = { db: t.db, clock: { now: () => new Date() }, log: silentLog, locale: 'id' as const, actor: a.ctx('ketua').actor };
  await statePosition(ctx, n.id, join.decisionId, { coopId: a.id, stance: 'agree' });
  await declareConsensus(ctx, n.id, join.decisionId, { coopId: a.id });
  Object.assign(env, { DATABASE_URL: t.url, BUYER: a.id, SELLER: b.id, NETWORK: n.id, WORK: w.id, ACTOR: a.accounts.bendahara.id });
}, 60_000);
afterAll(async () => {
  await t?.drop();
});

function runAndKill(afterMs: number): Promise<{ orders: number; paid: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/trade-worker.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('READY')) timer = setTimeout(() => proc.kill('SIGKILL'), afterMs);
    });
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`worker ended on its own (${code}): ${err.slice(0, 500)}`));
      resolve({ orders: (out.match(/^ORDER /gm) ?? []).length, paid: (out.match(/^PAID /gm) ?? []).length });
    });
  });
}

describe('kill -9 during inter-coop trade postings', () => {
  it('leaves no one-sided trade and both books balanced', async () => {
    let orders = 0;
    for (const ms of [1500, 2300, 3100]) orders += (await runAndKill(ms)).orders;
    // Let PostgreSQL notice the dead connections and roll their transactions back.
    for (let i = 0; i < 50; i++) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(t.db);
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(orders).toBeGreaterThan(0);
    const { rows: sides } = await sql<{ trade_id: string; n: number; statuses: number; totals: number; coops: number }>`
      SELECT trade_id, count(*)::int AS n, count(DISTINCT status)::int AS statuses, count(DISTINCT total)::int AS totals, count(DISTINCT coop_id)::int AS coops
        FROM network_trade_sides GROUP BY trade_id`.execute(t.db);
    expect(sides.length).toBeGreaterThanOrEqual(orders);
    expect(sides.filter((s) => s.n !== 2 || s.statuses !== 1 || s.totals !== 1 || s.coops !== 2)).toEqual([]);
    // Every trade entry belongs to a side of its own coop, and every side's entries exist.
    const { rows: orphans } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM journal_entries e WHERE e.source = 'network_trade'
         AND NOT EXISTS (SELECT 1 FROM network_trade_sides s WHERE s.coop_id = e.coop_id AND s.trade_id::text = e.source_ref)`.execute(t.db);
    expect(orphans[0]!.n).toBe(0);
    const { rows: missing } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM network_trade_sides s WHERE NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.coop_id = s.coop_id AND e.id = s.order_entry_id)
         OR (s.status = 'paid' AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.coop_id = s.coop_id AND e.id = s.payment_entry_id))`.execute(t.db);
    expect(missing[0]!.n).toBe(0);
    for (const coop of [a.id, b.id]) {
      const { rows } = await sql<{ d: number; c: number }>`SELECT coalesce(sum(debit),0)::bigint AS d, coalesce(sum(credit),0)::bigint AS c FROM journal_lines WHERE coop_id = ${coop}`.execute(t.db);
      expect(Number(rows[0]!.d)).toBe(Number(rows[0]!.c));
    }
  }, 120_000);
});
