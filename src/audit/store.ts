import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type AuditFilter = { entity?: string; entityId?: string; actorAccountId?: string; fromAt?: Date; toAt?: Date };

function filtered(db: Kysely<DB>, coopId: string, f: AuditFilter) {
  let q = db.selectFrom('audit_log').where('audit_log.coop_id', '=', coopId);
  if (f.entity) q = q.where('audit_log.entity', '=', f.entity);
  if (f.entityId) q = q.where('audit_log.entity_id', '=', f.entityId);
  if (f.actorAccountId) q = q.where('audit_log.actor_account_id', '=', f.actorAccountId);
  if (f.fromAt) q = q.where('audit_log.at', '>=', f.fromAt);
  if (f.toAt) q = q.where('audit_log.at', '<', f.toAt);
  return q;
}

export async function countAuditRows(db: Kysely<DB>, coopId: string, f: AuditFilter): Promise<number> {
  const row = await filtered(db, coopId, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function selectAuditRows(db: Kysely<DB>, coopId: string, f: AuditFilter, limit: number, offset: number) {
  return filtered(db, coopId, f)
    .leftJoin('accounts', 'accounts.id', 'audit_log.actor_account_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_account_id',
      'accounts.name as actor_name',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.before',
      'audit_log.after'
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
