import { z } from 'zod';
import type { App } from '../server/types.js';
import { enterCoop } from '../server/tenant-context.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { exportBook, exportMinistryCsv, exportRatReport, type ReportFile } from './export-reports.js';
import { getBook, getBookIndex } from './get-book.js';
import { getMinistryExport } from './get-ministry-export.js';
import { BOOK_KEYS, MINISTRY_COLUMNS } from './model.js';

const ZBinary = z.any().describe('file');
const ZYearQuery = z.object({ year: z.string().max(10).optional() });
const ZRatExportQuery = ZYearQuery.extend({ format: z.enum(['pdf', 'xlsx']).optional() });
const ZBookParams = ZCoopParams.extend({ book: z.string().max(40) });
const ZBookQuery = ZYearQuery.extend({ page: z.coerce.number().int().min(1).max(100_000).optional() });
const ZCell = z.union([z.string(), z.number(), z.null()]);
const ZBook = z.object({
  key: z.enum(BOOK_KEYS),
  title: z.string(),
  note: z.string(),
  year: z.number().int().nullable(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'money', 'date', 'number']) })),
  rows: z.array(z.record(z.string(), ZCell)),
  totals: z.record(z.string(), ZCell).nullable(),
  page: z.number().int(),
  pages: z.number().int(),
  totalRows: z.number().int()
});
const ZBookIndex = z.object({
  books: z.array(z.object({ key: z.string(), title: z.string(), description: z.string() })),
  notGenerated: z.array(z.object({ key: z.string(), title: z.string(), reason: z.string() }))
});
const ZMinistry = z.object({ year: z.number().int(), columns: z.array(z.string()), row: z.record(z.string(), z.union([z.string(), z.number()])) });

function send(reply: { header: (k: string, v: string) => unknown; send: (b: Buffer) => unknown }, file: ReportFile) {
  reply.header('content-type', file.contentType);
  reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  return reply.send(file.body);
}

export async function reportRoutes(api: App): Promise<void> {
  const tags = ['reports'];
  const base = '/coops/:coopId/reports';

  api.get(
    `${base}/rat/export`,
    { schema: { tags, summary: 'Unduh paket laporan RAT satu tahun buku (year; bawaan tahun buku terakhir yang selesai) sebagai PDF atau XLSX. Anggota, pengurus, pengawas.', params: ZCoopParams, querystring: ZRatExportQuery, response: { 200: ZBinary, ...errorResponses } } },
    async (req, reply) => {
      const file = await exportRatReport(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query.format ?? 'pdf', req.query.year);
      return send(reply, file);
    }
  );

  api.get(
    `${base}/books`,
    { schema: { tags, summary: 'Daftar buku administrasi koperasi yang dibuat dari data (dan yang tidak dibuat). Pengurus dan pengawas.', params: ZCoopParams, response: { 200: ZBookIndex, ...errorResponses } } },
    async (req) => getBookIndex(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );

  api.get(
    `${base}/books/:book`,
    { schema: { tags, summary: 'Satu halaman (50 baris) buku administrasi. book: ' + BOOK_KEYS.join(', '), params: ZBookParams, querystring: ZBookQuery, response: { 200: ZBook, ...errorResponses } } },
    async (req) => getBook(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.book, { year: req.query.year, page: req.query.page })
  );

  api.get(
    `${base}/books/:book/export`,
    { schema: { tags, summary: 'Unduh satu buku administrasi lengkap sebagai XLSX', params: ZBookParams, querystring: ZYearQuery, response: { 200: ZBinary, ...errorResponses } } },
    async (req, reply) => send(reply, await exportBook(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.book, req.query.year))
  );

  api.get(
    `${base}/ministry`,
    { schema: { tags, summary: 'Angka laporan tahunan ke Kementerian (anggota L/P, simpanan, aset, volume usaha, SHU) untuk satu tahun buku', params: ZCoopParams, querystring: ZYearQuery, response: { 200: ZMinistry, ...errorResponses } } },
    async (req) => {
      const m = await getMinistryExport(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query.year);
      return { year: m.year, columns: [...MINISTRY_COLUMNS], row: m.row };
    }
  );

  api.get(
    `${base}/ministry/export`,
    { schema: { tags, summary: 'Unduh angka laporan Kementerian sebagai CSV (kolom: ' + MINISTRY_COLUMNS.join(', ') + ')', params: ZCoopParams, querystring: ZYearQuery, response: { 200: ZBinary, ...errorResponses } } },
    async (req, reply) => send(reply, await exportMinistryCsv(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query.year))
  );
}
