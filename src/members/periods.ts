import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { MemberAction, MemberRow } from './model.js';
import type { MemberColumns } from './store.js';

/**
 * Membership periods (migration 0100, decision 0105): a person's memberships, one row per
 * period. The members row is the person (one id and member number for life) and carries the
 * dates of the current period; this table keeps every period with the person's details as
 * they were in it, so a former member who applies again starts a new period instead of
 * overwriting the old one.
 */
export type PeriodRow = {
  id: string;
  period_no: number;
  member_no: number | null;
  applied_at: Date;
  joined_on: string | null;
  left_on: string | null;
  outcome: 'resigned' | 'expelled' | 'rejected' | null;
  details: MemberColumns;
};

const DETAIL_KEYS = [
  'full_name',
  'gender',
  'birth_date',
  'nik',
  'phone',
  'email',
  'street',
  'village_code',
  'rt',
  'rw',
  'household_code',
  'occupation',
  'skills',
  'civil_society_group',
  'is_well_off',
  'receives_state_aid'
] as const satisfies readonly (keyof MemberColumns)[];

/** The person's details in a member row (what a period keeps). */
export function detailsOf(row: MemberColumns): MemberColumns {
  return Object.fromEntries(DETAIL_KEYS.map((k) => [k, row[k]])) as MemberColumns;
}

const ENDED = { resigned: 'resigned', expelled: 'expelled', rejected: 'rejected' } as const;

export async function periodsOf(trx: Tx, coopId: string, memberId: string): Promise<PeriodRow[]> {
  return (await trx
    .selectFrom('membership_periods')
    .select(['id', 'period_no', 'member_no', 'applied_at', 'joined_on', 'left_on', 'outcome', 'details'])
    .where('coop_id', '=', coopId)
    .where('member_id', '=', memberId)
    .orderBy('period_no')
    .execute()) as PeriodRow[];
}

/**
 * A member's periods, recording the one their row describes when none is recorded yet (a
 * member written before migration 0100's write path, or directly, as fixtures and imports do).
 * Called with the member's row lock held, before the row changes.
 */
export async function ensurePeriods(trx: Tx, coopId: string, row: MemberRow): Promise<PeriodRow[]> {
  const periods = await periodsOf(trx, coopId, row.id);
  if (periods.length) return periods;
  const ended = row.status === 'resigned' || row.status === 'expelled' || row.status === 'rejected' ? ENDED[row.status] : null;
  await insertPeriod(trx, coopId, row.id, {
    period_no: 1,
    member_no: row.member_no,
    applied_at: row.applied_at,
    joined_on: row.joined_on,
    left_on: ended === 'resigned' || ended === 'expelled' ? row.left_on : null,
    outcome: ended,
    details: detailsOf(row)
  });
  return periodsOf(trx, coopId, row.id);
}

async function insertPeriod(trx: Tx, coopId: string, memberId: string, p: Omit<PeriodRow, 'id'>): Promise<void> {
  await trx
    .insertInto('membership_periods')
    .values({ coop_id: coopId, member_id: memberId, ...p, details: JSON.stringify(p.details) })
    .execute();
}

async function updatePeriod(trx: Tx, coopId: string, id: string, set: Partial<Omit<PeriodRow, 'id' | 'period_no' | 'applied_at'>>): Promise<void> {
  const { details, ...rest } = set;
  await trx
    .updateTable('membership_periods')
    .set({ ...rest, ...(details ? { details: JSON.stringify(details) } : {}), updated_at: sql`now()` as never })
    .where('coop_id', '=', coopId)
    .where('id', '=', id)
    .execute();
}

/**
 * After one step of the status machine (`before` → `after`, both rows of the same member):
 * rejoining opens a new period (same member number, the details of the new application);
 * approving admits the open period; rejecting, resigning and expelling end it, keeping the
 * details as they were at its end. Suspending and reinstating stay inside the period.
 */
export async function recordPeriod(trx: Tx, coopId: string, now: Date, periods: PeriodRow[], before: MemberRow, after: MemberRow, action: MemberAction): Promise<void> {
  const last = periods.at(-1);
  const open = last && last.outcome === null ? last : undefined;
  if (action === 'rejoin') {
    await insertPeriod(trx, coopId, after.id, {
      period_no: (last?.period_no ?? 0) + 1,
      member_no: before.member_no,
      applied_at: now,
      joined_on: null,
      left_on: null,
      outcome: null,
      details: detailsOf(after)
    });
  } else if (action === 'approve') {
    if (open) await updatePeriod(trx, coopId, open.id, { member_no: after.member_no, joined_on: after.joined_on, details: detailsOf(after) });
    else await insertPeriod(trx, coopId, after.id, { period_no: (last?.period_no ?? 0) + 1, member_no: after.member_no, applied_at: after.applied_at, joined_on: after.joined_on, left_on: null, outcome: null, details: detailsOf(after) });
  } else if ((action === 'reject' || action === 'resign' || action === 'expel') && open) {
    const outcome = action === 'reject' ? 'rejected' : action === 'resign' ? 'resigned' : 'expelled';
    await updatePeriod(trx, coopId, open.id, { outcome, left_on: action === 'reject' ? null : after.left_on, details: detailsOf(after) });
  }
}
