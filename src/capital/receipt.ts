import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { t, type Locale } from '../kernel/i18n.js';
import { formatMemberNo } from '../members/model.js';
import { formatRupiahId, rupiahInWords, type Balances, type MovementKind, type MovementMethod } from './model.js';
import { renderPdf } from '../kernel/pdf.js';

/**
 * The receipt (kuitansi) of one capital movement, as a PDF: the cooperative, the receipt
 * number, date, member, what was paid, the amount in figures and in words (terbilang, always
 * Indonesian, as on any kuitansi), the method, the balances after it and the cashier.
 * Fonts: Roboto from the pdfmake package (as the member card), so no system fonts are needed.
 */

export type ReceiptData = {
  locale: Locale;
  coopName: string;
  coopAddress: string | null;
  receiptNo: string;
  /** 'YYYY-MM-DD' */
  date: string;
  memberName: string;
  memberNo: number | null;
  kind: MovementKind;
  amount: number;
  method: MovementMethod;
  wajibPeriods: { from: string; to: string } | null;
  balancesAfter: Balances;
  note: string | null;
  cashier: string;
};

function longDate(locale: Locale, date: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The words of an amount, capitalised as written on a kuitansi: 'Satu juta … rupiah'. */
export function amountWords(amount: number): string {
  const w = rupiahInWords(amount);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** The document definition of a receipt (pure: the PDF is rendered from it). */
export function receiptDocument(d: ReceiptData): TDocumentDefinitions {
  const L = (key: string, params?: Record<string, unknown>) => t(d.locale, `capital.${key}`, params);
  const outgoing = d.kind === 'withdrawal' || d.kind === 'refund';
  const row = (label: string, value: Content): Content[] => [{ text: label, color: '#6b6258' }, value];
  const body: Content[][] = [
    row(L(outgoing ? 'pdf.paidTo' : 'pdf.receivedFrom'), { text: d.memberName, bold: true }),
    row(L('pdf.memberNo'), formatMemberNo(d.memberNo)),
    row(L('pdf.for'), L(`kind.${d.kind}`) + (d.wajibPeriods ? ` (${L('pdf.periods').toLowerCase()} ${d.wajibPeriods.from} – ${d.wajibPeriods.to})` : '') + (d.note ? ` — ${d.note}` : '')),
    row(L('pdf.amount'), { text: formatRupiahId(d.amount), bold: true, fontSize: 14 }),
    row(L('pdf.words'), { text: amountWords(d.amount), italics: true }),
    row(L('pdf.method'), L(`method.${d.method}`))
  ];
  return {
    pageSize: 'A5',
    pageOrientation: 'landscape',
    pageMargins: [36, 32, 36, 32],
    info: { title: `${L('pdf.title')} ${d.receiptNo}`, creator: 'Lumbung' },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: '#1f1a14' },
    content: [
      {
        columns: [
          { width: '*', stack: [{ text: d.coopName, bold: true, fontSize: 13 }, ...(d.coopAddress ? [{ text: d.coopAddress, fontSize: 8, color: '#6b6258' }] : [])] },
          {
            width: 'auto',
            stack: [
              { text: L('pdf.title'), bold: true, fontSize: 16, alignment: 'right', characterSpacing: 2 },
              { text: `${L('pdf.number')} ${d.receiptNo}`, alignment: 'right' },
              { text: `${L('pdf.date')}: ${longDate(d.locale, d.date)}`, alignment: 'right' }
            ]
          }
        ]
      },
      { canvas: [{ type: 'line', x1: 0, y1: 6, x2: 523, y2: 6, lineWidth: 1.5, lineColor: '#7a4b1e' }], margin: [0, 0, 0, 10] },
      { table: { widths: [130, '*'], body }, layout: 'noBorders' },
      {
        margin: [0, 10, 0, 0],
        text: [
          { text: `${L('pdf.balances')}: `, color: '#6b6258', fontSize: 8 },
          {
            text: `${L('type.pokok')} ${formatRupiahId(d.balancesAfter.pokok)} · ${L('type.wajib')} ${formatRupiahId(d.balancesAfter.wajib)} · ${L('type.sukarela')} ${formatRupiahId(d.balancesAfter.sukarela)}`,
            fontSize: 8
          }
        ]
      },
      {
        margin: [0, 24, 0, 0],
        columns: [
          { width: '*', stack: [{ text: L('pdf.member'), alignment: 'center' }, { text: ' ', margin: [0, 22, 0, 0] }, { text: d.memberName, alignment: 'center' }] },
          { width: '*', stack: [{ text: L('pdf.cashier'), alignment: 'center' }, { text: ' ', margin: [0, 22, 0, 0] }, { text: d.cashier, alignment: 'center' }] }
        ]
      },
      { text: L('pdf.footer'), fontSize: 7, color: '#6b6258', margin: [0, 16, 0, 0] }
    ]
  };
}

export async function renderReceiptPdf(d: ReceiptData): Promise<Buffer> {
  return renderPdf(receiptDocument(d));
}
