import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/connection.js';
import { loadMigrations } from '../db/migrate.js';
import { AppError } from '../kernel/errors.js';
import { processMetrics } from '../kernel/metrics.js';
import type { App } from './types.js';
import { isWorker, metricsFromPrimary, serveMetricsToPrimary } from './cluster.js';

/**
 * What an operator and a load balancer read (decision 0111):
 * - GET /healthz — liveness: the process answers. Never touches the database.
 * - GET /readyz — readiness: the database answers and every migration this build knows is
 *   applied with its checksum; 503 otherwise (the balancer sends no traffic here).
 * - GET /metrics — Prometheus text format: requests by route and status, their latency, this
 *   process's background work and Node.js figures, and the database's postings and queues.
 *   With METRICS_TOKEN set it needs `Authorization: Bearer <token>`; without it, only a client
 *   on this machine's loopback that came through no proxy (no Forwarded / X-Forwarded-For).
 * None of them is rate-limited or needs a session.
 */

export const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Whether a raw request URL is one of ours (the web pages' middleware passes these on). */
export function isOpsPath(url: string | undefined): boolean {
  return OPS_PATHS.has((url ?? '').split('?')[0]!);
}

export type OpsOptions = { db: Database; metricsToken?: string; requestMetrics: Registry; readyTimeoutMs?: number };

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Count every request and time it, by method, route pattern and status. Call it first thing
 * in buildApp, so the hook sees every request, also pages, refusals and rate-limited ones.
 * Returns the app's registry of request metrics.
 */
export function instrumentRequests(app: App, opts: { web: boolean }): Registry {
  const registry = new Registry();
  const requests = new Counter({ name: 'lumbung_http_requests_total', help: 'HTTP requests answered, by method, route and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const latency = new Histogram({
    name: 'lumbung_http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its answer, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry]
  });
  app.addHook('onRequest', (req, reply, done) => {
    const start = process.hrtime.bigint();
    const route = routeLabel(req, opts.web);
    reply.raw.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      requests.inc({ method: req.method, route, status: String(reply.raw.statusCode) });
      latency.observe({ method: req.method, route }, seconds);
    });
    done();
  });
  return registry;
}

/** The three routes; after the app's error handler is set, so refusals answer in the app's error format and language. */
export async function registerOpsRoutes(app: App, opts: OpsOptions): Promise<void> {
  const registry = opts.requestMetrics;
  // The migrations this build knows, read on the first readiness check.
  let known: Promise<{ name: string; checksum: string }[]> | null = null;
  // An API worker (LUMBUNG_WORKERS > 1) answers /metrics with the sum over all workers and the primary.
  const worker = isWorker();
  if (worker) serveMetricsToPrimary([registry, processMetrics().registry]);

  app.get('/healthz', { config: { rateLimit: false }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { rateLimit: false }, schema: { hide: true } }, async (_req, reply) => {
    known ??= loadMigrations().catch((err: unknown) => {
      known = null;
      throw err;
    });
    const r = await readiness(opts.db, await known, opts.readyTimeoutMs ?? 2000);
    if (r.ready) return { status: 'ready' };
    return reply.status(503).send({ status: 'not_ready', reason: r.reason, ...(r.pending === undefined ? {} : { pending: r.pending }) });
  });

  const token = opts.metricsToken ? createHash('sha256').update(opts.metricsToken).digest() : null;
  app.get('/metrics', { config: { rateLimit: false }, schema: { hide: true } }, async (req, reply) => {
    if (token) {
      const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(createHash('sha256').update(given).digest(), token)) {
        void reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('UNAUTHENTICATED');
      }
    } else if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) {
      throw new AppError('FORBIDDEN');
    }
    const database = await databaseGauges(opts.db, req);
    const own = worker ? await metricsFromPrimary() : [await registry.metrics(), await processMetrics().registry.metrics()].join('\n');
    const text = [own, await database.metrics()].join('\n');
    return reply.type(registry.contentType).send(text);
  });
}

/** The route's pattern (never the raw URL: ids would make a series per cooperative). */
function routeLabel(req: FastifyRequest, web: boolean): string {
  const pattern = req.routeOptions.url;
  if (pattern) return pattern;
  if (req.url.startsWith('/api/')) return 'unmatched';
  return web ? 'web' : 'unmatched';
}

type Readiness = { ready: true } | { ready: false; reason: 'database' | 'migrations'; pending?: number };

/** The database answers within `timeoutMs`, and every migration of this build is applied unchanged. */
export async function readiness(db: Database, known: { name: string; checksum: string }[], timeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const applied = await Promise.race([
      sql<{ name: string; checksum: string }>`SELECT name, checksum FROM schema_migrations`.execute(db).then(
        (r) => r.rows,
        (err: { code?: string }) => (err?.code === '42P01' ? ([] as { name: string; checksum: string }[]) : ('error' as const))
      ),
      timeout
    ]);
    if (applied === 'timeout' || applied === 'error') return { ready: false, reason: 'database' };
    const byName = new Map(applied.map((r) => [r.name, r.checksum]));
    const pending = known.filter((m) => byName.get(m.name) !== m.checksum).length;
    return pending === 0 ? { ready: true } : { ready: false, reason: 'migrations', pending };
  } finally {
    clearTimeout(timer);
  }
}

type Snapshot = { entries: number; unsealed: number; lag: number; mail_pending: number; mail_failed: number; orders_due: number; votes_due: number };

/**
 * The database's figures, read at scrape time across all cooperatives in one read-only
 * transaction with row_security off (the server's role must be allowed to: a superuser, as
 * the embedded server's is, or a BYPASSRLS role — otherwise the figures are left out and
 * lumbung_database_figures_ok is 0). Each count is served by a partial index; the ledger's
 * total is the sum of the chain heads plus the unsealed entries. The same on every process.
 */
async function databaseGauges(db: Database, req: FastifyRequest): Promise<Registry> {
  const registry = new Registry();
  const ok = new Gauge({ name: 'lumbung_database_figures_ok', help: '1 when the database figures below could be read', registers: [registry] });
  let snap: Snapshot | null = null;
  try {
    snap = await db.connection().execute(async (conn) => {
      try {
        const { rows } = await sql.raw<Snapshot>(
          `BEGIN READ ONLY; SET LOCAL row_security = off; SET LOCAL statement_timeout = '5s';
           SELECT (SELECT coalesce(sum(last_seq), 0) FROM ledger_chain_heads)::float8 + u.n AS entries,
                  u.n AS unsealed,
                  coalesce(extract(epoch FROM now() - u.oldest), 0)::float8 AS lag,
                  (SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts < 5)::float8
                    + (SELECT count(*) FROM platform_mail_outbox WHERE sent_at IS NULL AND attempts < 5)::float8 AS mail_pending,
                  (SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts >= 5)::float8
                    + (SELECT count(*) FROM platform_mail_outbox WHERE sent_at IS NULL AND attempts >= 5)::float8 AS mail_failed,
                  (SELECT count(*) FROM orders WHERE status = 'awaiting_payment' AND paid_at IS NULL AND expires_at <= now())::float8 AS orders_due,
                  (SELECT count(*) FROM decisions WHERE status = 'voting' AND closes_at <= now())::float8 AS votes_due
             FROM (SELECT count(*)::float8 AS n, min(created_at) AS oldest FROM journal_entries WHERE seq IS NULL) u`
        ).execute(conn);
        return rows[0] ?? null;
      } finally {
        await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      }
    });
  } catch (err) {
    req.log.warn({ err }, 'metrics: the database figures could not be read');
  }
  ok.set(snap ? 1 : 0);
  if (!snap) return registry;
  const gauge = (name: string, help: string, value: number) => new Gauge({ name, help, registers: [registry] }).set(value);
  gauge('lumbung_ledger_entries', 'Journal entries committed, all cooperatives', snap.entries);
  gauge('lumbung_ledger_unsealed_entries', 'Committed journal entries not yet sealed into their hash chain', snap.unsealed);
  gauge('lumbung_ledger_sealer_lag_seconds', 'Age of the oldest unsealed journal entry (0 when none)', snap.lag);
  gauge('lumbung_mail_outbox_pending', 'Messages waiting in the outbox (fewer than 5 attempts)', snap.mail_pending);
  gauge('lumbung_mail_outbox_failed', 'Messages given up after 5 failed attempts', snap.mail_failed);
  gauge('lumbung_orders_expiry_backlog', 'Unpaid orders past their payment window, not yet expired', snap.orders_due);
  gauge('lumbung_votes_overdue', 'Votes past their closing time, not yet closed', snap.votes_due);
  return registry;
}
