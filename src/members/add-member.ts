import { z } from 'zod';
import { maskColumns } from './privacy.js';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { transitionMember, view } from './lifecycle.js';
import { approvalByFromRules, checkMember, toMemberColumns, type MemberView } from './model.js';
import { insertMember, insertStatusHistory } from './store.js';
import { currentCharterRules } from '../charters/current-rules.js';
import { nikTakenError } from './errors.js';

export const ZAddMemberOptions = z.object({ asStatus: z.enum(['applicant', 'active']).optional() });

/**
 * The board or staff enter a person: as an applicant, or (`asStatus: 'active'`) admitted
 * at once with the next member number — only by someone who may approve members, and
 * only where the charter lets the board admit members.
 */
export async function addMember(ctx: TenantCtx, input: unknown): Promise<MemberView> {
  requirePermission(ctx, 'members.write');
  const { asStatus = 'applicant' } = parseInput(ZAddMemberOptions, { asStatus: (input as { asStatus?: unknown } | null)?.asStatus });
  if (asStatus === 'active') requirePermission(ctx, 'members.approve');
  const { asStatus: _ignored, ...fields } = (input ?? {}) as Record<string, unknown>;
  const checked = await checkMember(fields, jakartaDate(ctx.clock.now()));
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.issues });
  const data = checked.data;
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      if (asStatus === 'active' && approvalByFromRules(await currentCharterRules(trx, ctx.coopId)) === 'meeting') {
        throw new AppError('MEMBER_APPROVAL_BY_MEETING');
      }
      let row = await insertMember(trx, ctx.coopId, { ...toMemberColumns(data), status: 'applicant' });
      await insertStatusHistory(trx, ctx.coopId, [{ member_id: row.id, from_status: null, to_status: 'applicant', reason: null, actor_account_id: ctx.actor.accountId }]);
      await recordAudit(trx, ctx, { action: 'member.add', entity: 'member', entityId: row.id, after: { ...maskColumns(toMemberColumns(data)), status: 'applicant' } });
      if (asStatus === 'active') row = await transitionMember(trx, ctx, row, 'approve', null);
      return view(row, ctx);
    });
  } catch (err) {
    throw nikTakenError(err) ?? err;
  }
}
