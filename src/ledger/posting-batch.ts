import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import { sqlLiteral, withTenantReading, type Tx } from '../db/tenant.js';
import { AppError } from '../kernel/errors.js';
import type { TenantCtx } from '../kernel/context.js';
import { linesDigest, type EntryLine, type JournalEntryRequest, type LedgerAccount } from './model.js';
import { resolveEntryLines } from './post-entry.js';
import { requestSeal } from './sealer.js';
import { toAccount, type PostingContextRow } from './store.js';

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
  const first = batchContextSql(coopId, batch);
  let accounts: LedgerAccount[] = [];
  try {
    await withTenantReading<PostingContextRow & { members: [string, string][] }, void>(db, coopId, first, async (trx, rows) => {
      const row = rows[0];
      if (!row || !row.has_ledger) {
        alone.push(...batch);
        return;
      }
      accounts = row.accounts.map(toAccount);
      const members = new Map(row.members);
      const valid: Valid[] = [];
      for (const it of batch) {
        if (row.closed_through && it.data.date <= row.closed_through) {
          alone.push(it);
          continue;
        }
        try {
          const { lines, total } = resolveEntryLines(it.data.lines, accounts, new Set(members.keys()));
          valid.push({ it, lines, total, digest: linesDigest(lines) });
        } catch (err) {
          failures.set(it, err);
        }
      }
      if (valid.length === 0) return;
      const written = await insertBatch(trx, coopId, valid);
      const replays = valid.filter((v) => !written.has(v.it.data.idempotencyKey));
      const earlier = replays.length ? await entriesByKey(trx, coopId, replays.map((v) => v.it.data.idempotencyKey)) : new Map<string, { id: string; digest: string }>();
      for (const v of valid) {
        const id = written.get(v.it.data.idempotencyKey);
        if (id) {
          const names = new Map<string, string>();
          for (const l of v.lines) if (l.memberId) names.set(l.memberId, members.get(l.memberId)!);
          outcomes.set(v.it, { created: true, entryId: id, lines: v.lines, accounts, memberNames: names });
          continue;
        }
        const e = earlier.get(v.it.data.idempotencyKey);
        if (e && e.digest === v.digest) outcomes.set(v.it, { created: false, entryId: e.id });
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

/**
 * The batch's first statement, sent with BEGIN: the posting context (periods lock shared,
 * settings, every account the batch names) and the names of the members its lines name.
 */
function batchContextSql(coopId: string, batch: Item[]): string | null {
  const refs = new Set<string>();
  const memberIds = new Set<string>();
  for (const it of batch) {
    for (const l of it.data.lines) {
      if (!l.account.includes('\0')) refs.add(l.account);
      if (l.memberId) memberIds.add(l.memberId);
    }
  }
  const coop = sqlLiteral(coopId);
  const refLits = [...refs].map(sqlLiteral);
  const memberLits = [...memberIds].map(sqlLiteral);
  if (!coop || refLits.some((l) => l === null) || memberLits.some((l) => l === null)) return null;
  const members = memberLits.length
    ? `(SELECT coalesce(jsonb_agg(jsonb_build_array(m.id, m.full_name)), '[]'::jsonb) FROM members m WHERE m.coop_id = ${coop}::uuid AND m.id = ANY (ARRAY[${memberLits.join(', ')}]::uuid[]))`
    : `'[]'::jsonb`;
  return `SELECT c.*, ${members} AS members FROM ledger_posting_context(${coop}::uuid, ARRAY[${refLits.join(', ')}]::text[]) c`;
}

/** Insert the valid entries with their lines and audit lines in one statement; the keys that were new, with their entry ids. */
async function insertBatch(trx: Tx, coopId: string, valid: Valid[]): Promise<Map<string, string>> {
  const sorted = [...valid].sort((a, b) => (a.it.data.idempotencyKey < b.it.data.idempotencyKey ? -1 : a.it.data.idempotencyKey > b.it.data.idempotencyKey ? 1 : 0));
  const json = JSON.stringify(
    sorted.map((v, i) => {
      const { ctx, data } = v.it;
      const by = ctx.actor.via === 'system' ? null : ctx.actor.accountId;
      return {
        ord: i,
        k: data.idempotencyKey,
        d: data.date,
        description: data.description,
        source_ref: data.sourceRef ?? null,
        line_count: v.lines.length,
        total: v.total,
        digest: v.digest,
        created_by: by,
        // recordAudit's line for a manual posting (see postJournalEntry).
        after: { ...data, source: 'manual' },
        lines: v.lines.map((l) => ({ line_no: l.lineNo, account_id: l.accountId, debit: l.debit, credit: l.credit, member_id: l.memberId, business_unit: l.businessUnit, memo: l.memo }))
      };
    })
  );
  const { rows } = await sql<{ id: string; idempotency_key: string }>`/* prepare */ WITH x AS (
      SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(ord int, k text, d date, description text, source_ref text, line_count int, total bigint, digest text, created_by uuid, after jsonb, lines jsonb)),
    e AS (
      INSERT INTO journal_entries (coop_id, idempotency_key, entry_date, description, source, source_ref, line_count, total, lines_digest, created_by)
      SELECT ${coopId}::uuid, x.k, x.d, x.description, 'manual', x.source_ref, x.line_count, x.total, x.digest, x.created_by FROM x ORDER BY x.ord
      ON CONFLICT (coop_id, idempotency_key) DO NOTHING
      RETURNING id, idempotency_key, entry_date),
    l AS (
      INSERT INTO journal_lines (coop_id, entry_id, line_no, entry_date, account_id, debit, credit, member_id, business_unit, memo)
      SELECT ${coopId}::uuid, e.id, y.line_no, e.entry_date, y.account_id, y.debit, y.credit, y.member_id, y.business_unit, y.memo
        FROM e JOIN x ON x.k = e.idempotency_key,
             jsonb_to_recordset(x.lines) AS y(line_no smallint, account_id uuid, debit bigint, credit bigint, member_id uuid, business_unit text, memo text)),
    a AS (
      INSERT INTO audit_log (coop_id, actor_account_id, action, entity, entity_id, after)
      SELECT ${coopId}::uuid, x.created_by, 'ledger.entry.post', 'journal_entry', e.id::text, x.after FROM e JOIN x ON x.k = e.idempotency_key ORDER BY x.ord)
    SELECT id, idempotency_key FROM e`.execute(trx);
  return new Map(rows.map((r) => [r.idempotency_key, r.id]));
}

async function entriesByKey(trx: Tx, coopId: string, keys: string[]): Promise<Map<string, { id: string; digest: string }>> {
  const rows = await trx.selectFrom('journal_entries').select(['id', 'idempotency_key', 'lines_digest']).where('coop_id', '=', coopId).where('idempotency_key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.idempotency_key, { id: r.id, digest: r.lines_digest }]));
}
