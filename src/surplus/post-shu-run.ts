import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { postEntry, type PostEntryInput } from '../ledger/post-entry.js';
import { requestSeal } from '../ledger/sealer.js';
import { getRunIn, type ShuRunView } from './get-run.js';
import { findRun, setRunStatus } from './store.js';

export function runRef(r: { fiscal_year: number; number: number }): string {
  return `SHU-${r.fiscal_year}-${r.number}`;
}

/**
 * APPROVED → POSTED: ONE balanced journal entry (surplus.md step 10): Dr SHU tahun berjalan =
 * pool; Cr Cadangan, Cr Utang SHU Anggota per member, Cr each dana. A loss year posts the
 * approved coverage instead (Dr Cadangan, Dr defisit, Cr SHU tahun berjalan) and nothing to
 * members. Dated today (the year itself is closed). The run row's lock and the entry's
 * idempotency key make a second or concurrent call post nothing and answer the same run.
 */
export async function postShuRun(ctx: TenantCtx, runId: string): Promise<ShuRunView> {
  requirePermission(ctx, 'shu.manage');
  const today = jakartaDate(ctx.clock.now());
  const view = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const run = await findRun(trx, ctx.coopId, runId, { lock: true });
    if (!run) throw new AppError('SHU_RUN_NOT_FOUND');
    if (run.status === 'posted' || run.status === 'paid') return (await getRunIn(trx, ctx.coopId, runId))!;
    if (run.status !== 'approved') throw new AppError('SHU_RUN_STATE', { params: { status: run.status } });
    const view = (await getRunIn(trx, ctx.coopId, runId))!;
    let lines: PostEntryInput['lines'] = [];
    if (view.outcome === 'DISTRIBUTED') {
      lines = view.journal.map((l) => ({ account: l.account, ...(l.debit ? { debit: l.debit } : {}), ...(l.credit ? { credit: l.credit } : {}), ...(l.memberId ? { memberId: l.memberId } : {}) }));
    } else if (view.coverage && view.pool < 0) {
      const { fromCadangan, carriedForward } = view.coverage;
      if (fromCadangan > 0) lines.push({ account: 'CADANGAN', debit: fromCadangan, memo: 'Penutupan kerugian dari cadangan' });
      if (carriedForward > 0) lines.push({ account: 'ACCUMULATED_DEFICIT', debit: carriedForward, memo: 'Defisit dibawa ke tahun berikutnya' });
      lines.push({ account: 'SHU_TAHUN_BERJALAN', credit: -view.pool });
    }
    let entryId: string | null = null;
    if (lines.length) {
      const posted = await postEntry(trx, ctx, {
        idempotencyKey: `shu:post:${runId}`,
        date: today,
        description: view.outcome === 'DISTRIBUTED' ? `Pembagian SHU tahun buku ${run.fiscal_year} (${runRef(run)}) — ${view.decision?.ref ?? ''}`.slice(0, 500) : `Penutupan kerugian tahun buku ${run.fiscal_year} (${runRef(run)})`,
        source: 'shu',
        sourceRef: runRef(run),
        lines
      });
      entryId = posted.entryId;
    }
    const nothingToPay = view.members.every((m) => m.payable === 0);
    await setRunStatus(trx, ctx.coopId, runId, 'posted', { posted_entry_id: entryId, posted_at: new Date() });
    if (nothingToPay) await setRunStatus(trx, ctx.coopId, runId, 'paid', { paid_at: new Date() });
    await recordAudit(trx, ctx, { action: 'shu.run.post', entity: 'shu_run', entityId: runId, after: { entryId, date: today } });
    return (await getRunIn(trx, ctx.coopId, runId))!;
  });
  requestSeal(ctx.coopId);
  return view;
}
