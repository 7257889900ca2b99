import { z } from 'zod';
import { isValidPlainDate } from '../kernel/clock.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { entryHeader, type JournalEntryView } from './get-journal-entry.js';
import { listEntries } from './store.js';

export const ZListEntriesRequest = z.object({
  from: z.string().refine(isValidPlainDate, 'date_invalid').optional(),
  to: z.string().refine(isValidPlainDate, 'date_invalid').optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional()
});

export type EntrySummary = Omit<JournalEntryView, 'lines' | 'reversedByEntryId'>;

/** The general journal, newest first, paged (ledger.read). */
export async function listJournalEntries(ctx: TenantCtx, input: unknown = {}): Promise<{ items: EntrySummary[]; total: number; page: number; pageSize: number }> {
  requirePermission(ctx, 'ledger.read');
  const q = parseInput(ZListEntriesRequest, input ?? {});
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const { rows, total } = await withTenant(ctx.db, ctx.coopId, (trx) => listEntries(trx, ctx.coopId, { from: q.from, to: q.to, limit: pageSize, offset: (page - 1) * pageSize }));
  return { items: rows.map(entryHeader), total, page, pageSize };
}
