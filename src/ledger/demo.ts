import type { TenantCtx } from '../kernel/context.js';
import { addDays } from './model.js';
import { postJournalEntry } from './post-journal-entry.js';
import { jakartaDate } from '../kernel/clock.js';

/**
 * A year of the demo cooperative's ordinary bookkeeping, posted by its bendahara through the
 * same use case as the journal form: sales to members and non-members, cost of sales,
 * rent, honoraria, payment fees, equipment. Savings come from the capital demo.
 */
export async function seedLedgerDemo(ctx: TenantCtx): Promise<void> {
  const today = jakartaDate(ctx.clock.now());
  const day = (ago: number) => addDays(today, -ago);
  const entries: [number, string, [string, number, number][]][] = [
    [330, 'Beli mesin jahit dan rak pajang', [['EQUIPMENT', 7_500_000, 0], ['BANK', 0, 7_500_000]]],
    [300, 'Penjualan batik karya anggota di Pasar Kotagede', [['CASH', 4_250_000, 0], ['SALES_MEMBER', 0, 4_250_000]]],
    [299, 'Bagian produsen anggota atas penjualan batik', [['COST_OF_SALES', 3_400_000, 0], ['CASH', 0, 3_400_000]]],
    [240, 'Tiket pertunjukan keroncong untuk umum', [['BANK', 6_100_000, 0], ['SERVICE_NON_MEMBER', 0, 6_100_000]]],
    [239, 'Honor penampil dan penata suara', [['SALARIES', 3_050_000, 0], ['BANK', 0, 3_050_000]]],
    [200, 'Penjualan buku kumpulan cerpen ke toko buku', [['RECEIVABLE', 2_400_000, 0], ['SALES_NON_MEMBER', 0, 2_400_000]]],
    [170, 'Pelunasan piutang toko buku', [['BANK', 2_400_000, 0], ['RECEIVABLE', 0, 2_400_000]]],
    [150, 'Sewa ruang sekretariat setahun', [['RENT', 3_600_000, 0], ['CASH', 0, 3_600_000]]],
    [120, 'Biaya QRIS dan transfer bank', [['PAYMENT_FEES', 185_000, 0], ['BANK', 0, 185_000]]],
    [90, 'Penjualan ilustrasi anggota secara daring', [['BANK', 3_200_000, 0], ['SALES_MEMBER', 0, 3_200_000]]],
    [60, 'Listrik, air dan internet', [['UTILITIES', 1_150_000, 0], ['CASH', 0, 1_150_000]]],
    [30, 'Beban penyusutan peralatan', [['DEPRECIATION', 1_250_000, 0], ['ACCUM_DEPRECIATION', 0, 1_250_000]]]
  ];
  for (const [i, [ago, description, lines]] of entries.entries()) {
    await postJournalEntry(ctx, {
      idempotencyKey: `demo-ledger-${i + 1}`,
      date: day(ago),
      description,
      sourceRef: `BKM-${String(i + 1).padStart(3, '0')}`,
      lines: lines.map(([account, debit, credit]) => ({ account, ...(debit ? { debit } : { credit }) }))
    });
  }
}
