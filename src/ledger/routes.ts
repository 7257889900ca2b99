import { z } from 'zod';
import type { App } from '../server/types.js';
import { enterCoop } from '../server/tenant-context.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { addAccount } from './add-account.js';
import { closePeriod } from './close-period.js';
import { exportReport } from './export-report.js';
import { getChart, listClosingHistory } from './get-chart.js';
import { getJournalEntry } from './get-journal-entry.js';
import { getReport, ZReportRequest } from './get-report.js';
import { listJournalEntries, ZListEntriesRequest } from './list-journal-entries.js';
import { ACCOUNT_GROUPS, ACCOUNT_SUBGROUPS, CASH_FLOW_CLASSES, ZAccountRequest, ZAccountUpdateRequest, ZClosePeriodRequest, ZJournalEntryRequest, ZLedgerSettingsRequest, ZReopenPeriodRequest, ZReverseEntryRequest } from './model.js';
import { postJournalEntry } from './post-journal-entry.js';
import { reopenPeriod } from './reopen-period.js';
import { reverseEntry } from './reverse-entry.js';
import { deleteAccount, updateAccount } from './update-account.js';
import { updateLedgerSettings } from './update-ledger-settings.js';
import { verifyCoopLedger } from './verify-ledger.js';

const ZLine = z.object({
  lineNo: z.number().int(),
  accountId: z.string(),
  accountCode: z.string(),
  accountName: z.string(),
  debit: z.number().int(),
  credit: z.number().int(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  businessUnit: z.string().nullable(),
  memo: z.string().nullable()
});
const ZEntryHeader = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  date: z.string(),
  description: z.string(),
  source: z.string(),
  sourceRef: z.string().nullable(),
  reversesEntryId: z.string().nullable(),
  total: z.number().int(),
  createdAt: z.string(),
  seq: z.number().int().nullable(),
  hash: z.string().nullable(),
  prevHash: z.string().nullable()
});
const ZEntry = ZEntryHeader.extend({ reversedByEntryId: z.string().nullable(), lines: z.array(ZLine) });
const ZAccount = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  group: z.enum(ACCOUNT_GROUPS as [string, ...string[]]),
  subgroup: z.enum(ACCOUNT_SUBGROUPS as [string, ...string[]]),
  normalSide: z.enum(['debit', 'credit']),
  systemKey: z.string().nullable(),
  cashFlow: z.enum(CASH_FLOW_CLASSES as [string, ...string[]]),
  isActive: z.boolean()
});
const ZSettings = z.object({ capitalClassification: z.enum(['equity', 'liability']), closedThrough: z.string().nullable() });
const ZReport = z.object({
  kind: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  coopName: z.string(),
  generatedAt: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  previous: z.object({ from: z.string(), to: z.string() }),
  columns: z.array(z.string()),
  rows: z.array(
    z.object({
      kind: z.enum(['section', 'heading', 'line', 'subtotal', 'total', 'text']),
      label: z.string(),
      code: z.string().optional(),
      date: z.string().optional(),
      ref: z.string().optional(),
      values: z.array(z.number().int().nullable())
    })
  ),
  balanced: z.boolean()
});
const ZVerify = z.object({
  ok: z.boolean(),
  coops: z.number().int(),
  entries: z.number().int(),
  coopId: z.string().optional(),
  coopSlug: z.string().optional(),
  entryId: z.string().nullable().optional(),
  seq: z.number().int().nullable().optional(),
  reason: z.string().optional()
});
const ZEntryParams = ZCoopParams.extend({ entryId: z.uuid() });
const ZAccountParams = ZCoopParams.extend({ accountId: z.uuid() });
const ZReportParams = ZCoopParams.extend({ kind: z.string().max(40) });
const ZExportQuery = ZReportRequest.and(z.object({ format: z.enum(['pdf', 'xlsx']).optional() }));
const ZBinary = z.any().describe('file');

export async function ledgerRoutes(api: App): Promise<void> {
  const tags = ['ledger'];
  const base = '/coops/:coopId/ledger';

  api.post(
    `${base}/entries`,
    {
      schema: {
        tags,
        summary:
          'Catat jurnal manual (bendahara/ketua). Rupiah utuh (bilangan bulat); setiap baris debit ATAU kredit; debit = kredit. idempotencyKey wajib: kunci yang sama mencatat sekali (201 pertama, 200 berikutnya). 422 LEDGER_UNBALANCED bila tidak seimbang; 409 LEDGER_PERIOD_CLOSED',
        params: ZCoopParams,
        body: ZJournalEntryRequest,
        response: { 200: ZEntry, 201: ZEntry, ...errorResponses }
      }
    },
    async (req, reply) => {
      const r = await postJournalEntry(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body);
      return reply.status(r.created ? 201 : 200).send(r.entry);
    }
  );

  api.get(
    `${base}/entries`,
    {
      schema: {
        tags,
        summary: 'Jurnal umum, terbaru dahulu (from, to, page, pageSize)',
        params: ZCoopParams,
        querystring: ZListEntriesRequest,
        response: { 200: z.object({ items: z.array(ZEntryHeader), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...errorResponses }
      }
    },
    async (req) => listJournalEntries(await enterCoop(req.ctx, req.auth, req.params.coopId), req.query)
  );

  api.get(
    `${base}/entries/:entryId`,
    { schema: { tags, summary: 'Satu jurnal dengan barisnya, nomor rantai dan sidik (hash)', params: ZEntryParams, response: { 200: ZEntry, ...errorResponses } } },
    async (req) => getJournalEntry(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.entryId)
  );

  api.post(
    `${base}/entries/:entryId/reverse`,
    {
      schema: { tags, summary: 'Balik jurnal (koreksi): jurnal baru dengan sisi tertukar, terhubung ke aslinya; sekali saja', params: ZEntryParams, body: ZReverseEntryRequest, response: { 201: ZEntry, ...errorResponses } }
    },
    async (req, reply) => reply.status(201).send(await reverseEntry(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.entryId, req.body))
  );

  api.get(
    `${base}/accounts`,
    { schema: { tags, summary: 'Daftar akun dan pengaturan buku', params: ZCoopParams, response: { 200: z.object({ settings: ZSettings, accounts: z.array(ZAccount) }), ...errorResponses } } },
    async (req) => getChart(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );

  api.post(
    `${base}/accounts`,
    { schema: { tags, summary: 'Tambah akun (pengurus keuangan)', params: ZCoopParams, body: ZAccountRequest, response: { 201: ZAccount, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await addAccount(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body))
  );

  api.patch(
    `${base}/accounts/:accountId`,
    { schema: { tags, summary: 'Ganti nama akun atau (non)aktifkan', params: ZAccountParams, body: ZAccountUpdateRequest, response: { 200: ZAccount, ...errorResponses } } },
    async (req) => updateAccount(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.accountId, req.body)
  );

  api.delete(
    `${base}/accounts/:accountId`,
    { schema: { tags, summary: 'Hapus akun buatan pengurus yang belum pernah dipakai', params: ZAccountParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await deleteAccount(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.accountId);
      return reply.status(204).send(null);
    }
  );

  api.patch(
    `${base}/settings`,
    { schema: { tags, summary: 'Simpanan pokok/wajib sebagai ekuitas (bawaan) atau kewajiban', params: ZCoopParams, body: ZLedgerSettingsRequest, response: { 200: ZSettings, ...errorResponses } } },
    async (req) => updateLedgerSettings(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );

  api.post(
    `${base}/periods/close`,
    {
      schema: {
        tags,
        summary: 'Tutup buku sampai tanggal (throughDate). Pada akhir tahun buku, jurnal penutup memindahkan pendapatan dan beban ke SHU tahun berjalan',
        params: ZCoopParams,
        body: ZClosePeriodRequest,
        response: { 200: z.object({ closedThrough: z.string(), closingEntryId: z.string().nullable() }), ...errorResponses }
      }
    },
    async (req) => closePeriod(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );

  api.post(
    `${base}/periods/reopen`,
    {
      schema: {
        tags,
        summary: 'Buka kembali penutupan terakhir (ketua, dengan alasan; jurnal penutup dibalik)',
        params: ZCoopParams,
        body: ZReopenPeriodRequest,
        response: { 200: z.object({ closedThrough: z.string().nullable() }), ...errorResponses }
      }
    },
    async (req) => reopenPeriod(await enterCoop(req.ctx, req.auth, req.params.coopId), req.body)
  );

  api.get(
    `${base}/periods`,
    {
      schema: {
        tags,
        summary: 'Riwayat tutup buku',
        params: ZCoopParams,
        response: {
          200: z.array(
            z.object({
              id: z.number().int(),
              action: z.enum(['close', 'reopen']),
              closedThroughBefore: z.string().nullable(),
              closedThroughAfter: z.string().nullable(),
              closingEntryId: z.string().nullable(),
              reason: z.string().nullable(),
              at: z.string(),
              actorName: z.string().nullable()
            })
          ),
          ...errorResponses
        }
      }
    },
    async (req) => listClosingHistory(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );

  api.get(
    `${base}/statements/:kind`,
    {
      schema: {
        tags,
        summary:
          'Laporan untuk periode mana pun (from, to; bawaan tahun buku berjalan) dengan periode sebelumnya di sampingnya. kind: posisi-keuangan, hasil-usaha, perubahan-ekuitas, arus-kas, catatan, neraca-saldo, buku-besar (accountId), anggota (memberId)',
        params: ZReportParams,
        querystring: ZReportRequest,
        response: { 200: ZReport, ...errorResponses }
      }
    },
    async (req) => getReport(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.kind, req.query)
  );

  api.get(
    `${base}/statements/:kind/export`,
    { schema: { tags, summary: 'Unduh laporan sebagai PDF atau XLSX (format=pdf|xlsx)', params: ZReportParams, querystring: ZExportQuery, response: { 200: ZBinary, ...errorResponses } } },
    async (req, reply) => {
      const { format, ...query } = req.query as { format?: 'pdf' | 'xlsx' };
      const file = await exportReport(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.kind, format ?? 'pdf', query);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    }
  );

  api.get(
    `${base}/verify`,
    { schema: { tags, summary: 'Periksa rantai sidik dan keseimbangan buku koperasi ini (pengawas)', params: ZCoopParams, response: { 200: ZVerify, ...errorResponses } } },
    async (req) => verifyCoopLedger(await enterCoop(req.ctx, req.auth, req.params.coopId))
  );
}
