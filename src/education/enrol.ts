import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { ZEnrolRequest } from './model.js';
import { actorMember, findProgramme } from './store.js';

export type EnrolmentView = { enrolmentId: string; programmeId: string; name: string; kind: string };

/** A member enrols themselves (no input) — active members, and applicants into candidates' programmes. */
export async function enrolSelf(ctx: TenantCtx, programmeId: string): Promise<EnrolmentView> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
    if (!me || !['active', 'applicant'].includes(me.status)) throw new AppError('EDU_NOT_MEMBER');
    return enrolIn(trx, ctx, programmeId, { memberId: me.id });
  });
}

/** The board (or staf) enrols a member, a candidate, or someone without an account by name and phone. */
export async function enrolParticipant(ctx: TenantCtx, programmeId: string, input: unknown): Promise<EnrolmentView> {
  if (!can(ctx, 'education.manage')) throw new AppError('FORBIDDEN');
  const d = parseInput(ZEnrolRequest, input);
  return withTenant(ctx.db, ctx.coopId, (trx) => enrolIn(trx, ctx, programmeId, d));
}

type Who = { memberId: string } | { fullName: string; phone: string; participantKind: 'candidate' | 'public'; gender?: 'F' | 'M' | null; birthDate?: string | null };

/**
 * Take a place by one conditional UPDATE (never past capacity, also when the last place is
 * asked for by many at once), then write the enrolment; a duplicate rolls the place back.
 */
async function enrolIn(trx: Tx, ctx: TenantCtx, programmeId: string, who: Who): Promise<EnrolmentView> {
  const p = await findProgramme(trx, ctx.coopId, programmeId);
  if (p.status !== 'active') throw new AppError('EDU_PROGRAMME_CLOSED');
  let row: { member_id: string | null; full_name: string; phone: string | null; participant_kind: 'member' | 'candidate' | 'public'; gender: 'F' | 'M' | null; birth_date: string | null };
  if ('memberId' in who) {
    const m = await trx.selectFrom('members').select(['id', 'full_name', 'phone', 'status', 'gender', 'birth_date']).where('coop_id', '=', ctx.coopId).where('id', '=', who.memberId).executeTakeFirst();
    if (!m || !['active', 'applicant'].includes(m.status)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'memberId', code: 'member_unknown' }] });
    row = { member_id: m.id, full_name: m.full_name, phone: m.phone, participant_kind: m.status === 'applicant' ? 'candidate' : 'member', gender: m.gender, birth_date: m.birth_date };
  } else {
    row = { member_id: null, full_name: who.fullName, phone: who.phone, participant_kind: who.participantKind, gender: who.gender ?? null, birth_date: who.birthDate ?? null };
  }
  const dup = await trx
    .selectFrom('edu_enrolments')
    .select('id')
    .where('coop_id', '=', ctx.coopId)
    .where('programme_id', '=', programmeId)
    .where((eb) => (row.member_id ? eb('member_id', '=', row.member_id) : eb.and([eb('member_id', 'is', null), eb('phone', '=', row.phone)])))
    .executeTakeFirst();
  if (dup) throw new AppError('EDU_ALREADY_ENROLLED');
  const place = await trx
    .updateTable('edu_programmes')
    .set((eb) => ({ enrolled_count: eb('enrolled_count', '+', 1) }))
    .where('coop_id', '=', ctx.coopId)
    .where('id', '=', programmeId)
    .where((eb) => eb.or([eb('capacity', 'is', null), eb('enrolled_count', '<', eb.ref('capacity'))]))
    .returning('enrolled_count')
    .executeTakeFirst();
  if (!place) throw new AppError('EDU_PROGRAMME_FULL');
  // The place's row lock serialises enrolments into one programme: the duplicate check above
  // could have raced only with a transaction that has since committed, so check once more.
  const inserted = await trx
    .insertInto('edu_enrolments')
    .values({ coop_id: ctx.coopId, programme_id: programmeId, ...row, enrolled_by: ctx.actor.accountId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new AppError('EDU_ALREADY_ENROLLED');
  await recordAudit(trx, ctx, { action: 'education.enrol', entity: 'edu_enrolment', entityId: inserted.id, after: { programmeId, name: row.full_name, kind: row.participant_kind, memberId: row.member_id } });
  return { enrolmentId: inserted.id, programmeId, name: row.full_name, kind: row.participant_kind };
}
