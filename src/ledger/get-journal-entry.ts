import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { findEntry, findReversalOf, linesOf, listAccounts, type EntryRow } from './store.js';

export type JournalLineView = {
  lineNo: number;
  accountId: string;
  accountCode: string;
  accountName: string;
  debit: number;
  credit: number;
  memberId: string | null;
  memberName: string | null;
  businessUnit: string | null;
  memo: string | null;
};

export type JournalEntryView = {
  id: string;
  idempotencyKey: string;
  date: string;
  description: string;
  source: string;
  sourceRef: string | null;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
  total: number;
  createdAt: string;
  seq: number | null;
  hash: string | null;
  prevHash: string | null;
  lines: JournalLineView[];
};

export function entryHeader(r: EntryRow): Omit<JournalEntryView, 'lines' | 'reversedByEntryId'> {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    date: r.entry_date,
    description: r.description,
    source: r.source,
    sourceRef: r.source_ref,
    reversesEntryId: r.reverses_entry_id,
    total: r.total,
    createdAt: new Date(r.created_at).toISOString(),
    seq: r.seq,
    hash: r.hash,
    prevHash: r.prev_hash
  };
}

/** One journal entry with its lines, accounts and members named (ledger.read). */
export async function getJournalEntry(ctx: TenantCtx, entryId: string): Promise<JournalEntryView> {
  requirePermission(ctx, 'ledger.read');
  if (!/^[0-9a-f-]{36}$/i.test(entryId)) throw new AppError('NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findEntry(trx, ctx.coopId, entryId);
    if (!row) throw new AppError('NOT_FOUND');
    const [lines, accounts, reversedBy] = [await linesOf(trx, ctx.coopId, [row.id]), await listAccounts(trx, ctx.coopId), await findReversalOf(trx, ctx.coopId, row.id)];
    const memberIds = [...new Set(lines.map((l) => l.member_id).filter((m): m is string => m !== null))];
    const members = memberIds.length
      ? await trx.selectFrom('members').select(['id', 'full_name']).where('coop_id', '=', ctx.coopId).where('id', 'in', memberIds).execute()
      : [];
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const names = new Map(members.map((m) => [m.id, m.full_name]));
    return {
      ...entryHeader(row),
      reversedByEntryId: reversedBy ?? null,
      lines: lines.map((l) => {
        const a = byId.get(l.account_id);
        return {
          lineNo: l.line_no,
          accountId: l.account_id,
          accountCode: a?.code ?? '',
          accountName: (ctx.locale === 'en' && a?.nameEn) || a?.name || '',
          debit: l.debit,
          credit: l.credit,
          memberId: l.member_id,
          memberName: l.member_id ? (names.get(l.member_id) ?? null) : null,
          businessUnit: l.business_unit,
          memo: l.memo
        };
      })
    };
  });
}
