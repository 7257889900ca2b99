import type { Logger } from 'pino';
import type { Database } from '../db/connection.js';
import { withTenantReading } from '../db/tenant.js';
import { countBackground } from '../kernel/metrics.js';
import { entryHash, GENESIS_HASH } from './model.js';
import { linesOf, lockAndReadUnsealedSql, lockChainHead, sealEntries, toStored, unsealedEntries, type EntryRow, type LineRow, type UnsealedRow } from './store.js';

/**
 * The sealer gives committed entries their place in the chain: seq and hash, in the order
 * their commits became visible. Posters never wait for it — they only insert unsealed rows
 * — so concurrent postings do not queue on one lock; only sealers of one cooperative
 * serialise, on that cooperative's chain-head row. It runs right after a posting commits
 * (in this process), at start-up, periodically, and before `verify`.
 * See docs/decisions/0040-ledger-append-only-and-sealed-chain.md.
 */

const BATCH = 500;

/** Seal every committed, unsealed entry of one cooperative. Returns how many were sealed. */
export async function sealCoop(db: Database, coopId: string): Promise<number> {
  let total = 0;
  for (;;) {
    // Three round trips a batch: BEGIN + lock the head + read the head and the unsealed
    // entries with their lines; seal them and move the head; COMMIT.
    const n = await withTenantReading<UnsealedRow, number>(db, coopId, lockAndReadUnsealedSql(coopId, BATCH), async (trx, read) => {
      let head: { last_seq: number; last_hash: string };
      let rows: EntryRow[];
      let lines: LineRow[];
      if (read.length > 0) {
        head = read[0]!;
        const unsealed = read.filter((r) => r.id !== null);
        rows = unsealed as EntryRow[];
        lines = unsealed.flatMap((r) => r.lines ?? []);
      } else {
        // No chain head yet (or the read could not travel with BEGIN): the step-by-step way.
        head = await lockChainHead(trx, coopId);
        rows = await unsealedEntries(trx, coopId, BATCH);
        lines = await linesOf(trx, coopId, rows.map((r) => r.id));
      }
      if (rows.length === 0) return 0;
      const byEntry = new Map<string, LineRow[]>();
      for (const l of lines) {
        const list = byEntry.get(l.entry_id);
        if (list) list.push(l);
        else byEntry.set(l.entry_id, [l]);
      }
      let seq = head.last_seq;
      let prev = head.last_hash || GENESIS_HASH;
      const sealed = rows.map((r) => {
        seq += 1;
        const hash = entryHash({ ...toStored(coopId, r, byEntry.get(r.id) ?? []), seq }, prev);
        const out = { id: r.id, seq, prevHash: prev, hash };
        prev = hash;
        return out;
      });
      await sealEntries(trx, coopId, sealed);
      return rows.length;
    });
    countBackground('seal', n);
    total += n;
    if (n < BATCH) return total;
  }
}

/** Seal every cooperative's pending entries (start-up, sweeps, verify). */
export async function sealAll(db: Database): Promise<number> {
  const coops = await db.selectFrom('coops').select('id').execute();
  let total = 0;
  for (const c of coops) total += await sealCoop(db, c.id);
  return total;
}

type SealerState = {
  /** In an API worker process (see src/server/cluster.ts): seal requests go to the primary, which seals. */
  relay?: (coopId: string) => void;
  db: Database;
  log?: Logger;
  running: Map<string, Promise<void>>;
  dirty: Set<string>;
  hints: Map<string, { last: number; timer: NodeJS.Timeout | null }>;
  sweep: NodeJS.Timeout | null;
  stopped: boolean;
};

// One slot per process, shared by the server code and the separately bundled web pages.
const SLOT = Symbol.for('lumbung.ledger.sealer');
const slot = globalThis as Record<symbol, SealerState | undefined>;

/** Start the background sealer for this process: seal what is pending now, then sweep every minute. */
export async function startSealer(db: Database, log?: Logger, opts: { sweepMs?: number } = {}): Promise<void> {
  stopSealer();
  const state: SealerState = { db, log, running: new Map(), dirty: new Set(), hints: new Map(), sweep: null, stopped: false };
  slot[SLOT] = state;
  await sealAll(db);
  state.sweep = setInterval(() => {
    sealAll(db).catch((err: unknown) => log?.warn({ err }, 'ledger sweep failed'));
  }, opts.sweepMs ?? 60_000);
  state.sweep.unref();
}

/**
 * In a worker process whose primary runs the sealer: requestSeal (and hintSeal) forward the
 * cooperative to `send`, coalesced to one message per cooperative per `delayMs`.
 */
export function startSealerRelay(db: Database, send: (coopIds: string[]) => void, delayMs = 2): void {
  stopSealer();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const state: SealerState = {
    db,
    running: new Map(),
    dirty: new Set(),
    hints: new Map(),
    sweep: null,
    stopped: false,
    relay: (coopId) => {
      pending.add(coopId);
      timer ??= setTimeout(() => {
        timer = null;
        const ids = [...pending];
        pending.clear();
        if (!state.stopped) send(ids);
      }, delayMs);
    }
  };
  slot[SLOT] = state;
}

export function stopSealer(): void {
  const state = slot[SLOT];
  if (!state) return;
  state.stopped = true;
  if (state.sweep) clearInterval(state.sweep);
  for (const h of state.hints.values()) if (h.timer) clearTimeout(h.timer);
  slot[SLOT] = undefined;
}

/** Ask the sealer to seal a cooperative now (coalesced: one run at a time per cooperative). */
export function requestSeal(coopId: string): void {
  const state = slot[SLOT];
  if (!state || state.stopped) return;
  if (state.relay) return state.relay(coopId);
  if (state.running.has(coopId)) {
    state.dirty.add(coopId);
    return;
  }
  const run = (async () => {
    try {
      do {
        state.dirty.delete(coopId);
        await sealCoop(state.db, coopId);
      } while (state.dirty.has(coopId) && !state.stopped);
    } catch (err) {
      state.log?.warn({ err, coopId }, 'ledger sealing failed; the sweep retries');
    } finally {
      state.running.delete(coopId);
    }
  })();
  state.running.set(coopId, run);
}

/**
 * A posting inside another capability's transaction: this process cannot see that commit,
 * so it re-asks the sealer shortly after, a few times, while postings keep coming.
 */
export function hintSeal(coopId: string): void {
  const state = slot[SLOT];
  if (!state || state.stopped) return;
  const now = Date.now();
  const h = state.hints.get(coopId);
  if (h) {
    h.last = now;
    return;
  }
  const entry = { last: now, timer: null as NodeJS.Timeout | null };
  state.hints.set(coopId, entry);
  const tick = (delay: number) => {
    entry.timer = setTimeout(() => {
      requestSeal(coopId);
      const idle = Date.now() - entry.last;
      if (idle > 10_000 || state.stopped) {
        state.hints.delete(coopId);
        return;
      }
      tick(idle < 1000 ? 50 : 1000);
    }, delay);
    entry.timer.unref();
  };
  tick(50);
}

/** Wait until the sealer is idle for a cooperative (tests and shutdown). */
export async function sealerIdle(coopId: string): Promise<void> {
  const state = slot[SLOT];
  while (state?.running.has(coopId)) await state.running.get(coopId);
}
