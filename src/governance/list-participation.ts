import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { requirePermission } from '../kernel/permissions.js';
import { decisionQuorum } from './decision-view.js';
import { participationVisibleFrom } from './model.js';
import { countParticipations, findDecision, participationList } from './store.js';

export type Participation = {
  eligible: number;
  voted: number;
  /** False while a secret ballot has fewer than max(3, quorum) ballots: then nobody is listed. */
  visible: boolean;
  members: { memberId: string; memberNo: number | null; fullName: string; voted: boolean; origin: 'online' | 'in_person' | null }[];
};

/**
 * Who was eligible and who took part — never what they chose (item 17), for officers and
 * supervisors. For a secret ballot the list stays hidden until max(3, quorum) ballots exist (item 10).
 */
export async function listParticipation(ctx: TenantCtx, decisionId: string): Promise<Participation> {
  requirePermission(ctx, 'governance.audit');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const d = await findDecision(trx, ctx.coopId, decisionId);
    if (!d) throw new AppError('DECISION_NOT_FOUND');
    const voted = await countParticipations(trx, ctx.coopId, d.id);
    const visible = !d.secret || voted >= participationVisibleFrom(decisionQuorum(d).required);
    const rows = visible ? await participationList(trx, ctx.coopId, d.id) : [];
    return {
      eligible: d.electorate_size ?? 0,
      voted,
      visible,
      members: rows.map((r) => ({ memberId: r.member_id, memberNo: r.member_no, fullName: r.full_name, voted: r.origin !== null, origin: r.origin }))
    };
  });
}
