import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { fiscalYearOf } from '../ledger/model.js';
import { postJournalEntry } from '../ledger/post-journal-entry.js';

/**
 * Bookkeeping of the demo cooperative's last complete fiscal year (and one entry the year
 * before), so the RAT report (which defaults to that year) has sales per product line, member
 * and non-member income, and the education and social funds' use to show.
 */
export async function seedReportsDemo(ctx: TenantCtx): Promise<void> {
  const coop = await ctx.db.selectFrom('coops').select('fiscal_year_start_month').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
  const current = fiscalYearOf(jakartaDate(ctx.clock.now()), coop.fiscal_year_start_month);
  const y = Number(current.from.slice(0, 4)) - 1;
  const m = current.from.slice(5, 7);
  const at = (yearOffset: number, month: number, day: number) => {
    const start = new Date(Date.UTC(y + yearOffset, Number(m) - 1 + month, day));
    return start.toISOString().slice(0, 10);
  };
  const entries: [string, string, [string, number, number, string?][]][] = [
    [at(-1, 9, 12), 'Penjualan kain tenun di pameran (tahun sebelumnya)', [['CASH', 1_800_000, 0], ['SALES_NON_MEMBER', 0, 1_800_000, 'busana']]],
    [at(0, 0, 20), 'Hibah pelatihan dari dinas untuk dana pendidikan', [['BANK', 3_000_000, 0], ['DANA_PENDIDIKAN', 0, 3_000_000]]],
    [at(0, 1, 14), 'Penjualan album keroncong anggota', [['BANK', 2_750_000, 0], ['SALES_MEMBER', 0, 2_750_000, 'suara']]],
    [at(0, 3, 2), 'Penjualan batik tulis ke butik', [['BANK', 4_600_000, 0], ['SALES_NON_MEMBER', 0, 4_600_000, 'busana']]],
    [at(0, 4, 18), 'Pelatihan pembukuan dan hak cipta untuk anggota', [['DANA_PENDIDIKAN', 1_200_000, 0], ['CASH', 0, 1_200_000]]],
    [at(0, 5, 9), 'Penjualan ilustrasi anggota', [['CASH', 1_900_000, 0], ['SALES_MEMBER', 0, 1_900_000, 'rupa']]],
    [at(0, 6, 1), 'Sumbangan warga untuk dana sosial', [['CASH', 800_000, 0], ['DANA_SOSIAL', 0, 800_000]]],
    [at(0, 7, 22), 'Santunan anggota yang sakit', [['DANA_SOSIAL', 500_000, 0], ['CASH', 0, 500_000]]],
    [at(0, 8, 5), 'Tiket pentas teater umum', [['BANK', 3_400_000, 0], ['SERVICE_NON_MEMBER', 0, 3_400_000, 'agenda']]],
    [at(0, 9, 30), 'Sewa sanggar setahun', [['RENT', 2_400_000, 0], ['CASH', 0, 2_400_000]]]
  ];
  for (const [i, [date, description, lines]] of entries.entries()) {
    await postJournalEntry(ctx, {
      idempotencyKey: `demo-reports-${i + 1}`,
      date,
      description,
      sourceRef: `BKM-R${String(i + 1).padStart(2, '0')}`,
      lines: lines.map(([account, debit, credit, unit]) => ({ account, ...(debit ? { debit } : { credit }), ...(unit ? { businessUnit: unit } : {}) }))
    });
  }
}
