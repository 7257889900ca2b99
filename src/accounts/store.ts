import type { Database } from '../db/connection.js';
import type { Role } from '../db/schema.js';

export function findAccountByIdentifier(db: Database, ident: { email: string } | { phone: string }) {
  const q = db.selectFrom('accounts').selectAll();
  return ('email' in ident ? q.where('email', '=', ident.email) : q.where('phone', '=', ident.phone)).executeTakeFirst();
}

export function findAccountById(db: Database, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertAccount(
  db: Database,
  row: { email: string | null; phone: string | null; name: string; password_hash: string; is_platform_admin?: boolean; locale?: 'id' | 'en' }
) {
  return db.insertInto('accounts').values(row).returning(['id', 'email', 'phone', 'name', 'is_platform_admin']).executeTakeFirstOrThrow();
}

export function insertSession(db: Database, row: { token_hash: string; account_id: string; csrf_token: string; expires_at: Date }) {
  return db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Database, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['sessions.account_id', 'sessions.csrf_token', 'sessions.expires_at', 'accounts.name', 'accounts.is_platform_admin', 'accounts.locale'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export function deleteSession(db: Database, tokenHash: string) {
  return db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export function findApiToken(db: Database, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('accounts', 'accounts.id', 'api_tokens.account_id')
    .select(['api_tokens.coop_id', 'api_tokens.id', 'api_tokens.account_id', 'accounts.name', 'accounts.is_platform_admin'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export function touchApiToken(db: Database, coopId: string, id: string, at: Date) {
  return db.updateTable('api_tokens').set({ last_used_at: at }).where('coop_id', '=', coopId).where('id', '=', id).execute();
}

export async function rolesIn(db: Database, accountId: string, coopId: string): Promise<Role[]> {
  const row = await db.selectFrom('coop_users').select('roles').where('coop_id', '=', coopId).where('account_id', '=', accountId).executeTakeFirst();
  return row?.roles ?? [];
}

export function coopsOf(db: Database, accountId: string) {
  return db
    .selectFrom('coop_users')
    .innerJoin('coops', 'coops.id', 'coop_users.coop_id')
    .select(['coops.id', 'coops.slug', 'coops.name', 'coop_users.roles'])
    .where('coop_users.account_id', '=', accountId)
    .orderBy('coops.name')
    .execute();
}

export function upsertCoopRoles(db: Database, coopId: string, accountId: string, roles: Role[]) {
  return db
    .insertInto('coop_users')
    .values({ coop_id: coopId, account_id: accountId, roles })
    .onConflict((oc) => oc.columns(['coop_id', 'account_id']).doUpdateSet({ roles }))
    .execute();
}
