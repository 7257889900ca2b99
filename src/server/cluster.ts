import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Database } from '../db/connection.js';
import { processMetrics } from '../kernel/metrics.js';
import { requestSeal, startSealerRelay } from '../ledger/sealer.js';

/**
 * API worker processes (node:cluster). One Node process serves requests on one core; with
 * `LUMBUNG_WORKERS` > 1 the primary forks that many workers which share the listening port
 * (the primary hands out connections) and each have their own database pool. Work that must
 * run once — migrations, the ledger sealer, governance timers — stays in the primary; workers
 * forward seal requests to it over the IPC channel. See docs/decisions/0041-posting-performance.md.
 */

const SEAL = 'lumbung.seal';
// GET /metrics in a worker: ask the primary, which collects every worker's metrics and its own, sums them, answers.
const METRICS_ASK = 'lumbung.metrics.ask';
const METRICS_COLLECT = 'lumbung.metrics.collect';
const METRICS_PART = 'lumbung.metrics.part';
const METRICS_TEXT = 'lumbung.metrics.text';

/** LUMBUNG_WORKERS as a count: a positive integer, `auto` (one per core), or `fallback` when unset. */
export function workerCount(value = process.env.LUMBUNG_WORKERS, fallback = 1): number {
  if (value === undefined || value === '') return fallback;
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`LUMBUNG_WORKERS must be a whole number from 1 to 64 or "auto" (got ${value})`);
  return n;
}

export const isWorker = (): boolean => cluster.isWorker;

/**
 * In the primary: fork `n` workers (the same script and Node options, plus `env`), pass
 * their seal requests to this process's sealer, and resolve once every worker listens.
 * A worker that dies is replaced while the primary runs.
 */
export async function forkWorkers(n: number, env: Record<string, string>): Promise<{ stop: () => Promise<void> }> {
  let stopping = false;
  const fork = (): Worker => {
    const w = cluster.fork(env);
    w.on('message', (m: { type?: string; coopIds?: unknown; id?: number; round?: number; metrics?: unknown }) => {
      if (m?.type === SEAL && Array.isArray(m.coopIds)) {
        for (const id of m.coopIds) if (typeof id === 'string') requestSeal(id);
      } else if (m?.type === METRICS_ASK && typeof m.id === 'number') void answerMetrics(w, m.id);
      else if (m?.type === METRICS_PART) parts.get(`${m.round}:${w.id}`)?.(Array.isArray(m.metrics) ? m.metrics : []);
    });
    w.on('exit', () => {
      if (!stopping) fork();
    });
    return w;
  };
  const workers = Array.from({ length: n }, fork);
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('listening', () => resolve());
          w.once('exit', (code) => reject(new Error(`API worker exited (${code}) before listening`)));
        })
    )
  );
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (w) =>
            new Promise<void>((resolve) => {
              if (!w || w.isDead()) return resolve();
              w.once('exit', () => resolve());
              w.kill('SIGTERM');
            })
        )
      );
    }
  };
}

/** In a worker: seal requests go to the primary. */
export function relaySealsToPrimary(db: Database): void {
  startSealerRelay(db, (coopIds) => process.send?.({ type: SEAL, coopIds }));
}

/* ------------------------------------------------------------------ metrics across the workers */

const parts = new Map<string, (metrics: unknown[]) => void>();
let rounds = 0;

/** In the primary: every live worker's metrics and this process's own, summed (prom-client's aggregation), to the asking worker. */
async function answerMetrics(asker: Worker, id: number): Promise<void> {
  const round = ++rounds;
  const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  const collected = await Promise.all(
    live.map(
      (w) =>
        new Promise<unknown[]>((resolve) => {
          const key = `${round}:${w.id}`;
          const timer = setTimeout(() => (parts.delete(key), resolve([])), 2000);
          parts.set(key, (metrics) => (clearTimeout(timer), parts.delete(key), resolve(metrics)));
          w.send({ type: METRICS_COLLECT, round });
        })
    )
  );
  const own = await processMetrics().registry.getMetricsAsJSON();
  const text = await AggregatorRegistry.aggregate([...(collected.flat() as never[]), own as never]).metrics();
  if (!asker.isDead()) asker.send({ type: METRICS_TEXT, id, text });
}

let answering = false;

/** In a worker: hand these registries to the primary when it collects (once per process). */
export function serveMetricsToPrimary(registries: Registry[]): void {
  if (answering || !cluster.isWorker) return;
  answering = true;
  process.on('message', (m: { type?: string; round?: number }) => {
    if (m?.type !== METRICS_COLLECT) return;
    void Promise.all(registries.map((r) => r.getMetricsAsJSON())).then((metrics) => process.send?.({ type: METRICS_PART, round: m.round, metrics }));
  });
}

let asks = 0;

/** In a worker: the metrics of all workers and the primary, as Prometheus text. */
export function metricsFromPrimary(timeoutMs = 5000): Promise<string> {
  const id = ++asks;
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type?: string; id?: number; text?: string }) => {
      if (m?.type !== METRICS_TEXT || m.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(m.text ?? '');
    };
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary did not answer with the metrics'));
    }, timeoutMs);
    process.on('message', onMessage);
    process.send?.({ type: METRICS_ASK, id });
  });
}
