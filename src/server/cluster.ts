import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Database } from '../db/connection.js';
import { requestSeal, startSealerRelay } from '../ledger/sealer.js';

/**
 * API worker processes (node:cluster). One Node process serves requests on one core; with
 * `LUMBUNG_WORKERS` > 1 the primary forks that many workers which share the listening port
 * (the primary hands out connections) and each have their own database pool. Work that must
 * run once — migrations, the ledger sealer, governance timers — stays in the primary; workers
 * forward seal requests to it over the IPC channel. See docs/decisions/0041-posting-performance.md.
 */

const SEAL = 'lumbung.seal';

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
    w.on('message', (m: { type?: string; coopIds?: unknown }) => {
      if (m?.type === SEAL && Array.isArray(m.coopIds)) for (const id of m.coopIds) if (typeof id === 'string') requestSeal(id);
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
