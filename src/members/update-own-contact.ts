import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { parseInput } from '../kernel/validation.js';
import { view } from './lifecycle.js';
import { checkMember, rowToRequest, toMemberColumns, ZMemberUpdateRequest, type MemberView } from './model.js';
import { findMemberByAccount, updateMember as updateMemberRow } from './store.js';

/** What a member may change on their own record: how to reach them and where they live (street, RT/RW). */
export const ZOwnContactRequest = ZMemberUpdateRequest.pick({ phone: true, email: true, street: true, rt: true, rw: true });

const OWN_FIELDS = ['phone', 'email', 'street', 'rt', 'rw'] as const;

/**
 * A member edits their own phone, e-mail and address (issue 14 item 4), without a role:
 * the record linked to their account, while they are a member (active or suspended). The
 * merged record is checked as a whole, as an officer's edit is; an empty field clears it.
 * Audited as `member.update_own`.
 */
export async function updateOwnContact(ctx: TenantCtx, input: unknown): Promise<MemberView> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  // A form sends RT/RW as text: whole numbers are read as such, anything else is passed on to be refused.
  const asNumber = (v: unknown) => (typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v) : v);
  const given = Object.fromEntries(OWN_FIELDS.map((k) => [k, raw[k] === undefined || raw[k] === '' ? null : k === 'rt' || k === 'rw' ? asNumber(raw[k]) : raw[k]]));
  parseInput(ZOwnContactRequest, given);
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const before = await findMemberByAccount(trx, ctx.coopId, actor.accountId, { lock: true });
    if (!before || (before.status !== 'active' && before.status !== 'suspended')) throw new AppError('MEMBER_NOT_FOUND');
    const checked = await checkMember({ ...rowToRequest(before), ...given }, jakartaDate(ctx.clock.now()));
    if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: checked.issues.filter((i) => (OWN_FIELDS as readonly string[]).includes(i.field)) });
    const columns = toMemberColumns(checked.data);
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(columns[k]) !== JSON.stringify(before[k]));
    if (changed.length === 0) return view(before, ctx);
    const after = await updateMemberRow(trx, ctx.coopId, before.id, columns);
    await recordAudit(trx, ctx, {
      action: 'member.update_own',
      entity: 'member',
      entityId: before.id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]]))
    });
    return view(after, ctx);
  });
}
