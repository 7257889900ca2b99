import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { postReversal } from '../ledger/reverse-entry.js';
import { requestSeal } from '../ledger/sealer.js';
import { getRunIn, type ShuRunView } from './get-run.js';
import { ZReverseRunRequest } from './requests.js';
import { findRun, paymentCount, setRunStatus } from './store.js';

/**
 * A correction of a POSTED run (decision 0090): its posting is reversed by a reversing entry
 * (never edited) and the run becomes REVERSED; the year can then be computed again as a new
 * run that goes through the RAT again. Refused once any member has been paid.
 */
export async function reverseShuRun(ctx: TenantCtx, runId: string, input: unknown): Promise<ShuRunView> {
  requirePermission(ctx, 'shu.manage');
  const data = parseInput(ZReverseRunRequest, input ?? {});
  const date = data.date ?? jakartaDate(ctx.clock.now());
  const view = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const run = await findRun(trx, ctx.coopId, runId, { lock: true });
    if (!run) throw new AppError('SHU_RUN_NOT_FOUND');
    if (run.status !== 'posted') throw new AppError('SHU_RUN_STATE', { params: { status: run.status } });
    if ((await paymentCount(trx, ctx.coopId, runId)) > 0) throw new AppError('SHU_RUN_HAS_PAYMENTS');
    const reversalId = run.posted_entry_id ? await postReversal(trx, ctx, run.posted_entry_id, date, `Koreksi SHU: ${data.reason}`) : null;
    await setRunStatus(trx, ctx.coopId, runId, 'reversed', { reversal_entry_id: reversalId, reversed_at: new Date() });
    await recordAudit(trx, ctx, { action: 'shu.run.reverse', entity: 'shu_run', entityId: runId, after: { reversalEntryId: reversalId, reason: data.reason } });
    return (await getRunIn(trx, ctx.coopId, runId))!;
  });
  requestSeal(ctx.coopId);
  return view;
}
