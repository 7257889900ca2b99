import { sql } from 'kysely';
import { sqlLiteral, type Tx } from '../db/tenant.js';
import type { Actor } from '../kernel/context.js';
import { auditRow } from '../audit/record-audit.js';
import { postEntry } from '../ledger/post-entry.js';
import type { JournalLine } from './model.js';

/**
 * THE one place where a transaction of one cooperative writes another's rows (decision 0171).
 *
 * An inter-coop trade posts two journal entries, one in each coop's books, in ONE transaction,
 * so neither side can exist without the other (a crash, kill -9, or a refused second posting
 * rolls back both). Row-level security stays on: the transaction runs as lumbung_app in the
 * buyer's (or the acting coop's) tenancy, and only here is lumbung.coop_id switched to the
 * counterparty for the span of `fn`, then switched back — so every row written inside `fn` is
 * checked by RLS as the counterparty's, and nothing else of it is reachable before or after.
 * Each entry stays within one coop (its lines, its accounts, its sealer chain), which keeps it
 * a single-shard write on Citus; the transaction touches two shard groups and commits with
 * Citus' two-phase commit.
 *
 * Every use writes an audit line in the counterparty's own log naming the acting coop.
 */
export async function asCounterparty<T>(trx: Tx, home: { coopId: string }, counterpartyCoopId: string, audit: { actor: Actor; action: string; entityId: string; after?: unknown }, fn: () => Promise<T>): Promise<T> {
  const other = sqlLiteral(counterpartyCoopId);
  const back = sqlLiteral(home.coopId);
  if (!other || !back || !/^[0-9a-f-]{36}$/i.test(counterpartyCoopId)) throw new Error('asCounterparty: bad coop id');
  // Entries this transaction already posted are checked now, under their own (the acting) coop.
  await sql.raw('SET CONSTRAINTS journal_entries_balanced IMMEDIATE; SET CONSTRAINTS journal_entries_balanced DEFERRED').execute(trx);
  await sql.raw(`SET LOCAL lumbung.coop_id = ${other}`).execute(trx);
  let out: T;
  try {
    out = await fn();
    // The ledger's deferred balance check of the counterparty's entry must run while its
    // tenancy is set (at COMMIT the acting coop's is, and row-level security would hide the
    // entry): check it now, then defer again for the acting coop's own entry.
    await sql.raw('SET CONSTRAINTS journal_entries_balanced IMMEDIATE').execute(trx);
    await sql.raw('SET CONSTRAINTS journal_entries_balanced DEFERRED').execute(trx);
    await trx
      .insertInto('audit_log')
      .values(auditRow({ coopId: counterpartyCoopId, actor: audit.actor }, { action: audit.action, entity: 'network_trade', entityId: audit.entityId, after: { ...(audit.after as object), actingCoopId: home.coopId } }))
      .execute();
  } finally {
    // An aborted transaction refuses the SET; it is rolled back whole anyway.
    await sql.raw(`SET LOCAL lumbung.coop_id = ${back}`).execute(trx).catch(() => undefined);
  }
  return out;
}

/** One side's journal entry, through the ledger's postEntry in the current tenancy (`coopId` must be the one set). */
export async function postSide(trx: Tx, coopId: string, actor: Actor, input: { key: string; date: string; description: string; tradeId: string; lines: readonly JournalLine[] }): Promise<string> {
  const r = await postEntry(trx, { coopId, actor }, { idempotencyKey: input.key, date: input.date, description: input.description, source: 'network_trade', sourceRef: input.tradeId, lines: input.lines.map((l) => ({ ...l })) });
  return r.entryId;
}
