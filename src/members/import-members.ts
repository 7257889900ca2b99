import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError, type FieldIssue } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { nikTakenError } from './errors.js';
import { checkMember, holdsNumber, parseNik, toMemberColumns, type MemberData, type MemberStatus } from './model.js';
import { COLUMN_OF_FIELD, COLUMNS, IGNORED_COLUMNS, parseSheetRow, readCsv, readXlsx, REQUIRED_COLUMNS, type Sheet } from './spreadsheet.js';
import { existingNiks, insertMembers, insertStatusHistory, MEMBER_NO_COUNTER, takeCounter } from './store.js';

export const MAX_IMPORT_ROWS = 5000;

export const ZImportMembersRequest = z.object({
  format: z.enum(['csv', 'xlsx']),
  /** Status of rows whose `status` cell is empty: active members (numbered at once) or applicants. */
  asStatus: z.enum(['active', 'applicant']).default('applicant')
});

/** One problem of one row: row 1 is the header row, data starts at row 2 (as a spreadsheet shows it). */
export type ImportRowIssue = { row: number; field: string; code: string; message: string };
export type ImportResult = { imported: number; active: number; applicants: number; other: number };

type Valid = { row: number; data: MemberData; status: MemberStatus; joinedOn: string | null; leftOn: string | null };

/**
 * Import members from CSV or XLSX. Every row is checked first (formats, member rules,
 * NIK duplicates in the file and against existing members); if any row is invalid
 * nothing is written and IMPORT_INVALID carries the per-row report in `details.rows`.
 * Otherwise all rows are inserted in one transaction, numbered in file order.
 */
export async function importMembers(
  ctx: TenantCtx,
  input: { format: unknown; asStatus?: unknown; content: string | Uint8Array }
): Promise<ImportResult> {
  requirePermission(ctx, 'members.write');
  const opts = parseInput(ZImportMembersRequest, { format: input.format, asStatus: input.asStatus ?? undefined });
  if (opts.asStatus === 'active') requirePermission(ctx, 'members.approve');
  const today = jakartaDate(ctx.clock.now());
  const report: ImportRowIssue[] = [];
  const add = (row: number, issue: FieldIssue) =>
    report.push({ row, field: issue.field, code: issue.code, message: t(ctx.locale, `fields.${issue.code}`, issue.params ?? {}) });

  let sheet: Sheet;
  try {
    sheet = opts.format === 'csv' ? readCsv(input.content) : await readXlsx(typeof input.content === 'string' ? Buffer.from(input.content, 'binary') : input.content);
  } catch {
    add(1, { field: '_', code: 'file_unreadable', params: { format: opts.format.toUpperCase() } });
    throw invalid(report);
  }

  sheet.columns.forEach((c, i) => {
    const header = sheet.headers[i] ?? '';
    if (!c && header.trim() !== '') add(1, { field: header, code: 'unknown_column', params: { column: header } });
  });
  for (const c of REQUIRED_COLUMNS) if (!sheet.columns.includes(c)) add(1, { field: c, code: 'missing_column', params: { column: c } });
  if (report.length) throw invalid(report);
  if (sheet.rows.length === 0) {
    add(2, { field: '_', code: 'file_empty' });
    throw invalid(report);
  }
  if (sheet.rows.length > MAX_IMPORT_ROWS) {
    add(MAX_IMPORT_ROWS + 2, { field: '_', code: 'too_many_rows', params: { limit: MAX_IMPORT_ROWS } });
    throw invalid(report);
  }

  const valid: Valid[] = [];
  const nikRow = new Map<string, number>();
  const rowNik = new Map<number, string>();
  for (const { row, cells } of sheet.rows) {
    const parsed = parseSheetRow(cells, today);
    const issues = [...parsed.issues];
    const flagged = new Set(issues.map((i) => i.field));
    const checked = await checkMember(parsed.request, today);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        const field = COLUMN_OF_FIELD[issue.field.split('.')[0] ?? ''] ?? issue.field;
        if (!flagged.has(field)) issues.push({ ...issue, field });
      }
    }
    // Duplicates are found among all well-formed NIKs, whatever else is wrong in the row.
    const nik = typeof parsed.request.nik === 'string' ? parsed.request.nik.replace(/[\s.-]/g, '') : null;
    if (nik && parseNik(nik)) {
      const first = nikRow.get(nik);
      if (first !== undefined) issues.push({ field: 'nik', code: 'nik_duplicate_in_file', params: { row: first } });
      else nikRow.set(nik, row);
      rowNik.set(row, nik);
    }
    for (const issue of issues) add(row, issue);
    if (issues.length === 0 && checked.ok) {
      valid.push({ row, data: checked.data, status: parsed.status ?? opts.asStatus, joinedOn: parsed.joinedOn, leftOn: parsed.leftOn });
    }
  }
  const taken = await withTenant(ctx.db, ctx.coopId, (trx) => existingNiks(trx, ctx.coopId, [...nikRow.keys()]));
  for (const [row, nik] of rowNik) if (taken.has(nik) && nikRow.get(nik) === row) add(row, { field: 'nik', code: 'nik_taken' });
  if (report.length) throw invalid(report);
  if (valid.some((v) => holdsNumber(v.status))) requirePermission(ctx, 'members.approve');

  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      // A NIK registered meanwhile by someone else trips the unique constraint: MEMBER_NIK_TAKEN, nothing written.
      const numbered = valid.filter((v) => holdsNumber(v.status)).length;
      let next = numbered > 0 ? (await takeCounter(trx, ctx.coopId, MEMBER_NO_COUNTER, numbered)) - numbered + 1 : 0;
      const rows = valid.map((v) => {
        const holds = holdsNumber(v.status);
        const departed = v.status === 'resigned' || v.status === 'expelled';
        return {
          ...toMemberColumns(v.data),
          status: v.status,
          member_no: holds ? next++ : null,
          joined_on: holds ? (v.joinedOn ?? today) : null,
          left_on: departed ? (v.leftOn ?? today) : null
        };
      });
      const inserted = await insertMembers(trx, ctx.coopId, rows);
      await insertStatusHistory(
        trx,
        ctx.coopId,
        inserted.map((m) => ({ member_id: m.id, from_status: null, to_status: m.status, reason: 'impor', actor_account_id: ctx.actor.accountId }))
      );
      const count = (s: MemberStatus) => inserted.filter((m) => m.status === s).length;
      const result = { imported: inserted.length, active: count('active'), applicants: count('applicant'), other: inserted.length - count('active') - count('applicant') };
      await recordAudit(trx, ctx, { action: 'member.import', entity: 'member', after: { format: opts.format, ...result, ids: inserted.map((m) => m.id) } });
      return result;
    });
  } catch (err) {
    throw nikTakenError(err) ?? err;
  }
}

function invalid(report: ImportRowIssue[]): AppError {
  const col = (field: string) => (COLUMNS as readonly string[]).indexOf(field);
  const rows = [...report].sort((a, b) => a.row - b.row || col(a.field) - col(b.field));
  return new AppError('IMPORT_INVALID', { params: { count: new Set(rows.map((r) => r.row)).size }, details: { rows } });
}

export { COLUMNS as IMPORT_COLUMNS, REQUIRED_COLUMNS as IMPORT_REQUIRED_COLUMNS, IGNORED_COLUMNS as IMPORT_IGNORED_COLUMNS };
