import { formatIdr } from '../kernel/money.js';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../kernel/xlsx.js';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { TenantCtx } from '../kernel/context.js';
import { t } from '../kernel/i18n.js';
import { getReport, type ReportResult } from './get-report.js';
import { renderPdf } from '../kernel/pdf.js';



export function formatRupiah(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : formatIdr(v);
}

export type ReportFile = { filename: string; contentType: string; body: Buffer };

function filename(r: ReportResult, ext: string): string {
  return `${r.kind}_${r.period.from}_${r.period.to}.${ext}`;
}

function hasDates(r: ReportResult): boolean {
  return r.rows.some((row) => row.date);
}

/** The statement as a PDF (A4; landscape when it has many columns), fonts from the pdfmake package. */
export async function renderReportPdf(r: ReportResult, locale: 'id' | 'en'): Promise<Buffer> {
  const dated = hasDates(r);
  const header: TableCell[] = [
    ...(dated ? [{ text: t(locale, 'ledger.date'), bold: true }] : []),
    { text: '', bold: true },
    ...r.columns.map((c) => ({ text: c, bold: true, alignment: 'right' as const }))
  ];
  const body: TableCell[][] = [header];
  for (const row of r.rows) {
    const strong = row.kind === 'section' || row.kind === 'heading' || row.kind === 'total' || row.kind === 'subtotal';
    const label = `${row.code && row.kind === 'line' ? `${row.code}  ` : ''}${row.label}`;
    if (row.kind === 'text') {
      body.push([{ text: row.label, colSpan: r.columns.length + 1 + (dated ? 1 : 0), italics: true }, ...Array.from({ length: r.columns.length + (dated ? 1 : 0) }, () => ({ text: '' }))]);
      continue;
    }
    body.push([
      ...(dated ? [{ text: row.date ?? '', fontSize: 7 }] : []),
      { text: label, bold: strong, margin: [row.kind === 'line' ? 8 : 0, 0, 0, 0] as [number, number, number, number] },
      ...row.values.map((v) => ({ text: formatRupiah(v), alignment: 'right' as const, bold: row.kind === 'total' || row.kind === 'subtotal' }))
    ]);
  }
  const wide = r.columns.length > 3;
  const content: Content[] = [
    { text: r.coopName, bold: true, fontSize: 12 },
    { text: r.title, bold: true, fontSize: 14, margin: [0, 2, 0, 0] },
    ...(r.subtitle ? [{ text: r.subtitle, fontSize: 10 }] : []),
    { text: `${t(locale, 'ledger.report.periodLabel', r.period)} — ${t(locale, 'ledger.report.previousLabel', r.previous)}`, fontSize: 8, color: '#6b6258', margin: [0, 2, 0, 8] },
    {
      table: { headerRows: 1, widths: [...(dated ? [48] : []), '*', ...r.columns.map(() => (wide ? 70 : 95))], body },
      layout: 'lightHorizontalLines',
      fontSize: 8
    },
    {
      text: `${t(locale, 'ledger.report.checks')}: ${r.balanced ? t(locale, 'ledger.checkOk') : t(locale, 'ledger.checkFail')} · ${t(locale, 'ledger.report.generated', { at: r.generatedAt })}`,
      fontSize: 7,
      color: '#6b6258',
      margin: [0, 8, 0, 0]
    }
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: wide ? 'landscape' : 'portrait',
    pageMargins: [36, 36, 36, 36],
    info: { title: `${r.title} — ${r.coopName}`, creator: 'Lumbung' },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    content
  };
  return renderPdf(doc);
}

/** The statement as a spreadsheet: amounts as numbers (whole rupiah) with a rupiah format. */
export async function renderReportXlsx(r: ReportResult, locale: 'id' | 'en'): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Lumbung';
  const ws = wb.addWorksheet(r.kind);
  const dated = hasDates(r);
  ws.addRow([r.coopName]).font = { bold: true };
  ws.addRow([r.title]).font = { bold: true, size: 14 };
  if (r.subtitle) ws.addRow([r.subtitle]);
  ws.addRow([`${t(locale, 'ledger.report.periodLabel', r.period)} — ${t(locale, 'ledger.report.previousLabel', r.previous)}`]);
  ws.addRow([]);
  const head = ws.addRow([...(dated ? [t(locale, 'ledger.date')] : []), t(locale, 'ledger.code'), t(locale, 'ledger.account'), ...r.columns]);
  head.font = { bold: true };
  for (const row of r.rows) {
    const added = ws.addRow([...(dated ? [row.date ?? ''] : []), row.code ?? '', row.label, ...row.values.map((v) => (v === null ? null : v))]);
    if (row.kind !== 'line' && row.kind !== 'text') added.font = { bold: true };
  }
  const first = (dated ? 1 : 0) + 3;
  for (let i = 0; i < r.columns.length; i++) {
    const col = ws.getColumn(first + i);
    col.numFmt = '"Rp"#,##0;-"Rp"#,##0';
    col.width = 18;
  }
  ws.getColumn((dated ? 1 : 0) + 2).width = 48;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A statement as a file to download: PDF or XLSX (same permission as reading it). */
export async function exportReport(ctx: TenantCtx, kind: string, format: 'pdf' | 'xlsx', input: unknown = {}): Promise<ReportFile> {
  const r = await getReport(ctx, kind, input);
  if (format === 'pdf') return { filename: filename(r, 'pdf'), contentType: 'application/pdf', body: await renderReportPdf(r, ctx.locale) };
  return { filename: filename(r, 'xlsx'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await renderReportXlsx(r, ctx.locale) };
}
