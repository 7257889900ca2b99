import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { can, requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { nikTakenError } from './errors.js';
import { lockMember, view } from './lifecycle.js';
import { checkMember, rowToRequest, toMemberColumns, ZMemberUpdateRequest, type MemberView } from './model.js';
import { isMaskOf, maskBirthDate, maskColumns, maskMemberView, maskNik } from './privacy.js';
import { updateMember as updateMemberRow } from './store.js';

/** Change a member's personal data (not their status); the merged record is checked as a whole. */
export async function updateMember(ctx: TenantCtx, memberId: string, input: unknown): Promise<MemberView> {
  requirePermission(ctx, 'members.write');
  // A form filled from a masked record (decision 0106) sends the masked NIK or birth date back: set aside, compared below.
  const { rest, masked } = splitMasked(input);
  const patch = parseInput(ZMemberUpdateRequest, rest);
  const given: Record<string, unknown> = Object.fromEntries(Object.keys(patch).filter((k) => rest[k] !== undefined).map((k) => [k, rest[k]]));
  try {
    // The reply shows NIK and birth date as the reader may see them (decision 0106).
    const shown = (v: MemberView) => (can(ctx, 'members.personal') ? v : maskMemberView(v));
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      const before = await lockMember(trx, ctx, memberId);
      // A masked value sent back means unchanged; any other starred value is not a NIK or a date.
      if (masked.nik !== undefined && !isMaskOf(masked.nik, before.nik, maskNik)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'nik', code: 'nik_invalid' }] });
      if (masked.birthDate !== undefined && !isMaskOf(masked.birthDate, before.birth_date, maskBirthDate))
        throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'birthDate', code: 'date_invalid' }] });
      const checked = await checkMember({ ...rowToRequest(before), ...given }, jakartaDate(ctx.clock.now()));
      if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.issues });
      const columns = toMemberColumns(checked.data);
      const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(columns[k]) !== JSON.stringify(before[k]));
      if (changed.length === 0) return shown(view(before, ctx));
      const after = await updateMemberRow(trx, ctx.coopId, before.id, columns);
      await recordAudit(trx, ctx, {
        action: 'member.update',
        entity: 'member',
        entityId: before.id,
        // The audit log is read by more roles than the register: it keeps NIK and birth date masked (decision 0106).
        before: maskColumns(Object.fromEntries(changed.map((k) => [k, before[k]]))),
        after: maskColumns(Object.fromEntries(changed.map((k) => [k, after[k]])))
      });
      return shown(view(after, ctx));
    });
  } catch (err) {
    throw nikTakenError(err) ?? err;
  }
}

/** Take out the NIK and birth date when they carry the mask's stars. */
function splitMasked(input: unknown): { rest: Record<string, unknown>; masked: { nik?: string; birthDate?: string } } {
  const rest: Record<string, unknown> = typeof input === 'object' && input !== null ? { ...(input as Record<string, unknown>) } : {};
  const masked: { nik?: string; birthDate?: string } = {};
  for (const k of ['nik', 'birthDate'] as const) {
    const v = rest[k];
    if (typeof v === 'string' && v.includes('*')) {
      masked[k] = v;
      delete rest[k];
    }
  }
  return { rest, masked };
}
