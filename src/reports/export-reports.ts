import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { getMinistryExport } from './get-ministry-export.js';
import { buildBook } from './get-book.js';
import { getRatReport } from './get-rat-report.js';
import { renderBookXlsx, renderRatPdf, renderRatXlsx } from './render.js';

export type ReportFile = { filename: string; contentType: string; body: Buffer };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The RAT report package of a fiscal year as PDF or XLSX (reports.rat: members and officers). */
export async function exportRatReport(ctx: TenantCtx, format: 'pdf' | 'xlsx', year?: unknown): Promise<ReportFile> {
  const r = await getRatReport(ctx, year);
  const base = `laporan-rat_${r.coop.slug}_${r.year}`;
  if (format === 'pdf') return { filename: `${base}.pdf`, contentType: 'application/pdf', body: await renderRatPdf(r, ctx.locale) };
  return { filename: `${base}.xlsx`, contentType: XLSX_TYPE, body: await renderRatXlsx(r, ctx.locale) };
}

/** One administration book, every row, as XLSX (reports.books: officers and pengawas). */
export async function exportBook(ctx: TenantCtx, key: string, year?: unknown): Promise<ReportFile> {
  const book = await buildBook(ctx, key, year);
  const coop = await withTenant(ctx.db, ctx.coopId, (trx) => trx.selectFrom('coops').select(['name', 'slug']).where('id', '=', ctx.coopId).executeTakeFirstOrThrow());
  return { filename: `buku-${book.key}_${coop.slug}${book.year ? `_${book.year}` : ''}.xlsx`, contentType: XLSX_TYPE, body: await renderBookXlsx(book, coop.name) };
}

/** The Ministry figures of a fiscal year as CSV (UTF-8, comma, CRLF). */
export async function exportMinistryCsv(ctx: TenantCtx, year?: unknown): Promise<ReportFile> {
  const m = await getMinistryExport(ctx, year);
  return { filename: m.filename, contentType: 'text/csv; charset=utf-8', body: Buffer.from(m.csv, 'utf8') };
}
