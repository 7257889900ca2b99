import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { Balances, MovementKind, MovementMethod } from './model.js';

export type MovementRow = {
  id: string;
  member_id: string;
  kind: MovementKind;
  pokok_delta: number;
  wajib_delta: number;
  sukarela_delta: number;
  amount: number;
  method: MovementMethod;
  occurred_on: string;
  receipt_year: number;
  receipt_seq: number;
  receipt_no: string;
  wajib_from: string | null;
  wajib_to: string | null;
  note: string | null;
  idempotency_key: string;
  ledger_entry_id: string;
  balance_pokok: number;
  balance_wajib: number;
  balance_sukarela: number;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
};

const MOVEMENT_COLUMNS = [
  'm.id',
  'm.member_id',
  'm.kind',
  'm.pokok_delta',
  'm.wajib_delta',
  'm.sukarela_delta',
  'm.amount',
  'm.method',
  'm.occurred_on',
  'm.receipt_year',
  'm.receipt_seq',
  'm.receipt_no',
  'm.wajib_from',
  'm.wajib_to',
  'm.note',
  'm.idempotency_key',
  'm.ledger_entry_id',
  'm.balance_pokok',
  'm.balance_wajib',
  'm.balance_sukarela',
  'm.created_by',
  'm.created_at'
] as const;

function movements(trx: Tx, coopId: string) {
  return trx
    .selectFrom('capital_movements as m')
    .leftJoin('accounts as a', 'a.id', 'm.created_by')
    .select([...MOVEMENT_COLUMNS, 'a.name as created_by_name'])
    .where('m.coop_id', '=', coopId);
}

/**
 * The member's balance row, created when missing, holding its row lock until the
 * transaction ends: every movement of one member queues here.
 */
export async function lockCapitalAccount(trx: Tx, coopId: string, memberId: string): Promise<Balances> {
  const row = await trx
    .insertInto('capital_accounts')
    .values({ coop_id: coopId, member_id: memberId })
    .onConflict((oc) => oc.columns(['coop_id', 'member_id']).doUpdateSet({ updated_at: sql`capital_accounts.updated_at` }))
    .returning(['pokok', 'wajib', 'sukarela'])
    .executeTakeFirstOrThrow();
  return { pokok: Number(row.pokok), wajib: Number(row.wajib), sukarela: Number(row.sukarela) };
}

export async function setBalances(trx: Tx, coopId: string, memberId: string, b: Balances): Promise<void> {
  await trx
    .updateTable('capital_accounts')
    .set({ pokok: b.pokok, wajib: b.wajib, sukarela: b.sukarela, updated_at: sql`now()` as never })
    .where('coop_id', '=', coopId)
    .where('member_id', '=', memberId)
    .execute();
}

/** Serialise requests carrying the same idempotency key (held until the transaction ends). */
export async function lockIdempotencyKey(trx: Tx, coopId: string, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`capital:${coopId}:${key}`}, 0))`.execute(trx);
}

export async function findMovementByKey(trx: Tx, coopId: string, key: string): Promise<MovementRow | undefined> {
  return (await movements(trx, coopId).where('m.idempotency_key', '=', key).executeTakeFirst()) as MovementRow | undefined;
}

export async function findMovement(trx: Tx, coopId: string, id: string): Promise<MovementRow | undefined> {
  return (await movements(trx, coopId).where('m.id', '=', id).executeTakeFirst()) as MovementRow | undefined;
}

export async function insertMovement(
  trx: Tx,
  coopId: string,
  row: Omit<MovementRow, 'id' | 'created_at' | 'created_by_name'>
): Promise<string> {
  const out = await trx
    .insertInto('capital_movements')
    // The time of writing (after the member's lock was taken), so recording order is kept even for concurrent movements.
    .values({ coop_id: coopId, ...row, created_at: sql`clock_timestamp()` as never })
    .returning('id')
    .executeTakeFirstOrThrow();
  return out.id;
}

/** A member's movements, oldest first (their statement). */
export async function memberMovements(trx: Tx, coopId: string, memberId: string): Promise<MovementRow[]> {
  return (await movements(trx, coopId).where('m.member_id', '=', memberId).orderBy('m.occurred_on').orderBy('m.created_at').execute()) as MovementRow[];
}

/** Every member's balances (members without a balance row have none). */
export async function allBalances(trx: Tx, coopId: string): Promise<Map<string, Balances>> {
  const rows = await trx.selectFrom('capital_accounts').select(['member_id', 'pokok', 'wajib', 'sukarela']).where('coop_id', '=', coopId).execute();
  return new Map(rows.map((r) => [r.member_id, { pokok: Number(r.pokok), wajib: Number(r.wajib), sukarela: Number(r.sukarela) }]));
}

export async function findBalances(trx: Tx, coopId: string, memberId: string): Promise<Balances> {
  const r = await trx.selectFrom('capital_accounts').select(['pokok', 'wajib', 'sukarela']).where('coop_id', '=', coopId).where('member_id', '=', memberId).executeTakeFirst();
  return r ? { pokok: Number(r.pokok), wajib: Number(r.wajib), sukarela: Number(r.sukarela) } : { pokok: 0, wajib: 0, sukarela: 0 };
}

/** The date of the member's latest movement, if any. */
export async function lastMovementDate(trx: Tx, coopId: string, memberId: string): Promise<string | null> {
  const r = await trx
    .selectFrom('capital_movements')
    .select((eb) => eb.fn.max('occurred_on').as('last'))
    .where('coop_id', '=', coopId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return (r?.last as string | null | undefined) ?? null;
}
