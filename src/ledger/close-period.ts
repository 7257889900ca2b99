import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { isFiscalYearEnd, ZClosePeriodRequest, type EntryLine } from './model.js';
import { writeEntry } from './post-entry.js';
import { requestSeal } from './sealer.js';
import { balancesAt, coopInfo, ensureLedger, findAccountsByRefs, insertClosing, listAccounts, lockPeriodsExclusive, setClosedThrough } from './store.js';

export type ClosePeriodResult = { closedThrough: string; closingEntryId: string | null };

/**
 * The year-end closing entry: every income and expense balance up to `through` moved into
 * SHU tahun berjalan, so the surplus is equity the members' meeting can distribute.
 */
async function postClosingEntry(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor'>, through: string, seqNo: number): Promise<string | null> {
  const accounts = await listAccounts(trx, ctx.coopId);
  const [balances] = await balancesAt(trx, ctx.coopId, [through]);
  const lines: EntryLine[] = [];
  let net = 0;
  for (const a of accounts.filter((x) => x.group === 'pendapatan' || x.group === 'beban')) {
    const b = balances!.get(a.id) ?? 0;
    if (b === 0) continue;
    net += b;
    lines.push({ lineNo: lines.length + 1, accountId: a.id, debit: b < 0 ? -b : 0, credit: b > 0 ? b : 0, memberId: null, businessUnit: null, memo: null });
  }
  if (lines.length === 0) return null;
  const [shu] = await findAccountsByRefs(trx, ctx.coopId, ['SHU_TAHUN_BERJALAN']);
  if (!shu) throw new AppError('INTERNAL');
  // net = Σ(debit − credit) of the lines' accounts; the SHU line takes the other side.
  if (net !== 0) lines.push({ lineNo: lines.length + 1, accountId: shu.id, debit: net > 0 ? net : 0, credit: net < 0 ? -net : 0, memberId: null, businessUnit: null, memo: null });
  const total = lines.reduce((s, l) => s + l.debit, 0);
  const written = await writeEntry(trx, ctx, {
    idempotencyKey: `closing:${through}:${seqNo}`,
    date: through,
    description: `Penutupan buku tahun yang berakhir ${through}`,
    source: 'closing',
    sourceRef: null,
    reversesEntryId: null,
    lines,
    total
  });
  return written?.entryId ?? null;
}

/**
 * Close the books through a day (ledger.manage): later postings dated on or before it are
 * refused. Waits for postings in flight (they hold the periods lock shared). On a financial
 * year's last day the closing entry is posted first. Audited.
 */
export async function closePeriod(ctx: TenantCtx, input: unknown): Promise<ClosePeriodResult> {
  requirePermission(ctx, 'ledger.manage');
  const { throughDate: through } = parseInput(ZClosePeriodRequest, input);
  const today = jakartaDate(ctx.clock.now());
  const result = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockPeriodsExclusive(trx, ctx.coopId);
    const settings = await ensureLedger(trx, ctx.coopId);
    if (through > today || (settings.closedThrough && through <= settings.closedThrough)) {
      throw new AppError('LEDGER_CLOSE_INVALID', { params: { closedThrough: settings.closedThrough ?? '—' }, fields: [{ field: 'throughDate', code: 'date_invalid' }] });
    }
    const coop = await coopInfo(trx, ctx.coopId);
    const count = await trx.selectFrom('ledger_closings').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', ctx.coopId).executeTakeFirstOrThrow();
    const closingEntryId = isFiscalYearEnd(through, coop.fiscal_year_start_month) ? await postClosingEntry(trx, ctx, through, Number(count.n) + 1) : null;
    await setClosedThrough(trx, ctx.coopId, through);
    const actorAccountId = ctx.actor.via === 'system' ? null : ctx.actor.accountId;
    await insertClosing(trx, ctx.coopId, { action: 'close', before: settings.closedThrough, after: through, closingEntryId, reason: null, actorAccountId });
    await recordAudit(trx, ctx, { action: 'ledger.period.close', entity: 'ledger', entityId: ctx.coopId, before: { closedThrough: settings.closedThrough }, after: { closedThrough: through, closingEntryId } });
    return { closedThrough: through, closingEntryId };
  });
  requestSeal(ctx.coopId);
  return result;
}
