import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import type { Tx } from '../db/tenant.js';
import { getJournalEntry, type JournalEntryView } from './get-journal-entry.js';
import { reverseLines, ZReverseEntryRequest } from './model.js';
import { writeEntry } from './post-entry.js';
import { requestSeal } from './sealer.js';
import { ensureLedger, findEntry, findReversalOf, linesOf, lockPeriodsShared, toEntryLine } from './store.js';

/**
 * Post the reversing entry of `entryId` inside the caller's transaction: every line's
 * sides swapped, linked to the original. An entry is reversed at most once (unique link
 * and idempotency key `reverse:<id>`). The reversal's date must be in an open period.
 */
export async function postReversal(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor'>, entryId: string, date: string, reason: string): Promise<string> {
  await lockPeriodsShared(trx, ctx.coopId);
  const settings = await ensureLedger(trx, ctx.coopId);
  const original = await findEntry(trx, ctx.coopId, entryId);
  if (!original) throw new AppError('NOT_FOUND');
  if (await findReversalOf(trx, ctx.coopId, entryId)) throw new AppError('LEDGER_ALREADY_REVERSED');
  if (settings.closedThrough && date <= settings.closedThrough) {
    throw new AppError('LEDGER_PERIOD_CLOSED', { params: { closedThrough: settings.closedThrough, date }, fields: [{ field: 'date', code: 'ledger_period_closed' }] });
  }
  const lines = reverseLines((await linesOf(trx, ctx.coopId, [entryId])).map(toEntryLine));
  const written = await writeEntry(trx, ctx, {
    idempotencyKey: `reverse:${entryId}`,
    date,
    description: `${reason} (${original.description})`.slice(0, 500),
    source: 'reversal',
    sourceRef: original.source_ref,
    reversesEntryId: entryId,
    lines,
    total: original.total
  });
  // A concurrent reversal took the key first.
  if (!written) throw new AppError('LEDGER_ALREADY_REVERSED');
  return written.entryId;
}

/** Reverse a posted entry (a correction never edits it): ledger.post, audited. */
export async function reverseEntry(ctx: TenantCtx, entryId: string, input: unknown): Promise<JournalEntryView> {
  requirePermission(ctx, 'ledger.post');
  if (!/^[0-9a-f-]{36}$/i.test(entryId)) throw new AppError('NOT_FOUND');
  const data = parseInput(ZReverseEntryRequest, input);
  const date = data.date ?? jakartaDate(ctx.clock.now());
  const id = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const reversalId = await postReversal(trx, ctx, entryId, date, data.reason);
    await recordAudit(trx, ctx, { action: 'ledger.entry.reverse', entity: 'journal_entry', entityId: entryId, after: { reversalEntryId: reversalId, date, reason: data.reason } });
    return reversalId;
  });
  requestSeal(ctx.coopId);
  return getJournalEntry(ctx, id);
}
