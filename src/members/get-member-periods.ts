import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import { detailsOf, periodsOf } from './periods.js';
import { maskColumns } from './privacy.js';
import { findMember } from './store.js';
import type { MemberColumns } from './store.js';

export type MembershipPeriodView = {
  periodNo: number;
  memberNo: number | null;
  appliedAt: string;
  joinedOn: string | null;
  leftOn: string | null;
  /** null while the period is open (applying or a member now). */
  outcome: 'resigned' | 'expelled' | 'rejected' | null;
  /** The last period (the open one, or the one that ended last). */
  latest: boolean;
  /** The person's details as they were in the period (the record itself for the open period). */
  details: {
    fullName: string;
    gender: 'F' | 'M';
    birthDate: string | null;
    nik: string | null;
    phone: string | null;
    email: string | null;
    street: string | null;
    villageCode: string | null;
    rt: number | null;
    rw: number | null;
    householdCode: string | null;
    occupation: string | null;
    skills: string[];
    civilSocietyGroup: string | null;
    isWellOff: boolean;
    receivesStateAid: boolean;
  };
};

function detailsView(d: MemberColumns): MembershipPeriodView['details'] {
  return {
    fullName: d.full_name,
    gender: d.gender,
    birthDate: d.birth_date,
    nik: d.nik,
    phone: d.phone,
    email: d.email,
    street: d.street,
    villageCode: d.village_code,
    rt: d.rt,
    rw: d.rw,
    householdCode: d.household_code,
    occupation: d.occupation,
    skills: d.skills ?? [],
    civilSocietyGroup: d.civil_society_group,
    isWellOff: d.is_well_off,
    receivesStateAid: d.receives_state_aid
  };
}

/**
 * A person's membership periods, oldest first, each with the details the person had in it
 * (same readers as the record: the member themself, or whoever may read members). A member
 * whose periods were never written by the lifecycle shows the one period their record describes.
 * NIK and birth dates are masked as on the record (decision 0106): in full only for the member
 * themself and for officers with 'members.personal', whose view writes an audit line.
 */
export async function getMemberPeriods(ctx: TenantCtx, memberId: string): Promise<MembershipPeriodView[]> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const member = await findMember(trx, ctx.coopId, memberId);
    const own = member !== undefined && member.account_id !== null && member.account_id === ctx.actor.accountId;
    if (!own && !can(ctx, 'members.read')) throw new AppError('FORBIDDEN');
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    const rows = await periodsOf(trx, ctx.coopId, memberId);
    const periods = rows.length
      ? rows
      : [{ period_no: 1, member_no: member.member_no, applied_at: member.applied_at, joined_on: member.joined_on, left_on: member.left_on, outcome: null, details: detailsOf(member) }];
    const reveal = own || can(ctx, 'members.personal');
    if (reveal && !own) await recordAudit(trx, ctx, { action: 'member.personal.view', entity: 'member', entityId: member.id, after: { fields: ['nik', 'birthDate'], of: 'periods' } });
    return periods.map((p, i) => {
      const latest = i === periods.length - 1;
      return {
        periodNo: p.period_no,
        memberNo: p.member_no,
        appliedAt: new Date(p.applied_at).toISOString(),
        joinedOn: p.joined_on,
        leftOn: p.left_on,
        outcome: p.outcome,
        latest,
        details: detailsView((reveal ? (d: MemberColumns) => d : maskColumns)(latest && p.outcome === null ? detailsOf(member) : p.details))
      };
    });
  });
}
