import type { Logger } from 'pino';
import type { Database } from '../db/connection.js';
import type { Clock } from '../kernel/clock.js';

/**
 * What the SvelteKit pages need from the running server. The web build is bundled
 * separately from the server code, so the one database pool is handed over through
 * a global slot set once at start-up.
 */
export type Runtime = { db: Database; clock: Clock; log: Logger };

const SLOT = Symbol.for('lumbung.runtime');

export function setRuntime(rt: Runtime): void {
  (globalThis as Record<symbol, unknown>)[SLOT] = rt;
}

export function getRuntime(): Runtime {
  const rt = (globalThis as Record<symbol, unknown>)[SLOT] as Runtime | undefined;
  if (!rt) throw new Error('Lumbung runtime is not set: start the web pages through the Lumbung server');
  return rt;
}
