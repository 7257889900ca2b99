import { maskColumns } from './privacy.js';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { Ctx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { nikTakenError } from './errors.js';
import { transitionMember, view } from './lifecycle.js';
import { checkMember, rowToRequest, toMemberColumns, type MemberView } from './model.js';
import { detailsOf, ensurePeriods } from './periods.js';
import { findMemberByAccount, insertMember, insertStatusHistory, updateMember } from './store.js';

/**
 * A signed-in account applies to join a cooperative, for itself only: the applicant row
 * is always linked to the actor's own account, so no role in the cooperative is needed.
 * A former member (resigned, expelled or rejected) applies again as the same person: a new
 * membership period of their record (same member number once admitted), decided like any
 * application; their earlier periods keep the details they had then (periods.ts). Fields the
 * new application leaves out keep their values; the fields it gives replace them. A
 * cooperative that is not public is closed to new applicants (it answers 404, as for its
 * public profile).
 */
export async function applyForMembership(ctx: Ctx & { coopId: string }, input: unknown): Promise<MemberView> {
  const actor = ctx.actor;
  if (!actor || actor.via === 'system') throw new AppError('UNAUTHENTICATED');
  const tctx = { ...ctx, actor };
  if (!/^[0-9a-f-]{36}$/i.test(ctx.coopId)) throw new AppError('NOT_FOUND');
  const fields = { ...((input ?? {}) as Record<string, unknown>) };
  // Nothing in the body chooses whose record this is or its status.
  for (const key of ['accountId', 'account_id', 'status', 'memberNo', 'asStatus']) delete fields[key];
  const today = jakartaDate(ctx.clock.now());
  const check = async (input: Record<string, unknown>) => {
    const checked = await checkMember(input, today);
    if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.issues });
    return toMemberColumns(checked.data);
  };
  try {
    return await withTenant(ctx.db, ctx.coopId, async (trx) => {
      const coop = await trx.selectFrom('coops').select('is_public').where('id', '=', ctx.coopId).executeTakeFirst();
      if (!coop) throw new AppError('NOT_FOUND');
      const existing = await findMemberByAccount(trx, ctx.coopId, actor.accountId, { lock: true });
      // A cooperative that is not public takes new people by the board's invitation only;
      // its former members may still apply again on their own record.
      if (!coop.is_public && !existing) throw new AppError('NOT_FOUND');
      if (existing) {
        if (existing.status === 'applicant') throw new AppError('MEMBER_ALREADY_APPLIED');
        if (existing.status === 'active' || existing.status === 'suspended') throw new AppError('MEMBER_ALREADY_ACTIVE');
        // The earlier periods are recorded, with the details they had, before the record changes.
        await ensurePeriods(trx, ctx.coopId, existing);
        const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
        const merged = await check({ ...rowToRequest(existing), ...given });
        const updated = await updateMember(trx, ctx.coopId, existing.id, merged);
        await recordAudit(trx, tctx, { action: 'member.reapply', entity: 'member', entityId: existing.id, before: maskColumns(detailsOf(existing)), after: maskColumns(merged) });
        return view(await transitionMember(trx, tctx, updated, 'rejoin', null), ctx);
      }
      const columns = await check(fields);
      const row = await insertMember(trx, ctx.coopId, { ...columns, status: 'applicant', account_id: actor.accountId });
      await insertStatusHistory(trx, ctx.coopId, [{ member_id: row.id, from_status: null, to_status: 'applicant', reason: null, actor_account_id: actor.accountId }]);
      await ensurePeriods(trx, ctx.coopId, row);
      await recordAudit(trx, tctx, { action: 'member.apply', entity: 'member', entityId: row.id, after: { ...maskColumns(columns), status: 'applicant', accountId: actor.accountId } });
      return view(row, ctx);
    });
  } catch (err) {
    if ((err as { constraint?: string } | null)?.constraint === 'members_coop_id_account_id_key') throw new AppError('MEMBER_ALREADY_APPLIED');
    throw nikTakenError(err) ?? err;
  }
}
