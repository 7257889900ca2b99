import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { nikTakenError } from './errors.js';
import { lockMember, view } from './lifecycle.js';
import { checkMember, rowToRequest, toMemberColumns, ZMemberUpdateRequest, type MemberView } from './model.js';
import { updateMember as updateMemberRow } from './store.js';

/** Change a member's personal data (not their status); the merged record is checked as a whole. */
export async function updateMember(ctx: TenantCtx, memberId: string, input: unknown): Promise<MemberView> {
  requirePermission(ctx, 'members.write');
  const patch = parseInput(ZMemberUpdateRequest, input ?? {});
  const given = Object.fromEntries(Object.keys(patch).filter((k) => (input as Record<string, unknown>)[k] !== undefined).map((k) => [k, (input as Record<string, unknown>)[k]]));
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      const before = await lockMember(trx, ctx, memberId);
      const checked = await checkMember({ ...rowToRequest(before), ...given }, jakartaDate(ctx.clock.now()));
      if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.issues });
      const columns = toMemberColumns(checked.data);
      const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(columns[k]) !== JSON.stringify(before[k]));
      if (changed.length === 0) return view(before, ctx);
      const after = await updateMemberRow(trx, ctx.coopId, before.id, columns);
      await recordAudit(trx, ctx, {
        action: 'member.update',
        entity: 'member',
        entityId: before.id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]]))
      });
      return view(after, ctx);
    });
  } catch (err) {
    throw nikTakenError(err) ?? err;
  }
}
