import { sql, type Insertable as KInsertable } from 'kysely';
import type { Database } from '../db/connection.js';
import type { Role } from '../db/schema.js';
import type { Tx } from '../db/tenant.js';
import type { GovernanceTables, Outcome } from './tables.js';
import { inBatches } from '../db/batches.js';

/** The governance SQL. Every function runs inside the caller's tenant transaction. */

type Insertable<T extends keyof GovernanceTables> = KInsertable<GovernanceTables[T]>;

/** The next number of a per-cooperative counter (meeting and decision numbers); the row lock orders them. */
export async function nextNumber(trx: Tx, coopId: string, name: string): Promise<number> {
  const row = await trx
    .insertInto('coop_counters')
    .values({ coop_id: coopId, name, value: 1 })
    .onConflict((oc) => oc.columns(['coop_id', 'name']).doUpdateSet({ value: sql`coop_counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/* ------------------------------------------------------------------ meetings */

export type MeetingRow = Awaited<ReturnType<typeof findMeeting>> & {};

export function findMeeting(trx: Tx, coopId: string, id: string, opts: { lock?: boolean } = {}) {
  let q = trx.selectFrom('meetings').selectAll().where('coop_id', '=', coopId).where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function insertMeeting(trx: Tx, row: Insertable<'meetings'>) {
  return trx.insertInto('meetings').values(row as never).returningAll().executeTakeFirstOrThrow();
}

export function updateMeeting(trx: Tx, coopId: string, id: string, set: Partial<Record<keyof GovernanceTables['meetings'], unknown>>) {
  return trx.updateTable('meetings').set(set as never).where('coop_id', '=', coopId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function listMeetingRows(trx: Tx, coopId: string, opts: { limit: number; offset: number; from?: Date; to?: Date }) {
  let q = trx.selectFrom('meetings').selectAll().where('coop_id', '=', coopId);
  if (opts.from) q = q.where('starts_at', '>=', opts.from);
  if (opts.to) q = q.where('starts_at', '<', opts.to);
  return q.orderBy('starts_at', 'desc').orderBy('number', 'desc').limit(opts.limit).offset(opts.offset).execute();
}

export function agendaOf(trx: Tx, coopId: string, meetingId: string) {
  return trx.selectFrom('agenda_items').selectAll().where('coop_id', '=', coopId).where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export function findAgendaItem(trx: Tx, coopId: string, id: string) {
  return trx.selectFrom('agenda_items').selectAll().where('coop_id', '=', coopId).where('id', '=', id).executeTakeFirst();
}

export async function insertAgendaItems(trx: Tx, coopId: string, meetingId: string, items: { title: string; description: string | null }[]) {
  if (items.length === 0) return [];
  const { max } = await trx
    .selectFrom('agenda_items')
    .select(sql<number>`coalesce(max(position), 0)::int`.as('max'))
    .where('coop_id', '=', coopId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return trx
    .insertInto('agenda_items')
    .values(items.map((it, i) => ({ coop_id: coopId, meeting_id: meetingId, position: max + i + 1, title: it.title, description: it.description })))
    .returningAll()
    .execute();
}

export async function snapshotMeetingEligible(trx: Tx, coopId: string, meetingId: string, memberIds: string[]): Promise<void> {
  for (let i = 0; i < memberIds.length; i += 1000) {
    await trx
      .insertInto('meeting_eligible')
      .values(memberIds.slice(i, i + 1000).map((member_id) => ({ coop_id: coopId, meeting_id: meetingId, member_id })))
      .execute();
  }
}

export async function isMeetingEligible(trx: Tx, coopId: string, meetingId: string, memberId: string): Promise<boolean> {
  const row = await trx.selectFrom('meeting_eligible').select('member_id').where('coop_id', '=', coopId).where('meeting_id', '=', meetingId).where('member_id', '=', memberId).executeTakeFirst();
  return Boolean(row);
}

export function findAttendance(trx: Tx, coopId: string, meetingId: string, memberId: string) {
  return trx.selectFrom('meeting_attendance').selectAll().where('coop_id', '=', coopId).where('meeting_id', '=', meetingId).where('member_id', '=', memberId).executeTakeFirst();
}

export function upsertAttendance(trx: Tx, row: Insertable<'meeting_attendance'> & { checked_in_at: Date; participation: 'in_person' | 'online'; method: 'officer' | 'qr'; recorded_by: string | null }) {
  return trx
    .insertInto('meeting_attendance')
    .values({ ...row, left_at: null })
    .onConflict((oc) =>
      oc.columns(['coop_id', 'meeting_id', 'member_id']).doUpdateSet({
        left_at: null,
        participation: row.participation,
        method: row.method,
        recorded_by: row.recorded_by,
        checked_in_at: row.checked_in_at
      })
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function markLeft(trx: Tx, coopId: string, meetingId: string, memberId: string, at: Date) {
  return trx
    .updateTable('meeting_attendance')
    .set({ left_at: at })
    .where('coop_id', '=', coopId)
    .where('meeting_id', '=', meetingId)
    .where('member_id', '=', memberId)
    .where('left_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function attendanceCounts(trx: Tx, coopId: string, meetingId: string): Promise<{ present: number; inPerson: number; online: number; everAttended: number }> {
  const row = await trx
    .selectFrom('meeting_attendance')
    .select([
      sql<number>`count(*) FILTER (WHERE left_at IS NULL)::int`.as('present'),
      sql<number>`count(*) FILTER (WHERE left_at IS NULL AND participation = 'in_person')::int`.as('inPerson'),
      sql<number>`count(*) FILTER (WHERE left_at IS NULL AND participation = 'online')::int`.as('online'),
      sql<number>`count(*)::int`.as('everAttended')
    ])
    .where('coop_id', '=', coopId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return row;
}

export function attendanceList(trx: Tx, coopId: string, meetingId: string) {
  return trx
    .selectFrom('meeting_eligible as e')
    .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'e.coop_id').onRef('m.id', '=', 'e.member_id'))
    .leftJoin('meeting_attendance as a', (j) => j.onRef('a.coop_id', '=', 'e.coop_id').onRef('a.meeting_id', '=', 'e.meeting_id').onRef('a.member_id', '=', 'e.member_id'))
    .select(['e.member_id', 'm.member_no', 'm.full_name', 'a.checked_in_at', 'a.method', 'a.participation', 'a.left_at'])
    .where('e.coop_id', '=', coopId)
    .where('e.meeting_id', '=', meetingId)
    .orderBy(sql`m.member_no NULLS LAST`)
    .orderBy('m.full_name')
    .execute();
}

/** Accounts and their roles in the cooperative (for board and supervisors' meetings and elections). */
export async function rolesOfAccounts(trx: Tx, coopId: string): Promise<Map<string, Role[]>> {
  const rows = await trx.selectFrom('coop_users').select(['account_id', 'roles']).where('coop_id', '=', coopId).execute();
  return new Map(rows.map((r) => [r.account_id, r.roles]));
}

/* ------------------------------------------------------------------ minutes */

export function findMinutes(trx: Tx, coopId: string, meetingId: string, opts: { lock?: boolean } = {}) {
  let q = trx.selectFrom('minutes').selectAll().where('coop_id', '=', coopId).where('meeting_id', '=', meetingId);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function minutesSignatures(trx: Tx, coopId: string, meetingId: string) {
  return trx
    .selectFrom('minutes_signatures as s')
    .leftJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.role', 's.account_id', 's.signed_at', 'a.name'])
    .where('s.coop_id', '=', coopId)
    .where('s.meeting_id', '=', meetingId)
    .orderBy('s.signed_at')
    .execute();
}

export function insertMinutesSignature(trx: Tx, row: { coop_id: string; meeting_id: string; role: 'ketua' | 'sekretaris'; account_id: string; signed_at: Date }) {
  return trx.insertInto('minutes_signatures').values(row).onConflict((oc) => oc.columns(['coop_id', 'meeting_id', 'role']).doNothing()).execute();
}

export function ensureMinutes(trx: Tx, coopId: string, meetingId: string, at: Date) {
  return trx
    .insertInto('minutes')
    .values({ coop_id: coopId, meeting_id: meetingId, updated_at: at })
    .onConflict((oc) => oc.columns(['coop_id', 'meeting_id']).doNothing())
    .execute();
}

export function updateMinutes(trx: Tx, coopId: string, meetingId: string, set: Partial<Record<keyof GovernanceTables['minutes'], unknown>>) {
  return trx.updateTable('minutes').set(set as never).where('coop_id', '=', coopId).where('meeting_id', '=', meetingId).returningAll().executeTakeFirstOrThrow();
}

export function minuteNotes(trx: Tx, coopId: string, meetingId: string) {
  return trx.selectFrom('minute_notes').selectAll().where('coop_id', '=', coopId).where('meeting_id', '=', meetingId).execute();
}

export function upsertMinuteNote(trx: Tx, coopId: string, meetingId: string, agendaItemId: string, text: string) {
  return trx
    .insertInto('minute_notes')
    .values({ coop_id: coopId, meeting_id: meetingId, agenda_item_id: agendaItemId, text })
    .onConflict((oc) => oc.columns(['coop_id', 'agenda_item_id']).doUpdateSet({ text }))
    .execute();
}

export function amendmentsOf(trx: Tx, coopId: string, meetingId: string) {
  return trx
    .selectFrom('minute_amendments as x')
    .leftJoin('accounts as a', 'a.id', 'x.created_by')
    .select(['x.id', 'x.agenda_item_id', 'x.text', 'x.created_at', 'a.name as created_by_name'])
    .where('x.coop_id', '=', coopId)
    .where('x.meeting_id', '=', meetingId)
    .orderBy('x.created_at')
    .execute();
}

export function insertAmendment(trx: Tx, row: { coop_id: string; meeting_id: string; agenda_item_id: string | null; text: string; created_at: Date; created_by: string | null }) {
  return trx.insertInto('minute_amendments').values(row).returningAll().executeTakeFirstOrThrow();
}

/* ------------------------------------------------------------------ decisions */

export type DecisionRow = NonNullable<Awaited<ReturnType<typeof findDecision>>>;

export function findDecision(trx: Tx, coopId: string, id: string, opts: { lock?: 'update' | 'share' } = {}) {
  let q = trx.selectFrom('decisions').selectAll().where('coop_id', '=', coopId).where('id', '=', id);
  if (opts.lock === 'update') q = q.forUpdate();
  if (opts.lock === 'share') q = q.forShare();
  return q.executeTakeFirst();
}

export function insertDecision(trx: Tx, row: Insertable<'decisions'>) {
  return trx.insertInto('decisions').values(row as never).returningAll().executeTakeFirstOrThrow();
}

export function updateDecision(trx: Tx, coopId: string, id: string, set: Partial<Record<keyof GovernanceTables['decisions'], unknown>>) {
  return trx.updateTable('decisions').set(set as never).where('coop_id', '=', coopId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function listDecisionRows(trx: Tx, coopId: string, opts: { status?: string; meetingId?: string; limit: number; offset: number }) {
  let q = trx
    .selectFrom('decisions as d')
    .leftJoin('meetings as m', (j) => j.onRef('m.coop_id', '=', 'd.coop_id').onRef('m.id', '=', 'd.meeting_id'))
    .selectAll('d')
    .select(['m.title as meeting_title', 'm.number as meeting_number', 'm.starts_at as meeting_starts_at'])
    .where('d.coop_id', '=', coopId);
  if (opts.status) q = q.where('d.status', '=', opts.status as never);
  if (opts.meetingId) q = q.where('d.meeting_id', '=', opts.meetingId);
  return q.orderBy('d.number', 'desc').limit(opts.limit).offset(opts.offset).execute();
}

export function optionsOf(trx: Tx, coopId: string, decisionId: string) {
  return trx.selectFrom('decision_options').select(['id', 'position', 'label', 'member_id']).where('coop_id', '=', coopId).where('decision_id', '=', decisionId).orderBy('position').execute();
}

export async function replaceOptions(trx: Tx, coopId: string, decisionId: string, options: { label: string; member_id: string | null }[]) {
  await trx.deleteFrom('decision_options').where('coop_id', '=', coopId).where('decision_id', '=', decisionId).execute();
  if (options.length === 0) return;
  await trx
    .insertInto('decision_options')
    .values(options.map((o, i) => ({ coop_id: coopId, decision_id: decisionId, position: i + 1, label: o.label, member_id: o.member_id })))
    .execute();
}

export function positionsOf(trx: Tx, coopId: string, decisionId: string) {
  return trx
    .selectFrom('decision_positions as p')
    .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'p.coop_id').onRef('m.id', '=', 'p.member_id'))
    .select(['p.member_id', 'm.full_name', 'p.stance', 'p.reason', 'p.updated_at'])
    .where('p.coop_id', '=', coopId)
    .where('p.decision_id', '=', decisionId)
    .orderBy('p.updated_at')
    .execute();
}

export function upsertPosition(trx: Tx, row: Insertable<'decision_positions'> & { updated_at: Date; stance: GovernanceTables['decision_positions']['stance']; reason: string | null }) {
  return trx
    .insertInto('decision_positions')
    .values(row)
    .onConflict((oc) => oc.columns(['coop_id', 'decision_id', 'member_id']).doUpdateSet({ stance: row.stance, reason: row.reason, updated_at: row.updated_at }))
    .execute();
}

export function commentsOf(trx: Tx, coopId: string, decisionId: string) {
  return trx
    .selectFrom('decision_comments as c')
    .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'c.coop_id').onRef('m.id', '=', 'c.member_id'))
    .select(['c.id', 'c.member_id', 'm.full_name', 'c.body', 'c.created_at'])
    .where('c.coop_id', '=', coopId)
    .where('c.decision_id', '=', decisionId)
    .orderBy('c.created_at')
    .execute();
}

export function insertComment(trx: Tx, row: { coop_id: string; decision_id: string; member_id: string; body: string; created_at: Date }) {
  return trx.insertInto('decision_comments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function snapshotElectorate(trx: Tx, coopId: string, decisionId: string, memberIds: string[]): Promise<void> {
  for (let i = 0; i < memberIds.length; i += 1000) {
    await trx
      .insertInto('eligible_voters')
      .values(memberIds.slice(i, i + 1000).map((member_id) => ({ coop_id: coopId, decision_id: decisionId, member_id })))
      .execute();
  }
}

/** Lock the member's electorate row: concurrent ballots of one member queue here (item 1). */
export async function lockVoter(trx: Tx, coopId: string, decisionId: string, memberId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('eligible_voters')
    .select('member_id')
    .where('coop_id', '=', coopId)
    .where('decision_id', '=', decisionId)
    .where('member_id', '=', memberId)
    .forUpdate()
    .executeTakeFirst();
  return Boolean(row);
}

export async function isEligibleVoter(trx: Tx, coopId: string, decisionId: string, memberId: string): Promise<boolean> {
  const row = await trx.selectFrom('eligible_voters').select('member_id').where('coop_id', '=', coopId).where('decision_id', '=', decisionId).where('member_id', '=', memberId).executeTakeFirst();
  return Boolean(row);
}

export function findParticipation(trx: Tx, coopId: string, decisionId: string, memberId: string) {
  return trx.selectFrom('participations').selectAll().where('coop_id', '=', coopId).where('decision_id', '=', decisionId).where('member_id', '=', memberId).executeTakeFirst();
}

export function insertParticipation(trx: Tx, row: Insertable<'participations'>) {
  return trx.insertInto('participations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function countParticipations(trx: Tx, coopId: string, decisionId: string): Promise<number> {
  const { n } = await trx
    .selectFrom('participations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('coop_id', '=', coopId)
    .where('decision_id', '=', decisionId)
    .executeTakeFirstOrThrow();
  return n;
}

export function participationList(trx: Tx, coopId: string, decisionId: string) {
  return trx
    .selectFrom('eligible_voters as e')
    .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'e.coop_id').onRef('m.id', '=', 'e.member_id'))
    .leftJoin('participations as p', (j) => j.onRef('p.coop_id', '=', 'e.coop_id').onRef('p.decision_id', '=', 'e.decision_id').onRef('p.member_id', '=', 'e.member_id'))
    .select(['e.member_id', 'm.member_no', 'm.full_name', 'p.origin', 'p.entered_by'])
    .where('e.coop_id', '=', coopId)
    .where('e.decision_id', '=', decisionId)
    .orderBy(sql`m.member_no NULLS LAST`)
    .orderBy('m.full_name')
    .execute();
}

export function insertBallot(trx: Tx, coopId: string, decisionId: string, choices: string[]) {
  return trx.insertInto('ballots').values({ coop_id: coopId, decision_id: decisionId, choices: JSON.stringify(choices) }).returning('id').executeTakeFirstOrThrow();
}

export function deleteBallot(trx: Tx, coopId: string, id: string) {
  return trx.deleteFrom('ballots').where('coop_id', '=', coopId).where('id', '=', id).execute();
}

export async function ballotChoices(trx: Tx, coopId: string, decisionId: string): Promise<string[][]> {
  const rows = await trx.selectFrom('ballots').select('choices').where('coop_id', '=', coopId).where('decision_id', '=', decisionId).execute();
  return rows.map((r) => r.choices as string[]);
}

export function currentOpenVote(trx: Tx, coopId: string, decisionId: string, memberId: string) {
  return trx
    .selectFrom('open_votes')
    .selectAll()
    .where('coop_id', '=', coopId)
    .where('decision_id', '=', decisionId)
    .where('member_id', '=', memberId)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
}

export function openVoteHistory(trx: Tx, coopId: string, decisionId: string, memberId: string) {
  return trx
    .selectFrom('open_votes')
    .select(['choices', 'cast_at', 'superseded_at'])
    .where('coop_id', '=', coopId)
    .where('decision_id', '=', decisionId)
    .where('member_id', '=', memberId)
    .orderBy('id')
    .execute();
}

export function insertOpenVote(trx: Tx, row: { coop_id: string; decision_id: string; member_id: string; choices: string[]; ballot_id: string; idempotency_key: string | null; cast_at: Date }) {
  return trx
    .insertInto('open_votes')
    .values({ ...row, choices: JSON.stringify(row.choices) })
    .execute();
}

export function supersedeOpenVote(trx: Tx, coopId: string, id: number, at: Date) {
  return trx.updateTable('open_votes').set({ superseded_at: at }).where('coop_id', '=', coopId).where('id', '=', id).execute();
}

export function openVotesOf(trx: Tx, coopId: string, decisionId: string) {
  return trx
    .selectFrom('open_votes as v')
    .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 'v.coop_id').onRef('m.id', '=', 'v.member_id'))
    .select(['v.member_id', 'm.full_name', 'v.choices', 'v.cast_at'])
    .where('v.coop_id', '=', coopId)
    .where('v.decision_id', '=', decisionId)
    .where('v.superseded_at', 'is', null)
    .orderBy('m.full_name')
    .execute();
}

export function resultsOf(trx: Tx, coopId: string, decisionId: string) {
  return trx.selectFrom('decision_results').selectAll().where('coop_id', '=', coopId).where('decision_id', '=', decisionId).orderBy('version').execute();
}

export function insertResult(trx: Tx, row: { coop_id: string; decision_id: string; version: number; outcome: Outcome; rule: unknown; inputs: unknown; tally: unknown; closed_at: Date; closed_by: string | null }) {
  return trx
    .insertInto('decision_results')
    .values({ ...row, rule: JSON.stringify(row.rule), inputs: JSON.stringify(row.inputs), tally: JSON.stringify(row.tally) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function reopeningsOf(trx: Tx, coopId: string, decisionId: string) {
  return trx.selectFrom('decision_reopenings').selectAll().where('coop_id', '=', coopId).where('decision_id', '=', decisionId).orderBy('supersedes_version').execute();
}

export function insertReopening(trx: Tx, row: Insertable<'decision_reopenings'>) {
  return trx.insertInto('decision_reopenings').values(row).execute();
}

export async function insertVoteTokens(trx: Tx, rows: { coop_id: string; token_hash: string; decision_id: string; member_id: string }[]): Promise<void> {
  await inBatches(rows, (batch) => trx.insertInto('vote_tokens').values(batch).execute());
}

export function findVoteToken(trx: Tx, coopId: string, tokenHash: string, opts: { lock?: boolean } = {}) {
  let q = trx.selectFrom('vote_tokens').selectAll().where('coop_id', '=', coopId).where('token_hash', '=', tokenHash);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function useVoteToken(trx: Tx, coopId: string, tokenHash: string, at: Date) {
  return trx.updateTable('vote_tokens').set({ used_at: at }).where('coop_id', '=', coopId).where('token_hash', '=', tokenHash).execute();
}

/** Voting decisions closing within (now, until], with the eligible members who have not voted. */
export function nonVotersClosingBy(trx: Tx, coopId: string, now: Date, until: Date) {
  return trx
    .selectFrom('decisions as d')
    .innerJoin('eligible_voters as e', (j) => j.onRef('e.coop_id', '=', 'd.coop_id').onRef('e.decision_id', '=', 'd.id'))
    .leftJoin('participations as p', (j) => j.onRef('p.coop_id', '=', 'e.coop_id').onRef('p.decision_id', '=', 'e.decision_id').onRef('p.member_id', '=', 'e.member_id'))
    .select(['d.id as decision_id', 'e.member_id'])
    .where('d.coop_id', '=', coopId)
    .where('d.status', '=', 'voting')
    .where('d.closes_at', '>', now)
    .where('d.closes_at', '<=', until)
    .where('p.member_id', 'is', null)
    .execute();
}

export function openDecisionsPastClose(trx: Tx, coopId: string, now: Date) {
  return trx.selectFrom('decisions').select('id').where('coop_id', '=', coopId).where('status', '=', 'voting').where('closes_at', '<=', now).execute();
}

/* ------------------------------------------------------------------ terms of office */

export function currentTerms(trx: Tx, coopId: string, role: string, today: string) {
  return trx
    .selectFrom('office_terms')
    .selectAll()
    .where('coop_id', '=', coopId)
    .where('role', '=', role as never)
    .where('ends_on', '>', today)
    .where('ended_early_on', 'is', null)
    .execute();
}

export function insertTerm(trx: Tx, row: { coop_id: string; member_id: string; role: string; starts_on: string; ends_on: string; decision_id: string }) {
  return trx.insertInto('office_terms').values(row as never).execute();
}

export function endTermEarly(trx: Tx, coopId: string, id: string, on: string) {
  return trx.updateTable('office_terms').set({ ended_early_on: on }).where('coop_id', '=', coopId).where('id', '=', id).execute();
}

export function termsList(trx: Tx, coopId: string) {
  return trx
    .selectFrom('office_terms as t')
    .innerJoin('members as m', (j) => j.onRef('m.coop_id', '=', 't.coop_id').onRef('m.id', '=', 't.member_id'))
    .select(['t.id', 't.member_id', 'm.full_name', 't.role', 't.starts_on', 't.ends_on', 't.ended_early_on', 't.decision_id'])
    .where('t.coop_id', '=', coopId)
    .orderBy('t.starts_on', 'desc')
    .execute();
}

/* ------------------------------------------------------------------ compliance facts */

export function closedMeetingsSince(trx: Tx, coopId: string, since: Date) {
  return trx
    .selectFrom('meetings as m')
    .select([
      'm.id',
      'm.kind',
      'm.starts_at',
      'm.closed_at',
      'm.eligible_count',
      (eb) =>
        eb
          .selectFrom('meeting_attendance as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.coop_id', '=', 'm.coop_id')
          .whereRef('a.meeting_id', '=', 'm.id')
          .as('attended')
    ])
    .where('m.coop_id', '=', coopId)
    .where('m.status', '=', 'closed')
    .where('m.starts_at', '>=', since)
    .where('m.kind', 'in', ['regular', 'rat', 'extraordinary', 'founding'])
    .orderBy('m.starts_at')
    .execute();
}

export async function anyMeeting(trx: Tx, coopId: string): Promise<boolean> {
  return Boolean(await trx.selectFrom('meetings').select('id').where('coop_id', '=', coopId).limit(1).executeTakeFirst());
}

export async function representationFacts(trx: Tx, coopId: string): Promise<{ decisions: number; ballots: number; paper: number; paperWithoutPresence: number }> {
  const row = await trx
    .selectFrom('participations as p')
    .innerJoin('decisions as d', (j) => j.onRef('d.coop_id', '=', 'p.coop_id').onRef('d.id', '=', 'p.decision_id'))
    .select([
      sql<number>`count(DISTINCT p.decision_id)::int`.as('decisions'),
      sql<number>`count(*)::int`.as('ballots'),
      sql<number>`count(*) FILTER (WHERE p.origin = 'in_person')::int`.as('paper'),
      // A paper ballot is the member's own only if they were checked in at the decision's meeting.
      sql<number>`count(*) FILTER (WHERE p.origin = 'in_person' AND NOT EXISTS (
        SELECT 1 FROM meeting_attendance a WHERE a.coop_id = p.coop_id AND a.meeting_id = d.meeting_id AND a.member_id = p.member_id AND a.participation = 'in_person'))::int`.as('paperWithoutPresence')
    ])
    .where('p.coop_id', '=', coopId)
    .where('d.status', '=', 'closed')
    .executeTakeFirstOrThrow();
  return row;
}

/* ------------------------------------------------------------------ mail outbox */

export async function enqueueMail(
  trx: Tx | Database,
  rows: { coop_id: string | null; kind: string; dedupe_key: string; to_address: string; to_name: string | null; subject: string; text_body: string; ics: string | null }[]
) {
  // A cooperative's mail goes to its queue; mail about an account (coop_id null) to the platform's (decision 0111).
  const coopRows = rows.filter((r): r is (typeof rows)[number] & { coop_id: string } => r.coop_id !== null);
  const platformRows = rows.filter((r) => r.coop_id === null).map(({ coop_id: _none, ...r }) => r);
  await inBatches(coopRows, (batch) =>
    trx
      .insertInto('mail_outbox')
      .values(batch)
      .onConflict((oc) => oc.columns(['coop_id', 'dedupe_key']).doNothing())
      .execute()
  );
  await inBatches(platformRows, (batch) =>
    trx
      .insertInto('platform_mail_outbox')
      .values(batch)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute()
  );
}

export async function sentDedupeKeys(trx: Tx, coopId: string, prefix: string): Promise<Set<string>> {
  const rows = await trx.selectFrom('mail_outbox').select('dedupe_key').where('coop_id', '=', coopId).where('dedupe_key', 'like', `${prefix}%`).execute();
  return new Set(rows.map((r) => r.dedupe_key));
}

export async function electorateMemberIds(trx: Tx, coopId: string, decisionId: string): Promise<string[]> {
  const rows = await trx.selectFrom('eligible_voters').select('member_id').where('coop_id', '=', coopId).where('decision_id', '=', decisionId).execute();
  return rows.map((r) => r.member_id);
}

/**
 * Ballots and the close meet on an advisory lock per decision: every ballot holds it shared
 * (ballots never wait for each other, and no row of the hot decision is locked, so no
 * multixact churn), the close and a reopening hold it exclusively — so a close counts only
 * after every ballot in flight has committed or failed, and no ballot commits after the count.
 */
export async function lockDecisionForBallot(trx: Tx, decisionId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(hashtextextended(${`decision:${decisionId}`}, 0))`.execute(trx);
}

export async function lockDecisionForClose(trx: Tx, decisionId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`decision:${decisionId}`}, 0))`.execute(trx);
}
