import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { presented, shuFigures } from '../ledger/report-model.js';
import { balancesAt, listAccounts, movementsIn } from '../ledger/store.js';
import { fiscalYearNumberOf, fiscalYearPeriod, membershipFigures, MINISTRY_COLUMNS, toCsv, ZFiscalYear, type MinistryRow } from './model.js';
import { coopHeader, memberRegister } from './store.js';

export type MinistryExport = { year: number; row: MinistryRow; csv: string; filename: string };

function yearOf(input: unknown, today: string, startMonth: number): number {
  if (input === undefined || input === null || input === '') return fiscalYearNumberOf(today, startMonth) - 1;
  const parsed = ZFiscalYear.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'year', code: 'invalid_format_value' }] });
  return parsed.data;
}

/**
 * The figures the Ministry's annual reporting asks for, for one fiscal year, as one CSV row
 * (columns: MINISTRY_COLUMNS). Members are counted on the last day of the year by their
 * join and leave dates; money comes from the ledger with the same functions as the
 * statements (capital = balances of the simpanan accounts, assets = total of the aset group,
 * volume usaha = operating income from members and non-members, SHU = net SHU before closing).
 */
export async function getMinistryExport(ctx: TenantCtx, yearInput?: unknown): Promise<MinistryExport> {
  requirePermission(ctx, 'reports.ministry');
  const today = jakartaDate(ctx.clock.now());
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const head = await coopHeader(trx, ctx.coopId);
    const year = yearOf(yearInput, today, head.fiscal_year_start_month);
    const period = fiscalYearPeriod(year, head.fiscal_year_start_month);
    const members = membershipFigures(await memberRegister(trx, ctx.coopId), period);
    const accounts = await listAccounts(trx, ctx.coopId);
    const [end] = await balancesAt(trx, ctx.coopId, [period.to]);
    const shu = shuFigures(accounts, await movementsIn(trx, ctx.coopId, period.from, period.to, { excludeClosing: true }));
    const bal = (key: string) => {
      const a = accounts.find((x) => x.systemKey === key);
      return a ? presented(a.group, end!.get(a.id) ?? 0) : 0;
    };
    const totalAssets = accounts.filter((a) => a.group === 'aset').reduce((s, a) => s + presented(a.group, end!.get(a.id) ?? 0), 0);
    const row: MinistryRow = {
      tahun_buku: year,
      periode_awal: period.from,
      periode_akhir: period.to,
      nama_koperasi: head.name,
      nomor_badan_hukum: head.legal_number ?? '',
      nik_koperasi: head.nik_koperasi ?? '',
      jumlah_anggota: members.total,
      anggota_laki_laki: members.men,
      anggota_perempuan: members.women,
      simpanan_pokok: bal('SIMPANAN_POKOK'),
      simpanan_wajib: bal('SIMPANAN_WAJIB'),
      simpanan_sukarela: bal('SIMPANAN_SUKARELA'),
      total_aset: totalAssets,
      volume_usaha: shu.memberIncome + shu.nonMemberIncome,
      shu_tahun_berjalan: shu.netShu
    };
    return { year, row, csv: toCsv(MINISTRY_COLUMNS, [row]), filename: `laporan-kementerian_${head.slug}_${year}.csv` };
  });
}
