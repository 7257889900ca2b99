import { formatIdr } from '../kernel/money.js';
import type { Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { checkEntryLines, linesDigest, ZPostEntryRequest, type EntryLine, type LedgerAccount, type PostEntryRequest } from './model.js';
import { hintSeal } from './sealer.js';
import type { AuditInput } from '../audit/record-audit.js';
import { ensureLedger, existingMemberIds, findEntryByKey, insertEntryWithLines, postingContext, type PostingContext } from './store.js';

export type PostEntryInput = {
  idempotencyKey: string;
  date: string;
  description: string;
  source: string;
  sourceRef?: string;
  lines: { account: string; debit?: number; credit?: number; memberId?: string; businessUnit?: string; memo?: string }[];
};
export type PostEntryResult = { entryId: string; created: boolean };

/**
 * For callers on a hot path: `context` is the posting context already read in this
 * transaction (see postingContextSql: the periods lock is then already held), and `audit`
 * is written together with a new entry (entity_id = the entry), not at all for a replay.
 */
export type PostEntryOptions = { context?: { refs: readonly string[]; context: PostingContext }; audit?: Omit<AuditInput, 'entityId'> };

const rupiah = { format: (v: number) => formatIdr(v) };

/**
 * THE posting function: every capability posts to the ledger through this, inside its own
 * transaction (`trx` from withTenant), so the business change and its journal entry commit
 * or roll back together. Lines name accounts by system key (CASH, SIMPANAN_WAJIB, …) or code.
 *
 * - The same idempotency key posts once: a repeat (also a concurrent one: the unique key
 *   makes it wait for the first) returns the first entry with `created: false` and writes
 *   nothing; a repeat with different lines is LEDGER_IDEMPOTENCY_CONFLICT.
 * - Unbalanced → LEDGER_UNBALANCED; bad lines → VALIDATION_FAILED with `lines.N.field` issues;
 *   a date in a closed period → LEDGER_PERIOD_CLOSED. The database checks balance again at commit.
 * - The chart of accounts is copied from the template on the cooperative's first posting.
 * It writes no audit line: the caller audits its business action, and the journal itself is
 * the append-only, hash-chained record.
 */
export async function postEntry(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor'>, input: PostEntryInput): Promise<PostEntryResult> {
  const { entryId, created } = await postEntryResolved(trx, ctx, input);
  return { entryId, created };
}

/** postEntry, also answering with the validated request, the resolved lines and their accounts. */
export async function postEntryResolved(
  trx: Tx,
  ctx: Pick<TenantCtx, 'coopId' | 'actor'>,
  input: PostEntryInput,
  opts: PostEntryOptions = {}
): Promise<PostEntryResult & { data: PostEntryRequest; lines: EntryLine[]; accounts: LedgerAccount[] }> {
  const data: PostEntryRequest = parseInput(ZPostEntryRequest, input);
  const coopId = ctx.coopId;
  // A NUL cannot reach PostgreSQL in text: such a reference names no account (ledger_account_unknown).
  const refs = [...new Set(data.lines.map((l) => l.account))].filter((r) => !r.includes('\0'));
  // The periods lock (shared: postings never wait for each other, only for a closing), the settings and the named accounts.
  const prefetched = opts.context && refs.every((r) => opts.context!.refs.includes(r)) ? opts.context.context : undefined;
  let context = prefetched ?? (await postingContext(trx, coopId, refs));
  if (!context.hasLedger) {
    await ensureLedger(trx, coopId);
    context = await postingContext(trx, coopId, refs);
  }
  const settings = { closedThrough: context.closedThrough };
  const accounts = context.accounts;
  const memberIds = [...new Set(data.lines.map((l) => l.memberId).filter((m): m is string => m !== undefined))];
  const known = memberIds.length ? await existingMemberIds(trx, coopId, memberIds) : new Set<string>();
  const check = resolveEntryLines(data.lines, accounts, known);
  const digest = linesDigest(check.lines);

  const more = { data, lines: check.lines, accounts };
  const replay = async () => {
    const existing = await findEntryByKey(trx, coopId, data.idempotencyKey);
    if (!existing) return undefined;
    if (existing.lines_digest !== digest) throw new AppError('LEDGER_IDEMPOTENCY_CONFLICT', { fields: [{ field: 'idempotencyKey', code: 'ledger_key_reused' }] });
    return { entryId: existing.id, created: false, ...more };
  };

  if (settings.closedThrough && data.date <= settings.closedThrough) {
    // A retry of something posted before the period closed is still answered.
    const earlier = await replay();
    if (earlier) return earlier;
    throw new AppError('LEDGER_PERIOD_CLOSED', { params: { closedThrough: settings.closedThrough, date: data.date }, fields: [{ field: 'date', code: 'ledger_period_closed' }] });
  }

  const written = await writeEntry(trx, ctx, {
    idempotencyKey: data.idempotencyKey,
    date: data.date,
    description: data.description,
    source: data.source,
    sourceRef: data.sourceRef ?? null,
    reversesEntryId: null,
    lines: check.lines,
    total: check.total
  }, opts.audit);
  return written ? { ...written, ...more } : (await replay())!;
}

/**
 * Resolve and check a request's lines against the named accounts and the cooperative's
 * members (`knownMembers`: those of the lines' member ids that exist): the resolved lines
 * and their total, or LEDGER_UNBALANCED / VALIDATION_FAILED with `lines.N.field` issues.
 */
export function resolveEntryLines(
  lines: PostEntryRequest['lines'],
  accounts: readonly LedgerAccount[],
  knownMembers: ReadonlySet<string>
): { lines: EntryLine[]; total: number } {
  const find = (ref: string): LedgerAccount | undefined => accounts.find((a) => a.systemKey === ref) ?? accounts.find((a) => a.code === ref);
  const check = checkEntryLines(lines, find);
  if (!check.ok) {
    if (check.unbalanced) {
      const params = { debit: rupiah.format(check.debit), credit: rupiah.format(check.credit) };
      throw new AppError('LEDGER_UNBALANCED', { params, fields: check.fields.map((f) => ({ ...f, params })) });
    }
    throw new AppError('VALIDATION_FAILED', { fields: check.fields });
  }
  const unknown = check.lines.filter((l) => l.memberId && !knownMembers.has(l.memberId));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', { fields: unknown.map((l) => ({ field: `lines.${l.lineNo - 1}.memberId`, code: 'ledger_member_unknown' })) });
  return { lines: check.lines, total: check.total };
}

/**
 * Write a validated entry (lines already resolved to account ids, period already checked,
 * the periods lock held). Undefined when its idempotency key was taken.
 */
export async function writeEntry(
  trx: Tx,
  ctx: Pick<TenantCtx, 'coopId' | 'actor'>,
  e: { idempotencyKey: string; date: string; description: string; source: string; sourceRef: string | null; reversesEntryId: string | null; lines: EntryLine[]; total: number },
  audit?: Omit<AuditInput, 'entityId'>
): Promise<PostEntryResult | undefined> {
  const entryId = await insertEntryWithLines(trx, ctx.coopId, {
    idempotencyKey: e.idempotencyKey,
    date: e.date,
    description: e.description,
    source: e.source,
    sourceRef: e.sourceRef,
    reversesEntryId: e.reversesEntryId,
    lineCount: e.lines.length,
    total: e.total,
    linesDigest: linesDigest(e.lines),
    createdBy: ctx.actor.via === 'system' ? null : ctx.actor.accountId
  }, e.lines, audit && { ctx, entry: audit });
  if (!entryId) return undefined;
  hintSeal(ctx.coopId);
  return { entryId, created: true };
}
