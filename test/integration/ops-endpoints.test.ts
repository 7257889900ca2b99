import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/connection.js';
import { withCoopClaim } from '../../src/db/claim.js';
import { withTenant } from '../../src/db/tenant.js';
import { drainOutbox, setMailer } from '../../src/governance/mailer.js';
import { sealCoop } from '../../src/ledger/sealer.js';
import { buildApp } from '../../src/server/app.js';
import { backgroundIntervals } from '../../src/server/background.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { silentLog } from '../support/fixtures.js';
import { seedGovernanceCoop, startSmtpSink, type GovCoop } from '../support/governance.js';
import { lapsedOrder, postings, seedSellable, voteThatIsDue } from '../support/background-work.js';

/** /healthz, /readyz, /metrics (decision 0111); the per-coop claim; the outbox as a per-coop queue. */

let t: TestDb;
let app: App;
let coop: GovCoop;

beforeAll(async () => {
  t = await createTestDb();
  setMailer(null);
  app = await buildApp({ db: t.db, log: silentLog, rateLimitMax: 100_000 });
  await app.ready();
  coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const LAST_MIGRATION = sql<{ name: string; checksum: string }>`SELECT name, checksum FROM schema_migrations ORDER BY name DESC LIMIT 1`;

describe('/healthz and /readyz', () => {
  it('answer 200 when the process and the database are fine', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('readyz is 503 when the database does not answer; healthz stays 200 (it never asks the database)', async () => {
    const { db } = createDb('postgres://postgres@127.0.0.1:1/lumbung_nowhere', { max: 1 });
    const down = await buildApp({ db, log: silentLog });
    try {
      const ready = await down.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'not_ready', reason: 'database' });
      expect((await down.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await down.close();
      await db.destroy();
    }
  });

  it('readyz is 503 while a migration of this build is not applied, or was applied from another text', async () => {
    const last = (await LAST_MIGRATION.execute(t.db)).rows[0]!;
    try {
      await sql`DELETE FROM schema_migrations WHERE name = ${last.name}`.execute(t.db);
      const pending = await app.inject({ method: 'GET', url: '/readyz' });
      expect(pending.statusCode).toBe(503);
      expect(pending.json()).toEqual({ status: 'not_ready', reason: 'migrations', pending: 1 });
      await sql`INSERT INTO schema_migrations (name, checksum) VALUES (${last.name}, 'edited')`.execute(t.db);
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ reason: 'migrations', pending: 1 });
      // A database ahead of this build (a newer version migrated it) is fine.
      await sql`UPDATE schema_migrations SET checksum = ${last.checksum} WHERE name = ${last.name}`.execute(t.db);
      await sql`INSERT INTO schema_migrations (name, checksum) VALUES ('9999_from_a_newer_build.sql', 'x')`.execute(t.db);
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await sql`DELETE FROM schema_migrations WHERE name = '9999_from_a_newer_build.sql'`.execute(t.db);
      await sql`INSERT INTO schema_migrations (name, checksum) VALUES (${last.name}, ${last.checksum}) ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum`.execute(t.db);
    }
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('/metrics: who may read it', () => {
  it('without METRICS_TOKEN: a client on loopback, not through a proxy; others get 403 in their language', async () => {
    const local = await app.inject({ method: 'GET', url: '/metrics' });
    expect(local.statusCode).toBe(200);
    expect(local.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const far = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(far.statusCode).toBe(403);
    expect(far.json()).toMatchObject({ code: 'FORBIDDEN', message: 'Anda tidak berhak melakukan ini.' });
    const farEn = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7', headers: { 'accept-language': 'en' } });
    expect(farEn.json()).toMatchObject({ code: 'FORBIDDEN', message: 'You are not allowed to do this.' });
    // A proxy on this machine forwarding someone else's request is not "local".
    const proxied = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.statusCode).toBe(403);
    expect(proxied.body).not.toContain('lumbung_');
  });

  it('with METRICS_TOKEN: the bearer token from anywhere, nothing without it', async () => {
    const guarded = await buildApp({ db: t.db, log: silentLog, metricsToken: 'rahasia-metrik-123' });
    try {
      const none = await guarded.inject({ method: 'GET', url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toContain('Bearer');
      expect(none.json().code).toBe('UNAUTHENTICATED');
      expect((await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer salah' } })).statusCode).toBe(401);
      const ok = await guarded.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer rahasia-metrik-123' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('lumbung_http_requests_total');
    } finally {
      await guarded.close();
    }
  });

  it('health endpoints need no session and are not rate-limited', async () => {
    const tight = await buildApp({ db: t.db, log: silentLog, rateLimitMax: 1 });
    try {
      for (let i = 0; i < 5; i++) {
        expect((await tight.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
        expect((await tight.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
        expect((await tight.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
      }
    } finally {
      await tight.close();
    }
  });
});

/** The value of one sample line of the exposition text (NaN when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}

describe('/metrics: what it says', () => {
  it('counts requests by route pattern and status, with a latency histogram', async () => {
    const fresh = await buildApp({ db: t.db, log: silentLog });
    try {
      for (let i = 0; i < 3; i++) await fresh.inject({ method: 'GET', url: `/api/v1/coops/${coop.id}/ledger/entries` });
      await fresh.inject({ method: 'GET', url: '/api/v1/tidak-ada' });
      await fresh.inject({ method: 'GET', url: '/healthz' });
      const text = (await fresh.inject({ method: 'GET', url: '/metrics' })).body;
      const route = '/api/v1/coops/:coopId/ledger/entries';
      expect(sample(text, `lumbung_http_requests_total{method="GET",route="${route}",status="401"}`)).toBe(3);
      expect(sample(text, 'lumbung_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
      expect(sample(text, 'lumbung_http_requests_total{method="GET",route="/healthz",status="200"}')).toBe(1);
      expect(sample(text, `lumbung_http_request_duration_seconds_count{method="GET",route="${route}"}`)).toBe(3);
      expect(sample(text, `lumbung_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="${route}"}`)).toBe(3);
      // No raw URL (with a cooperative's id) becomes a series.
      expect(text).not.toContain(coop.id);
      expect(text).toContain('lumbung_process_resident_memory_bytes');
    } finally {
      await fresh.close();
    }
  });

  it('reports postings, unsealed entries and the sealer lag, the outbox queue, the order-expiry backlog and overdue votes', async () => {
    const metrics = async () => (await app.inject({ method: 'GET', url: '/metrics' })).body;
    const before = await metrics();
    expect(sample(before, 'lumbung_database_figures_ok')).toBe(1);
    const entries0 = sample(before, 'lumbung_ledger_entries');
    const sealed0 = sample(before, 'lumbung_background_items_total{job="seal"}');

    await postings(coop, 4, 'metrik');
    const item = await seedSellable(coop, 10);
    await lapsedOrder(t.db, coop, item, 1, 1);
    await voteThatIsDue(coop, 'Jadwal panen');
    const during = await metrics();
    expect(sample(during, 'lumbung_ledger_entries')).toBe(entries0 + 4);
    expect(sample(during, 'lumbung_ledger_unsealed_entries')).toBe(4);
    expect(sample(during, 'lumbung_ledger_sealer_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(during, 'lumbung_orders_expiry_backlog')).toBe(1);
    expect(sample(during, 'lumbung_votes_overdue')).toBe(1);
    const queued = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM mail_outbox WHERE sent_at IS NULL`.execute(t.db)).rows[0]!.n);
    expect(queued).toBeGreaterThan(0);
    expect(sample(during, 'lumbung_mail_outbox_pending')).toBe(queued);

    await sealCoop(t.db, coop.id);
    const after = await metrics();
    expect(sample(after, 'lumbung_ledger_unsealed_entries')).toBe(0);
    expect(sample(after, 'lumbung_ledger_sealer_lag_seconds')).toBe(0);
    expect(sample(after, 'lumbung_ledger_entries')).toBe(entries0 + 4);
    expect(sample(after, 'lumbung_background_items_total{job="seal"}')).toBe(sealed0 + 4);
  });
});

describe('beside the web pages', () => {
  it('the pages handler passes the three paths on; pages are counted as route "web"', async () => {
    const withPages = await buildApp({ db: t.db, log: silentLog, web: (_req, res) => res.end('<h1>halaman</h1>') });
    try {
      expect((await withPages.inject({ method: 'GET', url: '/k/contoh' })).body).toBe('<h1>halaman</h1>');
      expect((await withPages.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await withPages.inject({ method: 'GET', url: '/readyz?probe=1' })).json()).toEqual({ status: 'ready' });
      const text = (await withPages.inject({ method: 'GET', url: '/metrics' })).body;
      expect(sample(text, 'lumbung_http_requests_total{method="GET",route="web",status="200"}')).toBe(1);
      expect(sample(text, 'lumbung_http_requests_total{method="GET",route="/readyz",status="200"}')).toBe(1);
    } finally {
      await withPages.close();
    }
  });
});

describe('claiming a cooperative for a background job', () => {
  it('one holder per job and cooperative at a time; others pass by; the claim ends with the work', async () => {
    const other = await seedGovernanceCoop(t.db, { members: 1, accounts: 0 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const entered = new Promise<void>((r) => (inside = r));
    const first = withCoopClaim(t.db, 'orders', coop.id, async () => {
      inside();
      await held;
      return 'first';
    });
    await entered;
    expect(await withCoopClaim(t.db, 'orders', coop.id, async () => 'second')).toEqual({ claimed: false });
    expect(await withCoopClaim(t.db, 'orders', other.id, async () => 'other coop')).toEqual({ claimed: true, value: 'other coop' });
    expect(await withCoopClaim(t.db, 'governance', coop.id, async () => 'other job')).toEqual({ claimed: true, value: 'other job' });
    release();
    expect(await first).toEqual({ claimed: true, value: 'first' });
    expect(await withCoopClaim(t.db, 'orders', coop.id, async () => 'again')).toEqual({ claimed: true, value: 'again' });
    // A failing job ends its claim too.
    await expect(withCoopClaim(t.db, 'orders', coop.id, async () => Promise.reject(new Error('gagal')))).rejects.toThrow('gagal');
    expect(await withCoopClaim(t.db, 'orders', coop.id, async () => 'after failure')).toEqual({ claimed: true, value: 'after failure' });
  });

  it('reads LUMBUNG_BACKGROUND_MS, or the defaults, and refuses anything else', () => {
    expect(backgroundIntervals(undefined)).toEqual({ sealSweepMs: 60_000, governanceMs: 300_000, ordersMs: 60_000 });
    expect(backgroundIntervals('250')).toEqual({ sealSweepMs: 250, governanceMs: 250, ordersMs: 250 });
    for (const bad of ['0', 'cepat', '1.5', '99999999']) expect(() => backgroundIntervals(bad)).toThrow(/LUMBUNG_BACKGROUND_MS/);
  });
});

describe('the mail outbox is a queue per cooperative', () => {
  it('a cooperative sees and sends only its own mail (row-level security)', async () => {
    const a = await seedGovernanceCoop(t.db, { members: 2, accounts: 2 });
    const b = await seedGovernanceCoop(t.db, { members: 2, accounts: 2 });
    await voteThatIsDue(a, 'Rapat A');
    await voteThatIsDue(b, 'Rapat B');
    const seen = await withTenant(t.db, a.id, (trx) => trx.selectFrom('mail_outbox').select('coop_id').execute());
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.coop_id))).toEqual(new Set([a.id]));
    // Nor can a cooperative's transaction queue mail under another's name.
    await expect(
      withTenant(t.db, a.id, (trx) =>
        trx.insertInto('mail_outbox').values({ coop_id: b.id, kind: 'x', dedupe_key: 'x', to_address: 'x@contoh.id', to_name: null, subject: 'x', text_body: 'x', ics: null }).execute()
      )
    ).rejects.toThrow(/row-level security/);

    const sink = await startSmtpSink();
    try {
      const sent = await drainOutbox(t.db, sink.mailer, { coopId: a.id });
      expect(sent).toEqual({ sent: 2, failed: 0 });
      expect(sink.messages.flatMap((m) => m.to).sort()).toEqual(a.voters.map((v) => v.email!).sort());
      const pendingB = await t.db.selectFrom('mail_outbox').select('id').where('coop_id', '=', b.id).where('sent_at', 'is', null).execute();
      expect(pendingB).toHaveLength(2);
    } finally {
      await sink.close();
    }
  });
});
