import { sql } from 'kysely';
import { onCitus } from '../db/engine.js';
import { sqlLiteral, type Tx } from '../db/tenant.js';
import { auditRow, type AuditInput } from '../audit/record-audit.js';
import type { TenantCtx } from '../kernel/context.js';
import type { Balances, Movements } from './report-model.js';
import { CHART_TEMPLATE, groupOf, defaultNormalSide, templateSubgroup, type CapitalClassification, type EntryLine, type LedgerAccount, type StoredEntry } from './model.js';
import type { LedgerAccountsTable } from './tables.js';

/** Advisory lock namespace: postings hold it shared, closing a period holds it exclusively. */
export const PERIOD_LOCK_NS = 7305040;

export type LedgerSettings = { capitalClassification: CapitalClassification; closedThrough: string | null };

export async function lockPeriodsShared(trx: Tx, coopId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${PERIOD_LOCK_NS}, hashtext(${coopId}))`.execute(trx);
}

export async function lockPeriodsExclusive(trx: Tx, coopId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${PERIOD_LOCK_NS}, hashtext(${coopId}))`.execute(trx);
}

export async function findSettings(trx: Tx, coopId: string): Promise<LedgerSettings | undefined> {
  const row = await trx.selectFrom('ledger_settings').select(['capital_classification', 'closed_through']).where('coop_id', '=', coopId).executeTakeFirst();
  return row && { capitalClassification: row.capital_classification, closedThrough: row.closed_through };
}

/**
 * The cooperative's ledger settings, creating them and copying the chart-of-accounts
 * template on first use. Two first uses at once: the second insert waits for the first
 * and then does nothing.
 */
export async function ensureLedger(trx: Tx, coopId: string): Promise<LedgerSettings> {
  const found = await findSettings(trx, coopId);
  if (found) return found;
  const created = await trx
    .insertInto('ledger_settings')
    .values({ coop_id: coopId, closed_through: null })
    .onConflict((oc) => oc.column('coop_id').doNothing())
    .returning(['capital_classification', 'closed_through'])
    .executeTakeFirst();
  if (!created) return (await findSettings(trx, coopId))!;
  await trx
    .insertInto('ledger_accounts')
    .values(
      CHART_TEMPLATE.map((a) => {
        const subgroup = templateSubgroup(a, created.capital_classification);
        const group = groupOf(subgroup);
        return {
          coop_id: coopId,
          code: a.code,
          name: a.name,
          name_en: a.nameEn,
          account_group: group,
          subgroup,
          normal_side: a.normalSide ?? defaultNormalSide(group),
          system_key: a.systemKey,
          cash_flow: a.cashFlow
        };
      })
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx.insertInto('ledger_chain_heads').values({ coop_id: coopId }).onConflict((oc) => oc.column('coop_id').doNothing()).execute();
  return { capitalClassification: created.capital_classification, closedThrough: created.closed_through };
}

const ACCOUNT_COLUMNS = ['id', 'code', 'name', 'name_en', 'account_group', 'subgroup', 'normal_side', 'system_key', 'cash_flow', 'is_active'] as const;
type AccountRow = Pick<LedgerAccountsTable, 'code' | 'name' | 'name_en' | 'account_group' | 'subgroup' | 'normal_side' | 'system_key' | 'cash_flow'> & { id: string; is_active: boolean };

export function toAccount(r: AccountRow): LedgerAccount {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    group: r.account_group,
    subgroup: r.subgroup,
    normalSide: r.normal_side,
    systemKey: r.system_key,
    cashFlow: r.cash_flow,
    isActive: r.is_active
  };
}

/**
 * One round trip for a posting: takes the periods lock shared, then reads (after the lock)
 * whether the ledger exists, the closed-through date, and the accounts named in `refs`.
 */
export type PostingContext = { hasLedger: boolean; closedThrough: string | null; accounts: LedgerAccount[] };
export type PostingContextRow = { has_ledger: boolean; closed_through: string | null; accounts: AccountRow[] };

export async function postingContext(trx: Tx, coopId: string, refs: string[]): Promise<PostingContext> {
  const { rows } = await sql<PostingContextRow>`SELECT * FROM ledger_posting_context(${coopId}::uuid, ${refs}::text[])`.execute(trx);
  return toPostingContext(rows[0]!);
}

export function toPostingContext(r: PostingContextRow): PostingContext {
  return { hasLedger: r.has_ledger, closedThrough: r.closed_through, accounts: r.accounts.map(toAccount) };
}

/**
 * postingContext as plain SQL text (values written in as literals), to travel in the same
 * round trip as the transaction's BEGIN (withTenantReading). With `memberIds`, a `members`
 * column adds the id and name of those of them that are the cooperative's members. Null
 * when a value cannot be written as a literal; then the caller asks with postingContext.
 */
export function postingContextSql(coopId: string, refs: readonly string[], memberIds?: readonly string[]): string | null {
  const coop = sqlLiteral(coopId);
  const lits = refs.map(sqlLiteral);
  const memberLits = (memberIds ?? []).map(sqlLiteral);
  if (!coop || lits.some((l) => l === null) || memberLits.some((l) => l === null)) return null;
  const context = `ledger_posting_context(${coop}::uuid, ARRAY[${lits.join(', ')}]::text[])`;
  if (!memberIds) return `SELECT * FROM ${context}`;
  const members = memberLits.length
    ? `(SELECT coalesce(jsonb_agg(jsonb_build_array(m.id, m.full_name)), '[]'::jsonb) FROM members m WHERE m.coop_id = ${coop}::uuid AND m.id = ANY (ARRAY[${memberLits.join(', ')}]::uuid[]))`
    : `'[]'::jsonb`;
  return `SELECT c.*, ${members} AS members FROM ${context} c`;
}

/** Accounts named by system key or by code. */
export async function findAccountsByRefs(trx: Tx, coopId: string, refs: string[]): Promise<LedgerAccount[]> {
  const rows = await trx
    .selectFrom('ledger_accounts')
    .select(ACCOUNT_COLUMNS)
    .where('coop_id', '=', coopId)
    .where((eb) => eb.or([eb('system_key', 'in', refs), eb('code', 'in', refs)]))
    .execute();
  return rows.map(toAccount);
}

export async function listAccounts(trx: Tx, coopId: string): Promise<LedgerAccount[]> {
  const rows = await trx.selectFrom('ledger_accounts').select(ACCOUNT_COLUMNS).where('coop_id', '=', coopId).execute();
  return rows.map(toAccount).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

export async function findAccount(trx: Tx, coopId: string, id: string): Promise<LedgerAccount | undefined> {
  const row = await trx.selectFrom('ledger_accounts').select(ACCOUNT_COLUMNS).where('coop_id', '=', coopId).where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

export async function accountHasPostings(trx: Tx, coopId: string, accountId: string): Promise<boolean> {
  const row = await trx.selectFrom('journal_lines').select('line_no').where('coop_id', '=', coopId).where('account_id', '=', accountId).limit(1).executeTakeFirst();
  return Boolean(row);
}

export async function existingMemberIds(trx: Tx, coopId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx.selectFrom('members').select('id').where('coop_id', '=', coopId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export type NewEntry = {
  idempotencyKey: string;
  date: string;
  description: string;
  source: string;
  sourceRef: string | null;
  reversesEntryId: string | null;
  lineCount: number;
  total: number;
  linesDigest: string;
  createdBy: string | null;
};

/** Insert an entry unless its idempotency key is taken (then undefined: a concurrent insert of the key is waited for). */
export async function insertEntry(trx: Tx, coopId: string, e: NewEntry): Promise<string | undefined> {
  const row = await trx
    .insertInto('journal_entries')
    .values({
      coop_id: coopId,
      idempotency_key: e.idempotencyKey,
      entry_date: e.date,
      description: e.description,
      source: e.source,
      source_ref: e.sourceRef,
      reverses_entry_id: e.reversesEntryId,
      line_count: e.lineCount,
      total: e.total,
      lines_digest: e.linesDigest,
      created_by: e.createdBy
    })
    .onConflict((oc) => oc.columns(['coop_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Insert an entry and its lines in one statement, unless the idempotency key is taken
 * (then undefined; a concurrent insert of the same key is waited for).
 */
export async function insertEntryWithLines(
  trx: Tx,
  coopId: string,
  e: NewEntry,
  lines: readonly EntryLine[],
  audit?: { ctx: Pick<TenantCtx, 'coopId' | 'actor'>; entry: Omit<AuditInput, 'entityId'> }
): Promise<string | undefined> {
  const json = JSON.stringify(
    lines.map((l) => ({ line_no: l.lineNo, account_id: l.accountId, debit: l.debit, credit: l.credit, member_id: l.memberId, business_unit: l.businessUnit, memo: l.memo }))
  );
  // The audit line of a new entry goes in with it (recordAudit's row, entity_id = the new id).
  const a = audit && auditRow(audit.ctx, audit.entry);
  const auditCte = a
    ? sql`, a AS (
      INSERT INTO audit_log (coop_id, actor_account_id, action, entity, entity_id, before, after)
      SELECT ${a.coop_id}, ${a.actor_account_id}::uuid, ${a.action}, ${a.entity}, e.id::text, ${a.before}::jsonb, ${a.after}::jsonb FROM e)`
    : sql``;
  if (onCitus()) {
    // Citus (decision 0110): the entry, then its lines and audit line as VALUES, each a single-shard statement.
    const id = await insertEntry(trx, coopId, e);
    if (id === undefined) return undefined;
    await insertLines(trx, coopId, id, e.date, lines);
    if (a) await trx.insertInto('audit_log').values({ ...a, entity_id: id }).execute();
    return id;
  }
  // A named prepared statement (src/db/connection.ts): planned once per connection.
  const { rows } = await sql<{ id: string }>`/* prepare */ WITH e AS (
      INSERT INTO journal_entries (coop_id, idempotency_key, entry_date, description, source, source_ref, reverses_entry_id, line_count, total, lines_digest, created_by)
      VALUES (${coopId}, ${e.idempotencyKey}, ${e.date}::date, ${e.description}, ${e.source}, ${e.sourceRef}, ${e.reversesEntryId}::uuid, ${e.lineCount}, ${e.total}, ${e.linesDigest}, ${e.createdBy}::uuid)
      ON CONFLICT (coop_id, idempotency_key) DO NOTHING
      RETURNING id, entry_date),
    l AS (
      INSERT INTO journal_lines (coop_id, entry_id, line_no, entry_date, account_id, debit, credit, member_id, business_unit, memo)
      SELECT ${coopId}, e.id, x.line_no, e.entry_date, x.account_id, x.debit, x.credit, x.member_id, x.business_unit, x.memo
        FROM e, jsonb_to_recordset(${json}::jsonb) AS x(line_no smallint, account_id uuid, debit bigint, credit bigint, member_id uuid, business_unit text, memo text))${auditCte}
    SELECT id FROM e`.execute(trx);
  return rows[0]?.id;
}

/** A manual entry ready to write with others (see insertManualEntries). */
export type ManualEntry = { key: string; date: string; description: string; sourceRef: string | null; lines: readonly EntryLine[]; total: number; digest: string; createdBy: string | null; audit: unknown };

/**
 * Manual entries of several requests in one statement: entries, their lines and their audit
 * lines (ledger.entry.post), in idempotency-key order (so two such statements never wait for
 * each other's keys in a cycle); a key already taken is skipped. The new keys with their ids.
 */
export async function insertManualEntries(trx: Tx, coopId: string, entries: readonly ManualEntry[]): Promise<Map<string, string>> {
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (onCitus()) {
    // Citus (decision 0110): three multi-row VALUES inserts, in the same key order — the entries
    // (a key already taken is skipped), then all their lines, then all their audit lines. Each
    // names one cooperative, so each goes to one shard as one statement.
    const written = await trx
      .insertInto('journal_entries')
      .values(
        sorted.map((e) => ({
          coop_id: coopId,
          idempotency_key: e.key,
          entry_date: e.date,
          description: e.description,
          source: 'manual',
          source_ref: e.sourceRef,
          line_count: e.lines.length,
          total: e.total,
          lines_digest: e.digest,
          created_by: e.createdBy
        }))
      )
      .onConflict((oc) => oc.columns(['coop_id', 'idempotency_key']).doNothing())
      .returning(['id', 'idempotency_key'])
      .execute();
    const ids = new Map(written.map((r) => [r.idempotency_key, r.id]));
    const fresh = sorted.filter((e) => ids.has(e.key));
    if (fresh.length === 0) return ids;
    await trx
      .insertInto('journal_lines')
      .values(
        fresh.flatMap((e) =>
          e.lines.map((l) => ({
            coop_id: coopId,
            entry_id: ids.get(e.key)!,
            line_no: l.lineNo,
            entry_date: e.date,
            account_id: l.accountId,
            debit: l.debit,
            credit: l.credit,
            member_id: l.memberId,
            business_unit: l.businessUnit,
            memo: l.memo
          }))
        )
      )
      .execute();
    await trx
      .insertInto('audit_log')
      .values(
        fresh.map((e) => ({
          coop_id: coopId,
          actor_account_id: e.createdBy,
          action: 'ledger.entry.post',
          entity: 'journal_entry',
          entity_id: ids.get(e.key)!,
          after: e.audit === undefined ? null : JSON.stringify(e.audit)
        }))
      )
      .execute();
    return ids;
  }
  const json = JSON.stringify(
    sorted.map((e, i) => ({
      ord: i,
      k: e.key,
      d: e.date,
      description: e.description,
      source_ref: e.sourceRef,
      line_count: e.lines.length,
      total: e.total,
      digest: e.digest,
      created_by: e.createdBy,
      after: e.audit,
      lines: e.lines.map((l) => ({ line_no: l.lineNo, account_id: l.accountId, debit: l.debit, credit: l.credit, member_id: l.memberId, business_unit: l.businessUnit, memo: l.memo }))
    }))
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

export async function insertLines(trx: Tx, coopId: string, entryId: string, date: string, lines: readonly EntryLine[]): Promise<void> {
  await trx
    .insertInto('journal_lines')
    .values(
      lines.map((l) => ({
        coop_id: coopId,
        entry_id: entryId,
        line_no: l.lineNo,
        entry_date: date,
        account_id: l.accountId,
        debit: l.debit,
        credit: l.credit,
        member_id: l.memberId,
        business_unit: l.businessUnit,
        memo: l.memo
      }))
    )
    .execute();
}

export async function findEntryByKey(trx: Tx, coopId: string, key: string): Promise<{ id: string; lines_digest: string } | undefined> {
  return (await findEntriesByKeys(trx, coopId, [key])).get(key);
}

/** Entries by idempotency key (id and lines digest), for answering replays. */
export async function findEntriesByKeys(trx: Tx, coopId: string, keys: readonly string[]): Promise<Map<string, { id: string; lines_digest: string }>> {
  if (keys.length === 0) return new Map();
  const rows = await trx.selectFrom('journal_entries').select(['id', 'idempotency_key', 'lines_digest']).where('coop_id', '=', coopId).where('idempotency_key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.idempotency_key, { id: r.id, lines_digest: r.lines_digest }]));
}

const ENTRY_COLUMNS = [
  'id',
  'idempotency_key',
  'entry_date',
  'description',
  'source',
  'source_ref',
  'reverses_entry_id',
  'line_count',
  'total',
  'created_by',
  'created_at',
  'seq',
  'prev_hash',
  'hash'
] as const;

export type EntryRow = {
  id: string;
  idempotency_key: string;
  entry_date: string;
  description: string;
  source: string;
  source_ref: string | null;
  reverses_entry_id: string | null;
  line_count: number;
  total: number;
  created_by: string | null;
  created_at: Date;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
};

export type LineRow = {
  entry_id: string;
  line_no: number;
  account_id: string;
  debit: number;
  credit: number;
  member_id: string | null;
  business_unit: string | null;
  memo: string | null;
};

export async function findEntry(trx: Tx, coopId: string, id: string): Promise<EntryRow | undefined> {
  return trx.selectFrom('journal_entries').select(ENTRY_COLUMNS).where('coop_id', '=', coopId).where('id', '=', id).executeTakeFirst();
}

export async function findReversalOf(trx: Tx, coopId: string, id: string): Promise<string | undefined> {
  const row = await trx.selectFrom('journal_entries').select('id').where('coop_id', '=', coopId).where('reverses_entry_id', '=', id).executeTakeFirst();
  return row?.id;
}

export async function linesOf(trx: Tx, coopId: string, entryIds: string[]): Promise<LineRow[]> {
  if (entryIds.length === 0) return [];
  return trx
    .selectFrom('journal_lines')
    .select(['entry_id', 'line_no', 'account_id', 'debit', 'credit', 'member_id', 'business_unit', 'memo'])
    .where('coop_id', '=', coopId)
    .where('entry_id', 'in', entryIds)
    .orderBy('entry_id')
    .orderBy('line_no')
    .execute();
}

export function toEntryLine(l: LineRow): EntryLine {
  return { lineNo: l.line_no, accountId: l.account_id, debit: l.debit, credit: l.credit, memberId: l.member_id, businessUnit: l.business_unit, memo: l.memo };
}

export async function listEntries(trx: Tx, coopId: string, opts: { from?: string; to?: string; limit: number; offset: number }): Promise<{ rows: EntryRow[]; total: number }> {
  let q = trx.selectFrom('journal_entries').where('coop_id', '=', coopId);
  if (opts.from) q = q.where('entry_date', '>=', opts.from);
  if (opts.to) q = q.where('entry_date', '<=', opts.to);
  const [rows, count] = await Promise.all([
    q.select(ENTRY_COLUMNS).orderBy('entry_date', 'desc').orderBy('created_at', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  ]);
  return { rows, total: Number(count.n) };
}

// ---- sealing and verification ----

export async function lockChainHead(trx: Tx, coopId: string): Promise<{ last_seq: number; last_hash: string }> {
  const head = await trx.selectFrom('ledger_chain_heads').select(['last_seq', 'last_hash']).where('coop_id', '=', coopId).forUpdate().executeTakeFirst();
  if (head) return head;
  await trx.insertInto('ledger_chain_heads').values({ coop_id: coopId }).onConflict((oc) => oc.column('coop_id').doNothing()).execute();
  return trx.selectFrom('ledger_chain_heads').select(['last_seq', 'last_hash']).where('coop_id', '=', coopId).forUpdate().executeTakeFirstOrThrow();
}

export async function chainHead(trx: Tx, coopId: string): Promise<{ last_seq: number; last_hash: string } | undefined> {
  return trx.selectFrom('ledger_chain_heads').select(['last_seq', 'last_hash']).where('coop_id', '=', coopId).executeTakeFirst();
}

/** Committed entries without a place in the chain yet, oldest first. */
export async function unsealedEntries(trx: Tx, coopId: string, limit: number): Promise<EntryRow[]> {
  return trx.selectFrom('journal_entries').select(ENTRY_COLUMNS).where('coop_id', '=', coopId).where('seq', 'is', null).orderBy('created_at').orderBy('id').limit(limit).execute();
}

export async function countUnsealed(trx: Tx, coopId: string): Promise<number> {
  const row = await trx.selectFrom('journal_entries').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).where('seq', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Give entries their seq and hashes and move the chain head past them, in one statement. */
export async function sealEntries(trx: Tx, coopId: string, sealed: { id: string; seq: number; prevHash: string; hash: string }[]): Promise<void> {
  if (sealed.length === 0) return;
  const values = sql.join(sealed.map((s) => sql`(${s.id}::uuid, ${s.seq}::bigint, ${s.prevHash}, ${s.hash})`));
  const last = sealed[sealed.length - 1]!;
  await sql`WITH sealed AS (
      UPDATE journal_entries AS e SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash, sealed_at = now()
        FROM (VALUES ${values}) AS v(id, seq, prev_hash, hash)
       WHERE e.coop_id = ${coopId} AND e.id = v.id AND e.seq IS NULL
       RETURNING e.id)
    UPDATE ledger_chain_heads SET last_seq = ${last.seq}, last_hash = ${last.hash} WHERE coop_id = ${coopId}`.execute(trx);
}

/** The chain head, and an unsealed entry with its lines (all null when there is none to seal). */
export type UnsealedRow = Omit<EntryRow, 'id'> & { id: string | null; last_seq: number; last_hash: string; lines: LineRow[] | null };

/**
 * For the sealer, as plain SQL text sent after BEGIN in one round trip (withTenantReading):
 * lock the chain head, then — in a second statement, so with a snapshot taken after the
 * lock — read the head and up to `limit` unsealed entries, oldest first, each with its lines,
 * followed by one row with a null id (the head alone). No rows: the cooperative has no chain
 * head yet (see lockChainHead). Null when the id cannot be written as a literal. Every table is
 * filtered by the cooperative's id as a constant, so Citus routes it to one shard. No outer join:
 * with the row-level security qual, PostgreSQL 15 plans one that Citus refuses (decision 0110).
 */
export function lockAndReadUnsealedSql(coopId: string, limit: number): string | null {
  const coop = sqlLiteral(coopId);
  if (!coop || !Number.isSafeInteger(limit)) return null;
  return `SELECT 1 FROM ledger_chain_heads WHERE coop_id = ${coop}::uuid FOR UPDATE;
    SELECT h.last_seq, h.last_hash, e.*
      FROM ledger_chain_heads h
      CROSS JOIN LATERAL (
        SELECT e.id, e.idempotency_key, e.entry_date, e.description, e.source, e.source_ref, e.reverses_entry_id,
               e.line_count, e.total, e.created_by, e.created_at, e.seq, e.prev_hash, e.hash,
               (SELECT coalesce(json_agg(json_build_object('entry_id', l.entry_id, 'line_no', l.line_no, 'account_id', l.account_id, 'debit', l.debit,
                         'credit', l.credit, 'member_id', l.member_id, 'business_unit', l.business_unit, 'memo', l.memo) ORDER BY l.line_no), '[]'::json)
                  FROM journal_lines l WHERE l.coop_id = ${coop}::uuid AND l.entry_id = e.id) AS lines
          FROM journal_entries e
         WHERE e.coop_id = ${coop}::uuid AND e.seq IS NULL
         ORDER BY e.created_at, e.id
         LIMIT ${limit}) e
     WHERE h.coop_id = ${coop}::uuid
    UNION ALL
    SELECT h.last_seq, h.last_hash, NULL::uuid, NULL::text, NULL::date, NULL::text, NULL::text, NULL::text, NULL::uuid,
           NULL::integer, NULL::bigint, NULL::uuid, NULL::timestamptz, NULL::bigint, NULL::text, NULL::text, NULL::json
      FROM ledger_chain_heads h
     WHERE h.coop_id = ${coop}::uuid
     ORDER BY created_at, id`;
}

/** Sealed entries after `afterSeq`, in chain order, with their lines. */
export async function sealedEntriesAfter(trx: Tx, coopId: string, afterSeq: number, limit: number): Promise<StoredEntry[]> {
  const rows = await trx
    .selectFrom('journal_entries')
    .select([...ENTRY_COLUMNS])
    .where('coop_id', '=', coopId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  const lines = await linesOf(trx, coopId, rows.map((r) => r.id));
  const byEntry = new Map<string, LineRow[]>();
  for (const l of lines) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
  return rows.map((r) => toStored(coopId, r, byEntry.get(r.id) ?? []));
}

export function toStored(coopId: string, r: EntryRow, lines: LineRow[]): StoredEntry {
  return {
    coopId,
    id: r.id,
    seq: r.seq ?? 0,
    date: r.entry_date,
    description: r.description,
    source: r.source,
    sourceRef: r.source_ref,
    idempotencyKey: r.idempotency_key,
    reversesEntryId: r.reverses_entry_id,
    createdBy: r.created_by,
    lines: lines.map(toEntryLine),
    prevHash: r.prev_hash,
    hash: r.hash,
    lineCount: r.line_count,
    total: r.total
  };
}

// ---- aggregation for statements ----

/** Per account: debit − credit of all lines dated on or before each of `dates` (one scan). */
export async function balancesAt(trx: Tx, coopId: string, dates: string[]): Promise<Balances[]> {
  const max = dates.reduce((m, d) => (d > m ? d : m), dates[0]!);
  const sums = dates.map((d, i) => sql`coalesce(sum(debit - credit) FILTER (WHERE entry_date <= ${d}::date), 0)::bigint AS ${sql.ref(`b${i}`)}`);
  const { rows } = await sql<Record<string, string | number>>`SELECT account_id, ${sql.join(sums)}
    FROM journal_lines WHERE coop_id = ${coopId} AND entry_date <= ${max}::date GROUP BY account_id`.execute(trx);
  return dates.map((_, i) => new Map(rows.map((r) => [String(r.account_id), Number(r[`b${i}`])])));
}

/** Per account: debits and credits dated within [from, to]; closing entries may be left out. */
export async function movementsIn(trx: Tx, coopId: string, from: string, to: string, opts: { excludeClosing?: boolean } = {}): Promise<Movements> {
  const { rows } = await sql<{ account_id: string; debit: number; credit: number }>`SELECT l.account_id, coalesce(sum(l.debit), 0)::bigint AS debit, coalesce(sum(l.credit), 0)::bigint AS credit
    FROM journal_lines l
    WHERE l.coop_id = ${coopId} AND l.entry_date BETWEEN ${from}::date AND ${to}::date
    ${opts.excludeClosing ? sql`AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.coop_id = l.coop_id AND e.id = l.entry_id AND e.source = 'closing')` : sql``}
    GROUP BY l.account_id`.execute(trx);
  return new Map(rows.map((r) => [r.account_id, { debit: Number(r.debit), credit: Number(r.credit) }]));
}

/** Per non-cash account: credit − debit of its lines in [from, to] within entries that touch a cash account. */
export async function cashCounterparts(trx: Tx, coopId: string, from: string, to: string, cashAccountIds: string[]): Promise<Balances> {
  if (cashAccountIds.length === 0) return new Map();
  const ids = sql.join(cashAccountIds.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<{ account_id: string; amount: number }>`SELECT l.account_id, sum(l.credit - l.debit)::bigint AS amount
    FROM journal_lines l
    WHERE l.coop_id = ${coopId} AND l.entry_date BETWEEN ${from}::date AND ${to}::date AND l.account_id NOT IN (${ids})
      AND EXISTS (SELECT 1 FROM journal_lines c WHERE c.coop_id = l.coop_id AND c.entry_id = l.entry_id AND c.account_id IN (${ids}))
    GROUP BY l.account_id`.execute(trx);
  return new Map(rows.map((r) => [r.account_id, Number(r.amount)]));
}

export type ActivityLineRow = { account_id: string; entry_id: string; entry_date: string; description: string; debit: number; credit: number; memo: string | null };

/** Lines in [from, to] (of some accounts, or of one member), oldest first, with their entry's description. */
export async function activityLines(trx: Tx, coopId: string, from: string, to: string, filter: { accountIds?: string[]; memberId?: string }): Promise<ActivityLineRow[]> {
  let q = trx
    .selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', (j) => j.onRef('e.coop_id', '=', 'l.coop_id').onRef('e.id', '=', 'l.entry_id'))
    .select(['l.account_id', 'l.entry_id', 'l.entry_date', 'e.description', 'l.debit', 'l.credit', 'l.memo'])
    .where('l.coop_id', '=', coopId)
    .where('l.entry_date', '>=', from)
    .where('l.entry_date', '<=', to);
  if (filter.accountIds) q = q.where('l.account_id', 'in', filter.accountIds.length ? filter.accountIds : ['00000000-0000-0000-0000-000000000000']);
  if (filter.memberId) q = q.where('l.member_id', '=', filter.memberId);
  return q.orderBy('l.entry_date').orderBy('e.created_at').orderBy('l.line_no').execute();
}

/** A member's balances per account (debit − credit) up to each date, and their movements in ranges. */
export async function memberSums(trx: Tx, coopId: string, memberId: string, opening: string, prevFrom: string, prevTo: string): Promise<Map<string, { opening: number; prevDebit: number; prevCredit: number }>> {
  const { rows } = await sql<{ account_id: string; opening: number; prev_debit: number; prev_credit: number }>`SELECT account_id,
      coalesce(sum(debit - credit) FILTER (WHERE entry_date <= ${opening}::date), 0)::bigint AS opening,
      coalesce(sum(debit) FILTER (WHERE entry_date BETWEEN ${prevFrom}::date AND ${prevTo}::date), 0)::bigint AS prev_debit,
      coalesce(sum(credit) FILTER (WHERE entry_date BETWEEN ${prevFrom}::date AND ${prevTo}::date), 0)::bigint AS prev_credit
    FROM journal_lines WHERE coop_id = ${coopId} AND member_id = ${memberId} GROUP BY account_id`.execute(trx);
  return new Map(rows.map((r) => [r.account_id, { opening: Number(r.opening), prevDebit: Number(r.prev_debit), prevCredit: Number(r.prev_credit) }]));
}

export async function insertClosing(
  trx: Tx,
  coopId: string,
  row: { action: 'close' | 'reopen'; before: string | null; after: string | null; closingEntryId: string | null; reason: string | null; actorAccountId: string | null }
): Promise<void> {
  await trx
    .insertInto('ledger_closings')
    .values({
      coop_id: coopId,
      action: row.action,
      closed_through_before: row.before,
      closed_through_after: row.after,
      closing_entry_id: row.closingEntryId,
      reason: row.reason,
      actor_account_id: row.actorAccountId
    })
    .execute();
}

export async function listClosings(trx: Tx, coopId: string) {
  return trx
    .selectFrom('ledger_closings as c')
    .leftJoin('accounts as a', 'a.id', 'c.actor_account_id')
    .select(['c.id', 'c.action', 'c.closed_through_before', 'c.closed_through_after', 'c.closing_entry_id', 'c.reason', 'c.at', 'a.name as actor_name'])
    .where('c.coop_id', '=', coopId)
    .orderBy('c.id', 'desc')
    .execute();
}

export async function setClosedThrough(trx: Tx, coopId: string, date: string | null): Promise<void> {
  await trx.updateTable('ledger_settings').set({ closed_through: date, updated_at: sql`now()` as never }).where('coop_id', '=', coopId).execute();
}

export async function coopInfo(trx: Tx, coopId: string) {
  return trx.selectFrom('coops').select(['id', 'slug', 'name', 'legal_number', 'fiscal_year_start_month']).where('id', '=', coopId).executeTakeFirstOrThrow();
}
