import { withTenantReading } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { getJournalEntry, type JournalEntryView } from './get-journal-entry.js';
import { ZJournalEntryRequest, type JournalEntryRequest } from './model.js';
import { submitPosting, type BatchOutcome } from './posting-batch.js';
import { postEntryResolved } from './post-entry.js';
import { requestSeal } from './sealer.js';
import { postingContextSql, toPostingContext, type PostingContextRow } from './store.js';

/**
 * A manual journal entry by the board (bendahara or ketua), from the form or the API.
 * Idempotent by the request's key (the form carries one per page load, so a double
 * submit posts once); audited when it posts; sealed into the chain right after commit.
 */
export async function postJournalEntry(ctx: TenantCtx, input: unknown): Promise<{ entry: JournalEntryView; created: boolean }> {
  requirePermission(ctx, 'ledger.post');
  const data = parseInput(ZJournalEntryRequest, input);
  // Concurrent postings to the cooperative share one transaction and one commit (posting-batch.ts).
  const result = await submitPosting(ctx, data, postAlone);
  // A replay answers with the stored entry; a new one is described from what was just written.
  if (!result.created) return { entry: await getJournalEntry(ctx, result.entryId), created: false };
  return { entry: describeNew(ctx, data, result), created: true };
}

/** The view of an entry just written, from what was written (no read back). */
function describeNew(ctx: TenantCtx, data: JournalEntryRequest, result: Extract<BatchOutcome, { created: true }>): JournalEntryView {
  const byId = new Map(result.accounts.map((a) => [a.id, a]));
  const entry: JournalEntryView = {
    id: result.entryId,
    idempotencyKey: data.idempotencyKey,
    date: data.date,
    description: data.description,
    source: 'manual',
    sourceRef: data.sourceRef ?? null,
    reversesEntryId: null,
    reversedByEntryId: null,
    total: result.lines.reduce((s, l) => s + l.debit, 0),
    createdAt: ctx.clock.now().toISOString(),
    seq: null,
    hash: null,
    prevHash: null,
    lines: result.lines.map((l) => {
      const a = byId.get(l.accountId);
      return {
        lineNo: l.lineNo,
        accountId: l.accountId,
        accountCode: a?.code ?? '',
        accountName: (ctx.locale === 'en' && a?.nameEn) || a?.name || '',
        debit: l.debit,
        credit: l.credit,
        memberId: l.memberId,
        memberName: l.memberId ? (result.memberNames.get(l.memberId) ?? null) : null,
        businessUnit: l.businessUnit,
        memo: l.memo
      };
    })
  };
  return entry;
}

/**
 * One posting in its own transaction, in three round trips: BEGIN with the posting context
 * (periods lock, settings, accounts); the entry, its lines and its audit line in one
 * statement; COMMIT. Sealed into the chain right after commit.
 */
async function postAlone(ctx: TenantCtx, data: JournalEntryRequest): Promise<BatchOutcome> {
  const refs = [...new Set(data.lines.map((l) => l.account))].filter((r) => !r.includes('\0'));
  const result = await withTenantReading<PostingContextRow, BatchOutcome>(ctx.db, ctx.coopId, postingContextSql(ctx.coopId, refs), async (trx, rows) => {
    const r = await postEntryResolved(trx, ctx, { ...data, source: 'manual' }, {
      context: rows[0] ? { refs, context: toPostingContext(rows[0]) } : undefined,
      audit: { action: 'ledger.entry.post', entity: 'journal_entry', after: { ...data, source: 'manual' } }
    });
    if (!r.created) return { created: false, entryId: r.entryId };
    const memberIds = [...new Set(r.lines.map((l) => l.memberId).filter((m): m is string => m !== null))];
    const members = memberIds.length ? await trx.selectFrom('members').select(['id', 'full_name']).where('coop_id', '=', ctx.coopId).where('id', 'in', memberIds).execute() : [];
    return { created: true, entryId: r.entryId, lines: r.lines, accounts: r.accounts, memberNames: new Map(members.map((m) => [m.id, m.full_name])) };
  });
  requestSeal(ctx.coopId);
  return result;
}
