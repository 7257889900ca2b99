import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { CoopsTable, DB, Role } from '../db/schema.js';
import type { Coop } from './model.js';

type Q = Kysely<DB>;
export type CoopRow = Selectable<CoopsTable>;

export function toCoop(row: CoopRow): Coop {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    coopType: row.coop_type,
    legalNumber: row.legal_number,
    legalDate: row.legal_date,
    nikKoperasi: row.nik_koperasi,
    provinceCode: row.province_code,
    regencyCode: row.regency_code,
    districtCode: row.district_code,
    villageCode: row.village_code,
    regionDataset: row.region_dataset,
    street: row.street,
    rt: row.rt,
    rw: row.rw,
    postalCode: row.postal_code,
    fiscalYearStartMonth: row.fiscal_year_start_month,
    productLines: row.product_lines,
    description: row.description,
    phone: row.phone,
    email: row.email,
    isPublic: row.is_public,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString()
  };
}

export function findCoopById(db: Q, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.selectFrom('coops').selectAll().where('id', '=', id);
  return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export function findCoopBySlug(db: Q, slug: string) {
  return db.selectFrom('coops').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function insertCoop(db: Q, row: Omit<CoopsTable, 'created_at' | 'updated_at' | 'id' | 'fiscal_year_start_month' | 'product_lines' | 'is_public' | 'status'> & {
  id: string;
  fiscal_year_start_month?: number;
  product_lines?: CoopRow['product_lines'];
  is_public?: boolean;
}) {
  return db.insertInto('coops').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateCoopRow(db: Q, id: string, set: Partial<Omit<CoopRow, 'id' | 'created_at'>>, at: Date) {
  return db
    .updateTable('coops')
    .set({ ...set, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listCoopUsers(db: Q, coopId: string) {
  return db
    .selectFrom('coop_users')
    .innerJoin('accounts', 'accounts.id', 'coop_users.account_id')
    .select(['coop_users.account_id', 'accounts.name', 'accounts.email', 'accounts.phone', 'coop_users.roles', 'coop_users.created_at'])
    .where('coop_users.coop_id', '=', coopId)
    .orderBy('accounts.name')
    .orderBy('coop_users.account_id')
    .execute();
}

export async function rolesByAccount(db: Q, coopId: string): Promise<Map<string, Role[]>> {
  const rows = await db.selectFrom('coop_users').select(['account_id', 'roles']).where('coop_id', '=', coopId).execute();
  return new Map(rows.map((r) => [r.account_id, r.roles]));
}

export function insertCoopUser(db: Q, coopId: string, accountId: string, roles: Role[]) {
  return db.insertInto('coop_users').values({ coop_id: coopId, account_id: accountId, roles }).execute();
}

export function updateCoopUserRoles(db: Q, coopId: string, accountId: string, roles: Role[]) {
  return db.updateTable('coop_users').set({ roles }).where('coop_id', '=', coopId).where('account_id', '=', accountId).execute();
}

export function deleteCoopUser(db: Q, coopId: string, accountId: string) {
  return db.deleteFrom('coop_users').where('coop_id', '=', coopId).where('account_id', '=', accountId).execute();
}

export function findAccountByEmailOrPhone(db: Q, ident: { email?: string | null; phone?: string | null }) {
  let q = db.selectFrom('accounts').select(['id', 'name', 'email', 'phone']);
  if (ident.email) q = q.where('email', '=', ident.email);
  else if (ident.phone) q = q.where('phone', '=', ident.phone);
  else return Promise.resolve(undefined);
  return q.executeTakeFirst();
}

export function findAccountSummary(db: Q, id: string) {
  return db.selectFrom('accounts').select(['id', 'name', 'email', 'phone']).where('id', '=', id).executeTakeFirst();
}

export function insertApiToken(db: Q, row: { coop_id: string; account_id: string; name: string; token_hash: string; created_at: Date; expires_at: Date | null }) {
  return db.insertInto('api_tokens').values(row).returning(['id', 'name', 'created_at']).executeTakeFirstOrThrow();
}

export function listApiTokens(db: Q, coopId: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('accounts', 'accounts.id', 'api_tokens.account_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.account_id', 'accounts.name as account_name', 'api_tokens.created_at', 'api_tokens.last_used_at', 'api_tokens.revoked_at', 'api_tokens.expires_at'])
    .where('api_tokens.coop_id', '=', coopId)
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id')
    .execute();
}

/** Revoke every live token an account created in the cooperative; the revoked rows. */
export function revokeApiTokensOfAccount(db: Q, coopId: string, accountId: string, at: Date) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('coop_id', '=', coopId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .execute();
}

export function findApiTokenById(db: Q, coopId: string, id: string) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'account_id', 'revoked_at']).where('coop_id', '=', coopId).where('id', '=', id).executeTakeFirst();
}

export function revokeApiTokenRow(db: Q, coopId: string, id: string, at: Date) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('coop_id', '=', coopId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'revoked_at'])
    .executeTakeFirst();
}

/**
 * Regroup a cooperative's member volume totals by fiscal year after its start month changed
 * (migration 0110: the caller that changes coops.fiscal_year_start_month calls this, in its transaction).
 */
export async function recountCoopVolumeTotals(db: Q, coopId: string): Promise<void> {
  await sql`SELECT recount_member_volume(${coopId}::uuid, NULL)`.execute(db);
}
