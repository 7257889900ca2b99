import type { Tx } from '../db/tenant.js';

/** SQL of the charters capability. Charters are append-only: a change inserts a version. */

export type CharterRow = {
  version: number;
  template: string;
  rules: unknown;
  note: string | null;
  adopted_at: Date;
  adopted_by: string | null;
  adopted_by_name: string | null;
};

const COLUMNS = ['charters.version', 'charters.template', 'charters.rules', 'charters.note', 'charters.adopted_at', 'charters.adopted_by'] as const;

export async function findCurrentCharter(trx: Tx, coopId: string): Promise<CharterRow | undefined> {
  return trx
    .selectFrom('charters')
    .leftJoin('accounts', 'accounts.id', 'charters.adopted_by')
    .select([...COLUMNS, 'accounts.name as adopted_by_name'])
    .where('charters.coop_id', '=', coopId)
    .orderBy('charters.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The version in force at the end of a day (Asia/Jakarta): the latest adopted by then; when the
 * first version recorded came later (a cooperative that started using Lumbung after that year),
 * the first one, since it is the oldest statement of its rules there is.
 */
export async function findCharterInForce(trx: Tx, coopId: string, endOfDay: Date): Promise<CharterRow | undefined> {
  const base = () =>
    trx.selectFrom('charters').leftJoin('accounts', 'accounts.id', 'charters.adopted_by').select([...COLUMNS, 'accounts.name as adopted_by_name']).where('charters.coop_id', '=', coopId);
  return (
    (await base().where('charters.adopted_at', '<=', endOfDay).orderBy('charters.version', 'desc').limit(1).executeTakeFirst()) ??
    (await base().orderBy('charters.version', 'asc').limit(1).executeTakeFirst())
  );
}

export async function listCharters(trx: Tx, coopId: string): Promise<CharterRow[]> {
  return trx
    .selectFrom('charters')
    .leftJoin('accounts', 'accounts.id', 'charters.adopted_by')
    .select([...COLUMNS, 'accounts.name as adopted_by_name'])
    .where('charters.coop_id', '=', coopId)
    .orderBy('charters.version', 'desc')
    .execute();
}

export async function insertCharter(
  trx: Tx,
  row: { coopId: string; version: number; template: string; rules: unknown; note: string | null; adoptedBy: string | null }
): Promise<{ version: number; adopted_at: Date }> {
  return trx
    .insertInto('charters')
    .values({
      coop_id: row.coopId,
      version: row.version,
      template: row.template,
      rules: JSON.stringify(row.rules),
      note: row.note,
      adopted_by: row.adoptedBy
    })
    .returning(['version', 'adopted_at'])
    .executeTakeFirstOrThrow();
}
