import { z } from 'zod';
import { withTenant } from '../db/tenant.js';
import { isValidPlainDate, jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { addDays, fiscalYearOf, previousPeriod, type Period } from './model.js';
import {
  buildAccountLedger,
  buildBalanceSheet,
  buildCashFlow,
  buildChangesInEquity,
  buildNotes,
  buildShuStatement,
  buildTrialBalance,
  REPORT_KINDS,
  shuFigures,
  type AccountActivity,
  type Report,
  type ReportKind
} from './report-model.js';
import { activityLines, balancesAt, cashCounterparts, coopInfo, ensureLedger, listAccounts, memberSums, movementsIn } from './store.js';

const plainDate = z.string().refine(isValidPlainDate, 'date_invalid');
export const ZReportRequest = z
  .object({ from: plainDate.optional(), to: plainDate.optional(), accountId: z.uuid().optional(), memberId: z.uuid().optional() })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'date_range_invalid', path: ['to'] });
export type ReportRequest = z.infer<typeof ZReportRequest>;

export function isReportKind(kind: string): kind is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(kind);
}

export type ReportResult = Report & { coopName: string; generatedAt: string };

/**
 * A financial statement for any period with the previous period of the same length beside
 * it (ledger.read; a member may read their own statement). Default period: the current
 * financial year. Kinds: posisi-keuangan, hasil-usaha, perubahan-ekuitas, arus-kas, catatan,
 * neraca-saldo, buku-besar (optionally one account), anggota (one member).
 */
export async function getReport(ctx: TenantCtx, kind: string, input: unknown = {}): Promise<ReportResult> {
  if (!isReportKind(kind)) throw new AppError('NOT_FOUND');
  const q = parseInput(ZReportRequest, input ?? {});
  if (kind === 'anggota') {
    if (!q.memberId) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'memberId', code: 'required' }] });
    if (!can(ctx, 'ledger.read')) {
      const own = await withTenant(ctx.db, ctx.coopId, (trx) =>
        trx.selectFrom('members').select('id').where('coop_id', '=', ctx.coopId).where('id', '=', q.memberId!).where('account_id', '=', ctx.actor.accountId).executeTakeFirst()
      );
      if (!own) throw new AppError('FORBIDDEN');
    }
  } else {
    requirePermission(ctx, 'ledger.read');
  }
  const tr = (key: string, params?: Record<string, unknown>) => t(ctx.locale, key, params);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const settings = await ensureLedger(trx, ctx.coopId);
    const coop = await coopInfo(trx, ctx.coopId);
    const fy = fiscalYearOf(jakartaDate(ctx.clock.now()), coop.fiscal_year_start_month);
    const period: Period = { from: q.from ?? fy.from, to: q.to ?? (q.from && q.from > fy.to ? q.from : fy.to) };
    if (period.from > period.to) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'to', code: 'date_range_invalid' }] });
    const prev = previousPeriod(period);
    const accounts = await listAccounts(trx, ctx.coopId);
    const c = { accounts, t: tr, locale: ctx.locale };
    const dayBefore = addDays(period.from, -1);
    const dayBeforePrev = addDays(prev.from, -1);
    let report: Report;
    switch (kind) {
      case 'posisi-keuangan': {
        const [end, prevEnd] = await balancesAt(trx, ctx.coopId, [period.to, prev.to]);
        report = buildBalanceSheet(c, period, prev, end!, prevEnd!);
        break;
      }
      case 'hasil-usaha': {
        const cur = await movementsIn(trx, ctx.coopId, period.from, period.to, { excludeClosing: true });
        const before = await movementsIn(trx, ctx.coopId, prev.from, prev.to, { excludeClosing: true });
        report = buildShuStatement(c, period, prev, cur, before);
        break;
      }
      case 'perubahan-ekuitas': {
        const [b0, b1, b2] = await balancesAt(trx, ctx.coopId, [dayBeforePrev, prev.to, period.to]);
        const movCur = await movementsIn(trx, ctx.coopId, period.from, period.to);
        const movPrev = await movementsIn(trx, ctx.coopId, prev.from, prev.to);
        const shuCur = shuFigures(accounts, await movementsIn(trx, ctx.coopId, period.from, period.to, { excludeClosing: true }));
        const shuPrev = shuFigures(accounts, await movementsIn(trx, ctx.coopId, prev.from, prev.to, { excludeClosing: true }));
        report = buildChangesInEquity(
          c,
          period,
          prev,
          { opening: b1!, closing: b2!, movements: movCur, netShu: shuCur.netShu },
          { opening: b0!, closing: b1!, movements: movPrev, netShu: shuPrev.netShu }
        );
        break;
      }
      case 'arus-kas': {
        const cashIds = accounts.filter((a) => a.cashFlow === 'kas').map((a) => a.id);
        const [b0, b1, b2] = await balancesAt(trx, ctx.coopId, [dayBeforePrev, prev.to, period.to]);
        const cash = (b: ReadonlyMap<string, number>) => cashIds.reduce((s, id) => s + (b.get(id) ?? 0), 0);
        report = buildCashFlow(
          c,
          period,
          prev,
          { counterparts: await cashCounterparts(trx, ctx.coopId, period.from, period.to, cashIds), cashOpening: cash(b1!), cashClosing: cash(b2!) },
          { counterparts: await cashCounterparts(trx, ctx.coopId, prev.from, prev.to, cashIds), cashOpening: cash(b0!), cashClosing: cash(b1!) }
        );
        break;
      }
      case 'neraca-saldo': {
        const [end, prevEnd] = await balancesAt(trx, ctx.coopId, [period.to, prev.to]);
        report = buildTrialBalance(c, period, prev, await movementsIn(trx, ctx.coopId, period.from, period.to), end!, prevEnd!);
        break;
      }
      case 'buku-besar': {
        const chosen = q.accountId ? accounts.filter((a) => a.id === q.accountId) : accounts;
        if (q.accountId && chosen.length === 0) throw new AppError('NOT_FOUND');
        const [opening] = await balancesAt(trx, ctx.coopId, [dayBefore]);
        const prevMov = await movementsIn(trx, ctx.coopId, prev.from, prev.to);
        const lines = await activityLines(trx, ctx.coopId, period.from, period.to, { accountIds: chosen.map((a) => a.id) });
        const activity: AccountActivity[] = chosen
          .map((a) => ({
            account: a,
            opening: opening!.get(a.id) ?? 0,
            previous: prevMov.get(a.id) ?? { debit: 0, credit: 0 },
            lines: lines.filter((l) => l.account_id === a.id).map((l) => ({ date: l.entry_date, entryId: l.entry_id, description: l.description, debit: l.debit, credit: l.credit, memo: l.memo }))
          }))
          .filter((x) => q.accountId || x.lines.length > 0 || x.opening !== 0);
        report = buildAccountLedger(c, 'buku-besar', tr('ledger.reports.buku-besar'), period, prev, activity);
        break;
      }
      case 'anggota': {
        const member = await trx.selectFrom('members').select(['id', 'full_name', 'member_no']).where('coop_id', '=', ctx.coopId).where('id', '=', q.memberId!).executeTakeFirst();
        if (!member) throw new AppError('MEMBER_NOT_FOUND');
        const sums = await memberSums(trx, ctx.coopId, member.id, dayBefore, prev.from, prev.to);
        const lines = await activityLines(trx, ctx.coopId, period.from, period.to, { memberId: member.id });
        const ids = new Set([...sums.keys(), ...lines.map((l) => l.account_id)]);
        const activity: AccountActivity[] = accounts
          .filter((a) => ids.has(a.id))
          .map((a) => ({
            account: a,
            opening: sums.get(a.id)?.opening ?? 0,
            previous: { debit: sums.get(a.id)?.prevDebit ?? 0, credit: sums.get(a.id)?.prevCredit ?? 0 },
            lines: lines.filter((l) => l.account_id === a.id).map((l) => ({ date: l.entry_date, entryId: l.entry_id, description: l.description, debit: l.debit, credit: l.credit, memo: l.memo }))
          }));
        const no = member.member_no ? ` (No. ${String(member.member_no).padStart(4, '0')})` : '';
        report = buildAccountLedger(c, 'anggota', tr('ledger.reports.anggota'), period, prev, activity, `${member.full_name}${no}`);
        break;
      }
      case 'catatan': {
        const [end, prevEnd] = await balancesAt(trx, ctx.coopId, [period.to, prev.to]);
        const bs = buildBalanceSheet(c, period, prev, end!, prevEnd!);
        const shu = shuFigures(accounts, await movementsIn(trx, ctx.coopId, period.from, period.to, { excludeClosing: true }));
        const previousShu = shuFigures(accounts, await movementsIn(trx, ctx.coopId, prev.from, prev.to, { excludeClosing: true }));
        report = buildNotes(c, period, prev, {
          coopName: coop.name,
          legalNumber: coop.legal_number,
          capitalClassification: settings.capitalClassification,
          closedThrough: settings.closedThrough,
          balanceSheet: bs,
          shu,
          previousShu
        });
        break;
      }
    }
    return { ...report, coopName: coop.name, generatedAt: ctx.clock.now().toISOString() };
  });
}
