import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * This process's own metrics (prom-client): the Node.js process (memory, event loop, GC) and
 * the background work it did. The HTTP metrics belong to each app (src/server/ops-routes.ts);
 * GET /metrics serves both, with the database's queue depths. One registry per process, kept
 * in a global slot shared with the separately bundled web pages. Decision 0111.
 */

export type BackgroundJob = 'seal' | 'mail' | 'order_expiry' | 'order_reminder';

type ProcessMetrics = { registry: Registry; background: Counter<'job'> };

const SLOT = Symbol.for('lumbung.metrics');

export function processMetrics(): ProcessMetrics {
  const slot = globalThis as Record<symbol, ProcessMetrics | undefined>;
  let m = slot[SLOT];
  if (!m) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'lumbung_' });
    const background = new Counter({
      name: 'lumbung_background_items_total',
      help: 'Items of background work this process did: journal entries sealed, mails sent, unpaid orders expired',
      labelNames: ['job'] as const,
      registers: [registry]
    });
    for (const job of ['seal', 'mail', 'order_expiry'] as const) background.inc({ job }, 0);
    m = { registry, background };
    slot[SLOT] = m;
  }
  return m;
}

/** Count `n` items of a background job done by this process. */
export function countBackground(job: BackgroundJob, n: number): void {
  if (n > 0) processMetrics().background.inc({ job }, n);
}
