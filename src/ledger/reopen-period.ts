import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZReopenPeriodRequest } from './model.js';
import { postReversal } from './reverse-entry.js';
import { requestSeal } from './sealer.js';
import { ensureLedger, insertClosing, lockPeriodsExclusive, setClosedThrough } from './store.js';

/**
 * Reopen the most recent closing (ketua only, with a reason; audited). The books go back to
 * being closed through the date before that closing, and its year-end closing entry, if any,
 * is reversed (never deleted), so re-closing posts a fresh one. Older closings can be reopened
 * one at a time, newest first. See docs/decisions/0040-ledger-append-only-and-sealed-chain.md.
 */
export async function reopenPeriod(ctx: TenantCtx, input: unknown): Promise<{ closedThrough: string | null }> {
  requirePermission(ctx, 'ledger.reopen');
  const { reason } = parseInput(ZReopenPeriodRequest, input);
  const result = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockPeriodsExclusive(trx, ctx.coopId);
    const settings = await ensureLedger(trx, ctx.coopId);
    if (!settings.closedThrough) throw new AppError('LEDGER_REOPEN_NOTHING');
    const last = await trx
      .selectFrom('ledger_closings')
      .select(['id', 'closed_through_before', 'closing_entry_id'])
      .where('coop_id', '=', ctx.coopId)
      .where('action', '=', 'close')
      .where('closed_through_after', '=', settings.closedThrough)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!last) throw new AppError('LEDGER_REOPEN_NOTHING');
    await setClosedThrough(trx, ctx.coopId, last.closed_through_before);
    let reversalId: string | null = null;
    if (last.closing_entry_id) {
      reversalId = await postReversal(trx, ctx, last.closing_entry_id, settings.closedThrough, `Pembukaan kembali buku: ${reason}`);
    }
    const actorAccountId = ctx.actor.via === 'system' ? null : ctx.actor.accountId;
    await insertClosing(trx, ctx.coopId, { action: 'reopen', before: settings.closedThrough, after: last.closed_through_before, closingEntryId: reversalId, reason, actorAccountId });
    await recordAudit(trx, ctx, {
      action: 'ledger.period.reopen',
      entity: 'ledger',
      entityId: ctx.coopId,
      before: { closedThrough: settings.closedThrough },
      after: { closedThrough: last.closed_through_before, reason, reversalEntryId: reversalId }
    });
    return { closedThrough: last.closed_through_before };
  });
  requestSeal(ctx.coopId);
  return result;
}
