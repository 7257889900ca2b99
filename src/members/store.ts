import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import type { MemberStatus, Role } from '../db/schema.js';
import type { Tx } from '../db/tenant.js';
import { YOUTH_MAX_AGE, YOUTH_MIN_AGE } from './get-member-statistics.js';
import type { MemberRow } from './model.js';
import { inBatches } from '../db/batches.js';

/** The counter in coop_counters that numbers members. */
export const MEMBER_NO_COUNTER = 'member_no';

const MEMBER_COLUMNS = [
  'id',
  'member_no',
  'account_id',
  'status',
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
  'receives_state_aid',
  'applied_at',
  'joined_on',
  'left_on',
  'created_at',
  'updated_at'
] as const;

/** The columns of a member's record that a person's data fills (everything but identity, status and dates). */
export type MemberColumns = Pick<
  MemberRow,
  | 'full_name'
  | 'gender'
  | 'birth_date'
  | 'nik'
  | 'phone'
  | 'email'
  | 'street'
  | 'village_code'
  | 'rt'
  | 'rw'
  | 'household_code'
  | 'occupation'
  | 'skills'
  | 'civil_society_group'
  | 'is_well_off'
  | 'receives_state_aid'
>;

export async function findMember(trx: Tx, coopId: string, id: string, opts: { lock?: boolean } = {}): Promise<MemberRow | undefined> {
  let q = trx.selectFrom('members').select(MEMBER_COLUMNS).where('coop_id', '=', coopId).where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as MemberRow | undefined;
}

export async function findMemberByAccount(trx: Tx, coopId: string, accountId: string, opts: { lock?: boolean } = {}): Promise<MemberRow | undefined> {
  let q = trx.selectFrom('members').select(MEMBER_COLUMNS).where('coop_id', '=', coopId).where('account_id', '=', accountId);
  if (opts.lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as MemberRow | undefined;
}

export async function insertMember(
  trx: Tx,
  coopId: string,
  row: MemberColumns & { status: MemberStatus; member_no?: number | null; account_id?: string | null; joined_on?: string | null; left_on?: string | null }
): Promise<MemberRow> {
  return (await trx
    .insertInto('members')
    .values({ coop_id: coopId, ...row })
    .returning(MEMBER_COLUMNS)
    .executeTakeFirstOrThrow()) as MemberRow;
}

export async function updateMember(
  trx: Tx,
  coopId: string,
  id: string,
  set: Partial<MemberColumns> & { status?: MemberStatus; member_no?: number | null; account_id?: string | null; joined_on?: string | null; left_on?: string | null }
): Promise<MemberRow> {
  return (await trx
    .updateTable('members')
    .set({ ...set, updated_at: sql`now()` as never })
    .where('coop_id', '=', coopId)
    .where('id', '=', id)
    .returning(MEMBER_COLUMNS)
    .executeTakeFirstOrThrow()) as MemberRow;
}

export async function insertStatusHistory(
  trx: Tx,
  coopId: string,
  rows: { member_id: string; from_status: MemberStatus | null; to_status: MemberStatus; reason: string | null; actor_account_id: string | null }[]
): Promise<void> {
  await inBatches(rows, (batch) =>
    trx
      .insertInto('member_status_history')
      .values(batch.map((r) => ({ coop_id: coopId, ...r })))
      .execute()
  );
}

export function statusHistory(trx: Tx, coopId: string, memberId: string) {
  return trx
    .selectFrom('member_status_history as h')
    .leftJoin('accounts as a', 'a.id', 'h.actor_account_id')
    .select(['h.id', 'h.from_status', 'h.to_status', 'h.reason', 'h.at', 'h.actor_account_id', 'a.name as actor_name'])
    .where('h.coop_id', '=', coopId)
    .where('h.member_id', '=', memberId)
    .orderBy('h.id')
    .execute();
}

/**
 * Take `count` consecutive numbers from a cooperative counter. The upsert holds the
 * counter row's lock until the transaction ends, so concurrent callers queue and a
 * rolled-back transaction gives its numbers back (no gaps, no duplicates).
 */
export async function takeCounter(trx: Tx, coopId: string, name: string, count = 1): Promise<number> {
  const row = await trx
    .insertInto('coop_counters')
    .values({ coop_id: coopId, name, value: count })
    .onConflict((oc) => oc.columns(['coop_id', 'name']).doUpdateSet({ value: sql`coop_counters.value + ${count}` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function existingNiks(trx: Tx, coopId: string, niks: string[]): Promise<Set<string>> {
  if (niks.length === 0) return new Set();
  const rows = await trx.selectFrom('members').select('nik').where('coop_id', '=', coopId).where('nik', 'in', niks).execute();
  return new Set(rows.map((r) => r.nik).filter((n): n is string => n !== null));
}

export async function insertMembers(trx: Tx, coopId: string, rows: (MemberColumns & { status: MemberStatus; member_no: number | null; joined_on: string | null; left_on: string | null })[]): Promise<{ id: string; status: MemberStatus }[]> {
  const out: { id: string; status: MemberStatus }[] = [];
  // Batches keep each statement under PostgreSQL's parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const inserted = await trx
      .insertInto('members')
      .values(batch.map((r) => ({ coop_id: coopId, ...r })))
      .returning(['id', 'status'])
      .execute();
    out.push(...inserted);
  }
  return out;
}

export type MemberFilter = {
  q?: string;
  phone?: string | null;
  memberNo?: number | null;
  status?: MemberStatus;
  gender?: 'F' | 'M';
  youth?: boolean;
  rt?: number;
  rw?: number;
};

export type MemberSort = 'number' | 'name' | 'joined';

function filtered(trx: Tx, coopId: string, f: MemberFilter, today: string) {
  let q = trx.selectFrom('members').where('coop_id', '=', coopId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => {
      const ors = [eb('full_name', 'ilike', like)];
      if (f.memberNo) ors.push(eb('member_no', '=', f.memberNo));
      if (f.phone) ors.push(eb('phone', 'like', `%${f.phone}%`));
      return eb.or(ors);
    });
  }
  if (f.status) q = q.where('status', '=', f.status);
  if (f.gender) q = q.where('gender', '=', f.gender);
  if (f.rt) q = q.where('rt', '=', f.rt);
  if (f.rw) q = q.where('rw', '=', f.rw);
  if (f.youth !== undefined) {
    const youth = sql<boolean>`coalesce(date_part('year', age(${today}::date, birth_date)) BETWEEN ${YOUTH_MIN_AGE} AND ${YOUTH_MAX_AGE}, false)`;
    q = q.where(f.youth ? youth : sql<boolean>`NOT ${youth}`);
  }
  return q;
}

export async function listMembers(trx: Tx, coopId: string, f: MemberFilter, today: string, page: { limit: number; offset: number; sort: MemberSort }): Promise<{ rows: MemberRow[]; total: number }> {
  const base = filtered(trx, coopId, f, today);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  let q = base.select(MEMBER_COLUMNS);
  if (page.sort === 'name') q = q.orderBy(sql`lower(full_name)`).orderBy('id');
  else if (page.sort === 'joined') q = q.orderBy(sql`joined_on DESC NULLS LAST`).orderBy(sql`lower(full_name)`).orderBy('id');
  else q = q.orderBy(sql`member_no NULLS LAST`).orderBy(sql`lower(full_name)`).orderBy('id');
  const rows = (await q.limit(page.limit).offset(page.offset).execute()) as MemberRow[];
  return { rows, total };
}

export async function allMembers(trx: Tx, coopId: string, f: MemberFilter, today: string): Promise<MemberRow[]> {
  return (await filtered(trx, coopId, f, today)
    .select(MEMBER_COLUMNS)
    .orderBy(sql`member_no NULLS LAST`)
    .orderBy(sql`lower(full_name)`)
    .execute()) as MemberRow[];
}

/** Add (or keep) a role for an account in the cooperative. */
export async function grantRole(trx: Tx | Database, coopId: string, accountId: string, role: Role): Promise<void> {
  await trx
    .insertInto('coop_users')
    .values({ coop_id: coopId, account_id: accountId, roles: [role] })
    .onConflict((oc) =>
      oc.columns(['coop_id', 'account_id']).doUpdateSet({
        roles: sql`CASE WHEN ${role} = ANY(coop_users.roles) THEN coop_users.roles ELSE array_append(coop_users.roles, ${role}::text) END`
      })
    )
    .execute();
}

/** Remove a role; an account left with no role leaves the cooperative's user list. */
export async function revokeRole(trx: Tx, coopId: string, accountId: string, role: Role): Promise<void> {
  await trx
    .updateTable('coop_users')
    .set({ roles: sql`array_remove(roles, ${role}::text)` })
    .where('coop_id', '=', coopId)
    .where('account_id', '=', accountId)
    .where(sql<boolean>`cardinality(array_remove(roles, ${role}::text)) > 0`)
    .execute();
  await trx
    .deleteFrom('coop_users')
    .where('coop_id', '=', coopId)
    .where('account_id', '=', accountId)
    .where(sql<boolean>`roles = ARRAY[${role}::text]`)
    .execute();
}

export function findAccountContact(trx: Tx, accountId: string) {
  return trx.selectFrom('accounts').select(['id', 'name', 'email', 'phone']).where('id', '=', accountId).executeTakeFirst();
}

export function coopIdentity(trx: Tx | Database, coopId: string) {
  return trx.selectFrom('coops').select(['id', 'slug', 'name']).where('id', '=', coopId).executeTakeFirst();
}

