import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { z } from 'zod';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { memberFilterOf, ZListMembersRequest } from './list-members.js';
import { toMemberView } from './model.js';
import { maskMemberView } from './privacy.js';
import { writeCsv, writeXlsx } from './spreadsheet.js';
import { allMembers } from './store.js';

export type MemberExport = { filename: string; contentType: string; body: Buffer };

/** The list's filters, and `unmasked=true` for the full NIK and birth dates (officers keeping the register). */
export const ZExportMembersRequest = ZListMembersRequest.extend({ unmasked: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(['true', 'false']).optional()) });

/**
 * The member register as CSV or XLSX, with the same columns the import reads (an unmasked
 * export re-imports). The list's filters apply; paging does not. NIK and birth dates are
 * masked unless `unmasked=true` is asked by an officer with 'members.personal' (decision 0106).
 */
export async function exportMembers(ctx: TenantCtx, format: 'csv' | 'xlsx', filters: unknown = {}): Promise<MemberExport> {
  requirePermission(ctx, 'members.read');
  const p = parseInput(ZExportMembersRequest, filters ?? {});
  const unmasked = p.unmasked === 'true';
  if (unmasked) requirePermission(ctx, 'members.personal');
  const today = jakartaDate(ctx.clock.now());
  const rows = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const found = await allMembers(trx, ctx.coopId, memberFilterOf(p), today);
    // Personal data leaving the platform is worth a line in the audit log.
    await recordAudit(trx, ctx, { action: 'member.export', entity: 'member', after: { format, count: found.length, unmasked } });
    return found;
  });
  const members = rows.map((r) => (unmasked ? toMemberView(r, today) : maskMemberView(toMemberView(r, today))));
  const filename = `anggota-${today}.${format}`;
  if (format === 'csv') return { filename, contentType: 'text/csv; charset=utf-8', body: Buffer.from(writeCsv(members), 'utf8') };
  return { filename, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await writeXlsx(members) };
}
