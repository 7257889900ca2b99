import type { Database } from '../db/connection.js';
import { withTenantReading } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import type { TenantCtx } from '../kernel/context.js';
import { linesDigest, type EntryLine, type JournalEntryRequest, type LedgerAccount } from './model.js';
import { resolveEntryLines } from './post-entry.js';
import { requestSeal } from './sealer.js';
import { findEntriesByKeys, insertManualEntries, postingContextSql, toAccount, type PostingContextRow } from './store.js';

/**
 * Group commit for manual journal entries (decision 0042). Concurrent postings to one
 * cooperative from this process are written together: one transaction, one statement for
 * all their entries, lines and audit lines, one commit. Each request is still answered
 * only after the commit that holds its entry, so an acknowledged posting is durable; each
 * is validated on its own, so one bad request fails alone. A batch the database refuses as
 * a whole (which validation should prevent) is retried entry by entry.
 *
 * Batching is natural: a request that arrives while the cooperative's batches are in
 * flight waits for the next one, so a lone posting goes at once and a busy ledger writes
 * many per commit. The same idempotency key twice in one batch goes in the next batch
 * (and is then answered as a replay); entries are inserted in key order, so two batches
 * (also of two processes) never wait for each other's keys in a cycle.
 */

export type BatchOutcome =
  | { created: true; entryId: string; lines: EntryLine[]; accounts: LedgerAccount[]; memberNames: Map<string, string> }
  | { created: false; entryId: string };

type Item = {
  ctx: TenantCtx;
  data: JournalEntryRequest;
  resolve: (o: BatchOutcome) => void;
  reject: (err: unknown) => void;
};

type Queue = { items: Item[]; inFlight: number; keysInFlight: Set<string> };

/** At most this many entries per statement, and this many batches of one cooperative at once. */
const MAX_BATCH = 64;
const MAX_IN_FLIGHT = 2;

const queues = new WeakMap<Database, Map<string, Queue>>();

/**
 * Post through the batcher. `single` posts one entry alone (the first posting of a
 * cooperative, which creates its ledger; a date in a closed period, which answers a
 * replay or refuses; a batch the database refused).
 */
export function submitPosting(ctx: TenantCtx, data: JournalEntryRequest, single: (ctx: TenantCtx, data: JournalEntryRequest) => Promise<BatchOutcome>): Promise<BatchOutcome> {
  return new Promise<BatchOutcome>((resolve, reject) => {
    let byCoop = queues.get(ctx.db);
    if (!byCoop) queues.set(ctx.db, (byCoop = new Map()));
    let q = byCoop.get(ctx.coopId);
    if (!q) byCoop.set(ctx.coopId, (q = { items: [], inFlight: 0, keysInFlight: new Set() }));
    q.items.push({ ctx, data, resolve, reject });
    if (q.inFlight < MAX_IN_FLIGHT) {
      q.inFlight += 1;
      // On the next turn, so postings that arrived together travel together.
      setImmediate(() => void drain(ctx.db, ctx.coopId, q, byCoop, single));
    }
  });
}

async function drain(db: Database, coopId: string, q: Queue, byCoop: Map<string, Queue>, single: (ctx: TenantCtx, data: JournalEntryRequest) => Promise<BatchOutcome>): Promise<void> {
  try {
    for (;;) {
      const batch = take(q);
      if (batch.length === 0) break;
      for (const it of batch) q.keysInFlight.add(it.data.idempotencyKey);
      try {
        await runBatch(db, coopId, batch, single);
      } finally {
        for (const it of batch) q.keysInFlight.delete(it.data.idempotencyKey);
      }
    }
  } finally {
    q.inFlight -= 1;
    if (q.inFlight === 0 && q.items.length === 0) byCoop.delete(coopId);
  }
}

/** The next batch: up to MAX_BATCH queued items, one per idempotency key, none whose key is in flight. */
function take(q: Queue): Item[] {
  const batch: Item[] = [];
  const keys = new Set<string>();
  const rest: Item[] = [];
  for (const it of q.items) {
    const k = it.data.idempotencyKey;
    if (batch.length < MAX_BATCH && !keys.has(k) && !q.keysInFlight.has(k)) {
      batch.push(it);
      keys.add(k);
    } else rest.push(it);
  }
  q.items = rest;
  return batch;
}

type Valid = { it: Item; lines: EntryLine[]; total: number; digest: string };

async function runBatch(db: Database, coopId: string, batch: Item[], single: (ctx: TenantCtx, data: JournalEntryRequest) => Promise<BatchOutcome>): Promise<void> {
  const alone: Item[] = [];
  const outcomes = new Map<Item, BatchOutcome>();
  const failures = new Map<Item, unknown>();
  const refs = new Set<string>();
  const memberIds = new Set<string>();
  for (const it of batch) {
    for (const l of it.data.lines) {
      // A NUL cannot reach PostgreSQL in text: such a reference names no account.
      if (!l.account.includes('\0')) refs.add(l.account);
      if (l.memberId) memberIds.add(l.memberId);
    }
  }
  try {
    // BEGIN with the posting context of all the batch's accounts and the names of its members.
    await withTenantReading<PostingContextRow & { members: [string, string][] }, void>(db, coopId, postingContextSql(coopId, [...refs], [...memberIds]), async (trx, rows) => {
      const row = rows[0];
      if (!row || !row.has_ledger) {
        alone.push(...batch);
        return;
      }
      const accounts = row.accounts.map(toAccount);
      const members = new Map(row.members);
      const known = new Set(members.keys());
      const valid: Valid[] = [];
      for (const it of batch) {
        if (row.closed_through && it.data.date <= row.closed_through) {
          alone.push(it);
          continue;
        }
        try {
          const { lines, total } = resolveEntryLines(it.data.lines, accounts, known);
          valid.push({ it, lines, total, digest: linesDigest(lines) });
        } catch (err) {
          failures.set(it, err);
        }
      }
      if (valid.length === 0) return;
      const written = await insertManualEntries(
        trx,
        coopId,
        valid.map(({ it, lines, total, digest }) => ({
          key: it.data.idempotencyKey,
          date: it.data.date,
          description: it.data.description,
          sourceRef: it.data.sourceRef ?? null,
          lines,
          total,
          digest,
          createdBy: it.ctx.actor.via === 'system' ? null : it.ctx.actor.accountId,
          // recordAudit's line for a manual posting (as postJournalEntry writes it alone).
          audit: { ...it.data, source: 'manual' }
        }))
      );
      const earlier = await findEntriesByKeys(trx, coopId, valid.filter((v) => !written.has(v.it.data.idempotencyKey)).map((v) => v.it.data.idempotencyKey));
      for (const v of valid) {
        const id = written.get(v.it.data.idempotencyKey);
        if (id) {
          const names = new Map<string, string>();
          for (const l of v.lines) if (l.memberId) names.set(l.memberId, members.get(l.memberId)!);
          outcomes.set(v.it, { created: true, entryId: id, lines: v.lines, accounts, memberNames: names });
          continue;
        }
        const e = earlier.get(v.it.data.idempotencyKey);
        if (e && e.lines_digest === v.digest) outcomes.set(v.it, { created: false, entryId: e.id });
        else if (e) failures.set(v.it, new AppError('LEDGER_IDEMPOTENCY_CONFLICT', { fields: [{ field: 'idempotencyKey', code: 'ledger_key_reused' }] }));
        // Not there after ON CONFLICT DO NOTHING skipped it: only if that other entry was rolled back since; post it alone.
        else alone.push(v.it);
      }
    });
  } catch (err) {
    // The database refused the batch as a whole (or the connection failed): each entry alone, so only a bad one fails.
    outcomes.clear();
    alone.length = 0;
    for (const it of batch) if (!failures.has(it)) alone.push(it);
    batch[0]?.ctx.log.warn({ err, coopId, entries: alone.length }, 'ledger batch refused; posting its entries one by one');
  }
  if (outcomes.size > 0) requestSeal(coopId);
  for (const [it, o] of outcomes) it.resolve(o);
  for (const [it, err] of failures) it.reject(err);
  await Promise.all(alone.map((it) => single(it.ctx, it.data).then(it.resolve, it.reject)));
}

