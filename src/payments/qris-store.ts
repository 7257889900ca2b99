import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';

export async function findQrisSettings(trx: Tx, coopId: string) {
  return trx.selectFrom('qris_settings').select(['static_payload', 'merchant_name', 'merchant_city', 'updated_at']).where('coop_id', '=', coopId).executeTakeFirst();
}

export async function upsertQrisSettings(trx: Tx, coopId: string, row: { static_payload: string; merchant_name: string; merchant_city: string; updated_by: string | null }) {
  return trx
    .insertInto('qris_settings')
    .values({ coop_id: coopId, ...row })
    .onConflict((oc) => oc.column('coop_id').doUpdateSet({ ...row, updated_at: sql`excluded.updated_at` as never }))
    .returning(['static_payload', 'merchant_name', 'merchant_city', 'updated_at'])
    .executeTakeFirstOrThrow();
}
