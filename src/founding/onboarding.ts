import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import { jakartaDate } from '../kernel/clock.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { postEntry } from '../ledger/post-entry.js';
import { requestSeal } from '../ledger/sealer.js';
import { ensureLedger, insertClosing, listAccounts, lockPeriodsExclusive, setClosedThrough } from '../ledger/store.js';
import { electorateIn } from '../members/list-electorate.js';
import { BALANCE_COLUMNS, BALANCE_REQUIRED, checkOpening, SAVINGS_COLUMNS, SAVINGS_REQUIRED, type RowIssue, type SheetRow } from './onboarding-model.js';

const ZFile = z.object({ format: z.enum(['csv', 'xlsx']), contentBase64: z.string().min(1).max(20_000_000) });
export const ZOpeningRequest = z.object({ cutOverDate: z.iso.date(), balanceSheet: ZFile, savings: ZFile });

const MONEY_PARAMS = new Set(['debit', 'credit', 'difference', 'register', 'ledger']);

export type OpeningResult = { entryId: string; closedThrough: string; lines: number; debit: number; credit: number; members: number };
export type OpeningIssue = RowIssue & { message: string };

async function readSheet(file: z.infer<typeof ZFile>, columns: readonly string[]): Promise<{ rows: SheetRow[]; missing: string[] }> {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  let table: string[][];
  if (file.format === 'csv') {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const delimiter = (text.split('\n')[0] ?? '').includes(';') ? ';' : ',';
    table = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    table = [];
    ws?.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      table.push(values.map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'result' in (v as object) ? String((v as { result: unknown }).result) : String(v))));
    });
  }
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const missing = columns.filter((c) => !header.includes(c));
  const rows = table.slice(1).map((cells, i) => ({ row: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()])) }));
  return { rows: rows.filter((r) => Object.values(r.cells).some((v) => v !== '')), missing };
}

/**
 * Path B: post an existing cooperative's opening balance sheet at a cut-over date — one journal
 * entry through postEntry, dated on the cut-over day, in a period closed through that day in the
 * same transaction (so the first fiscal year in Lumbung starts after it). The members' savings
 * register must equal the balance sheet's member lines (the ledger's member sub-accounts) member
 * by member. Every row is checked first; with any issue nothing is written and ONBOARDING_INVALID
 * carries the per-row report in details.rows. Only for a ledger with no entries yet.
 */
export async function postOpeningBalances(ctx: TenantCtx, input: unknown): Promise<OpeningResult> {
  requirePermission(ctx, 'ledger.manage');
  const d = parseInput(ZOpeningRequest, input);
  const today = jakartaDate(ctx.clock.now());
  if (d.cutOverDate >= today) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'cutOverDate', code: 'onboarding_date' }] });
  const report = (issues: RowIssue[]) => {
    const money = new Intl.NumberFormat('id-ID');
    const shown = (p: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' && MONEY_PARAMS.has(k) ? money.format(v) : v]));
    const rows: OpeningIssue[] = issues.map((i) => ({ ...i, message: t(ctx.locale, `fields.${i.code}`, shown(i.params)) }));
    return new AppError('ONBOARDING_INVALID', { params: { count: rows.length }, details: { rows } });
  };
  let balance: Awaited<ReturnType<typeof readSheet>>;
  let register: Awaited<ReturnType<typeof readSheet>>;
  try {
    balance = await readSheet(d.balanceSheet, BALANCE_REQUIRED);
    register = await readSheet(d.savings, SAVINGS_REQUIRED);
  } catch {
    throw report([{ sheet: 'neraca', row: 1, field: '_', code: 'file_unreadable', params: { format: d.balanceSheet.format.toUpperCase() } }]);
  }
  const headerIssues = [
    ...balance.missing.map((c) => ({ sheet: 'neraca' as const, row: 1, field: c, code: 'missing_column', params: { column: c } })),
    ...register.missing.map((c) => ({ sheet: 'simpanan' as const, row: 1, field: c, code: 'missing_column', params: { column: c } }))
  ];
  if (headerIssues.length) throw report(headerIssues);

  const result = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    await lockPeriodsExclusive(trx, ctx.coopId);
    const settings = await ensureLedger(trx, ctx.coopId);
    const any = await trx.selectFrom('journal_entries').select('id').where('coop_id', '=', ctx.coopId).limit(1).executeTakeFirst();
    if (any || settings.closedThrough) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'cutOverDate', code: any ? 'onboarding_has_entries' : 'onboarding_already' }] });
    const accounts = await listAccounts(trx, ctx.coopId);
    const members = (await electorateIn(trx, ctx.coopId)).filter((m) => m.memberNo !== null).map((m) => ({ id: m.memberId, memberNo: m.memberNo!, fullName: m.fullName }));
    const checked = checkOpening(balance.rows, register.rows, accounts.map((a) => ({ code: a.code, systemKey: a.systemKey })), members);
    // Income and expense belong to a year's result, not to an opening balance sheet.
    const pl = new Set(accounts.filter((a) => a.group === 'pendapatan' || a.group === 'beban').map((a) => a.code));
    const plIssues: RowIssue[] = balance.rows.filter((r) => pl.has((r.cells.kode_akun ?? '').trim())).map((r) => ({ sheet: 'neraca', row: r.row, field: 'kode_akun', code: 'onboarding_account_not_balance', params: { code: r.cells.kode_akun } }));
    const issues = [...plIssues, ...checked.issues];
    if (issues.length) throw report(issues);
    if (checked.lines.length === 0) throw report([{ sheet: 'neraca', row: 2, field: '_', code: 'file_empty' }]);
    const { entryId } = await postEntry(trx, ctx, {
      idempotencyKey: `opening:${d.cutOverDate}`,
      date: d.cutOverDate,
      description: `Neraca pembukaan per ${d.cutOverDate}`,
      source: 'opening',
      lines: checked.lines
    });
    await setClosedThrough(trx, ctx.coopId, d.cutOverDate);
    const actorAccountId = ctx.actor.via === 'system' ? null : ctx.actor.accountId;
    await insertClosing(trx, ctx.coopId, { action: 'close', before: null, after: d.cutOverDate, closingEntryId: null, reason: null, actorAccountId });
    const out = { entryId, closedThrough: d.cutOverDate, lines: checked.lines.length, debit: checked.totals.debit, credit: checked.totals.credit, members: new Set(checked.savings.map((s) => s.memberNo)).size };
    await recordAudit(trx, ctx, { action: 'onboarding.opening', entity: 'ledger', entityId: entryId, after: out });
    return out;
  });
  requestSeal(ctx.coopId);
  return result;
}

/** The two template spreadsheets, in Indonesian: the chart of accounts to fill in, and the active members' savings. */
export async function openingTemplate(ctx: TenantCtx, which: 'neraca' | 'simpanan'): Promise<Buffer> {
  requirePermission(ctx, 'ledger.manage');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lumbung';
  await withTenant(ctx.db, ctx.coopId, async (trx) => {
    if (which === 'neraca') {
      await ensureLedger(trx, ctx.coopId);
      const ws = wb.addWorksheet('Neraca pembukaan');
      ws.addRow([...BALANCE_COLUMNS]);
      for (const a of await listAccounts(trx, ctx.coopId)) if (a.isActive && a.group !== 'pendapatan' && a.group !== 'beban') ws.addRow([a.code, a.name, '', '', '']);
      ws.getColumn(1).numFmt = '@';
      ws.getColumn(2).width = 40;
      const help = wb.addWorksheet('Petunjuk');
      for (const line of [
        'Isi lembar pertama: satu baris per akun, debit ATAU kredit dalam rupiah bulat (tanpa sen).',
        'Akun simpanan pokok, wajib dan sukarela: satu baris per anggota dengan nomor_anggota (buku pembantu simpanan).',
        'Jumlah debit harus sama dengan jumlah kredit. Akun pendapatan dan beban tidak diisi: neraca pembukaan hanya memuat harta, kewajiban dan ekuitas.',
        'Berkas kedua (buku simpanan) harus sama dengan baris simpanan di neraca, anggota demi anggota.'
      ])
        help.addRow([line]);
    } else {
      const ws = wb.addWorksheet('Buku simpanan');
      ws.addRow([...SAVINGS_COLUMNS]);
      for (const m of await electorateIn(trx, ctx.coopId)) if (m.memberNo !== null) ws.addRow([m.memberNo, m.fullName, 0, 0, 0]);
      ws.getColumn(2).width = 30;
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
