import { describe, expect, it } from 'vitest';
import { amountWords, receiptDocument, renderReceiptPdf, type ReceiptData } from './receipt.js';

const data: ReceiptData = {
  locale: 'id',
  coopName: 'Koperasi Produsen Budaya Lumbung Sari',
  coopAddress: 'Jl. Mondorakan 45 55172',
  receiptNo: 'KW/2026/000012',
  date: '2026-03-05',
  memberName: 'Ayu Pertiwi',
  memberNo: 6,
  kind: 'wajib',
  amount: 1_250_000,
  method: 'cash',
  wajibPeriods: { from: '2026-01', to: '2026-03' },
  balancesAfter: { pokok: 100_000, wajib: 1_250_000, sukarela: 0 },
  note: null,
  cashier: 'Ratna Kusumawati'
};

/** Every text run of a pdfmake document definition, in order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => (k === 'info' ? [] : texts(v)));
  return [];
}

describe('the receipt (kuitansi)', () => {
  it('shows the coop, number, date, member, kind, amount in figures and in words, and the cashier', () => {
    const all = texts(receiptDocument(data).content).join('\n');
    for (const s of [
      'Koperasi Produsen Budaya Lumbung Sari',
      'KW/2026/000012',
      '5 Maret 2026',
      'Ayu Pertiwi',
      '0006',
      'Setoran simpanan wajib',
      '2026-01 – 2026-03',
      'Rp1.250.000',
      'Satu juta dua ratus lima puluh ribu rupiah',
      'Tunai',
      'Ratna Kusumawati',
      'KUITANSI'
    ]) {
      expect(all, s).toContain(s);
    }
  });

  it('says "paid to" for money going out, in English when asked, with the words still in Indonesian', () => {
    const all = texts(receiptDocument({ ...data, locale: 'en', kind: 'withdrawal', amount: 1000, wajibPeriods: null }).content).join('\n');
    expect(all).toContain('Paid to');
    expect(all).toContain('Voluntary savings withdrawal');
    expect(all).toContain('Seribu rupiah');
    expect(all).toContain('5 March 2026');
  });

  it('names a deposit made from the member’s SHU share as such, not as cash', () => {
    const shu = { ...data, kind: 'deposit' as const, method: 'shu' as const, wajibPeriods: null };
    const id = texts(receiptDocument(shu).content).join('\n');
    expect(id).toContain('Dari SHU');
    expect(id).not.toContain('Tunai');
    expect(texts(receiptDocument({ ...shu, locale: 'en' }).content).join('\n')).toContain('From SHU');
  });

  it('capitalises the words as written on a kuitansi', () => {
    expect(amountWords(0)).toBe('Nol rupiah');
    expect(amountWords(11_000)).toBe('Sebelas ribu rupiah');
  });

  it('renders a PDF', async () => {
    const pdf = await renderReceiptPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
  });
});
