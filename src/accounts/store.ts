import { sql, type Insertable } from 'kysely';
import type { Database } from '../db/connection.js';
import { onCitus } from '../db/engine.js';
import type { AccountSignUpsTable, Role } from '../db/schema.js';

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

export function insertSignUp(db: Database, row: Insertable<AccountSignUpsTable>) {
  return db.insertInto('account_sign_ups').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findSignUp(db: Database, tokenHash: string, lock: boolean) {
  const q = db.selectFrom('account_sign_ups').selectAll().where('token_hash', '=', tokenHash);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export function markSignUpDone(db: Database, id: string, accountId: string, at: Date) {
  return db.updateTable('account_sign_ups').set({ completed_at: at, account_id: accountId }).where('id', '=', id).execute();
}

export function insertSession(db: Database, row: { token_hash: string; account_id: string; csrf_token: string; expires_at: Date }) {
  return db.insertInto('sessions').values(row).execute();
}

/**
 * A session or an API token, with the account's roles in one cooperative, in one query:
 * `coop_roles` is null when the account has no membership row there, `coop_exists` says
 * whether the cooperative exists. For a token the cooperative is the token's own.
 * Named prepared statements (src/db/connection.ts): every API request runs one of them.
 */
export type CredentialRow = {
  account_id: string;
  name: string;
  is_platform_admin: boolean;
  locale: 'id' | 'en';
  csrf_token: string | null;
  token_id: string | null;
  token_coop_id: string | null;
  coop_roles: Role[] | null;
  coop_exists: boolean;
};

/**
 * The credential lookups of requests that arrive together (one turn of the event loop)
 * travel as one query: each is sent only after its request arrived, so none can miss a
 * sign-out or a revocation committed before it (no caching). A lone lookup is a batch of one.
 */
type Pending<L> = { lookup: L; resolve: (r: CredentialRow | undefined) => void; reject: (e: unknown) => void };

function lookupTogether<L>(
  queues: WeakMap<Database, Pending<L>[]>,
  db: Database,
  lookup: L,
  many: (db: Database, ls: L[]) => Promise<(CredentialRow | undefined)[]>
): Promise<CredentialRow | undefined> {
  return new Promise((resolve, reject) => {
    const queue = queues.get(db);
    if (queue) return void queue.push({ lookup, resolve, reject });
    const fresh: Pending<L>[] = [{ lookup, resolve, reject }];
    queues.set(db, fresh);
    setImmediate(() => {
      queues.delete(db);
      many(db, fresh.map((p) => p.lookup)).then(
        (rows) => fresh.forEach((p, i) => p.resolve(rows[i])),
        (err: unknown) => fresh.forEach((p) => p.reject(err))
      );
    });
  });
}

type SessionLookup = { tokenHash: string; now: Date; coopId: string | null };
const sessionQueues = new WeakMap<Database, Pending<SessionLookup>[]>();
type TokenLookup = { tokenHash: string; now: Date; coopId: string | null };
const tokenQueues = new WeakMap<Database, Pending<TokenLookup>[]>();

export function findSessionWithRoles(db: Database, tokenHash: string, now: Date, coopId: string | null): Promise<CredentialRow | undefined> {
  return lookupTogether(sessionQueues, db, { tokenHash, now, coopId }, sessionsWithRoles);
}

/** `coopId`: the cooperative the token names (apiTokenCoop), null for a token of the older form. */
export function findApiTokenWithRoles(db: Database, tokenHash: string, now: Date, coopId: string | null = null): Promise<CredentialRow | undefined> {
  return lookupTogether(tokenQueues, db, { tokenHash, now, coopId }, apiTokensWithRoles);
}

/** Answered in the lookups' order, undefined where no live credential matches. */
function inOrder<L>(ls: readonly L[], rows: (CredentialRow & { i: string })[]): (CredentialRow | undefined)[] {
  const byIndex = new Map(rows.map(({ i, ...r }) => [Number(i), r]));
  return ls.map((_, i) => byIndex.get(i + 1));
}

async function sessionsWithRoles(db: Database, ls: SessionLookup[]): Promise<(CredentialRow | undefined)[]> {
  if (onCitus()) return Promise.all(ls.map((l) => sessionWithRolesOnCitus(db, l)));
  const { rows } = await sql<CredentialRow & { i: string }>`/* prepare */ SELECT q.i, s.account_id, a.name, a.is_platform_admin, a.locale, s.csrf_token, NULL::uuid AS token_id, NULL::uuid AS token_coop_id,
        cu.roles AS coop_roles, EXISTS (SELECT 1 FROM coops c WHERE c.id = q.coop_id) AS coop_exists
      FROM unnest(${ls.map((l) => l.tokenHash)}::text[], ${ls.map((l) => l.coopId)}::uuid[], ${ls.map((l) => l.now)}::timestamptz[]) WITH ORDINALITY AS q(token_hash, coop_id, now, i)
      JOIN sessions s ON s.token_hash = q.token_hash AND s.expires_at > q.now
      JOIN accounts a ON a.id = s.account_id
      LEFT JOIN coop_users cu ON cu.coop_id = q.coop_id AND cu.account_id = s.account_id`.execute(db);
  return inOrder(ls, rows);
}

/**
 * A token answers only while it is not revoked, not past its expiry, and its creator still has a
 * role in its cooperative (leaving revokes it for good as well, decision 0102).
 */
async function apiTokensWithRoles(db: Database, ls: TokenLookup[]): Promise<(CredentialRow | undefined)[]> {
  if (onCitus()) return Promise.all(ls.map((l) => apiTokenWithRolesOnCitus(db, l)));
  const { rows } = await sql<CredentialRow & { i: string }>`/* prepare */ SELECT q.i, t.account_id, a.name, a.is_platform_admin, a.locale, NULL::text AS csrf_token, t.id AS token_id, t.coop_id AS token_coop_id,
        cu.roles AS coop_roles, true AS coop_exists
      FROM unnest(${ls.map((l) => l.tokenHash)}::text[], ${ls.map((l) => l.coopId)}::uuid[], ${ls.map((l) => l.now)}::timestamptz[]) WITH ORDINALITY AS q(token_hash, coop_id, now, i)
      JOIN api_tokens t ON t.token_hash = q.token_hash AND (q.coop_id IS NULL OR t.coop_id = q.coop_id) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > q.now)
      JOIN accounts a ON a.id = t.account_id
      JOIN coop_users cu ON cu.coop_id = t.coop_id AND cu.account_id = t.account_id`.execute(db);
  return inOrder(ls, rows);
}

/*
 * On Citus (decision 0110) a batch of lookups for several cooperatives would join coop_users on
 * cooperatives known only at run time: Citus then reads every shard of coop_users. There each
 * lookup goes alone, with its cooperative as a parameter: a query to one shard (or, without a
 * cooperative, to the reference tables sessions and accounts only, which the coordinator holds).
 */
async function sessionWithRolesOnCitus(db: Database, l: SessionLookup): Promise<CredentialRow | undefined> {
  if (l.coopId === null) {
    const { rows } = await sql<CredentialRow>`/* prepare */ SELECT s.account_id, a.name, a.is_platform_admin, a.locale, s.csrf_token, NULL::uuid AS token_id, NULL::uuid AS token_coop_id,
          NULL::text[] AS coop_roles, false AS coop_exists
        FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.token_hash = ${l.tokenHash} AND s.expires_at > ${l.now}::timestamptz`.execute(db);
    return rows[0];
  }
  const { rows } = await sql<CredentialRow>`/* prepare */ SELECT s.account_id, a.name, a.is_platform_admin, a.locale, s.csrf_token, NULL::uuid AS token_id, NULL::uuid AS token_coop_id,
        cu.roles AS coop_roles, EXISTS (SELECT 1 FROM coops c WHERE c.id = ${l.coopId}::uuid) AS coop_exists
      FROM sessions s JOIN accounts a ON a.id = s.account_id
      LEFT JOIN coop_users cu ON cu.coop_id = ${l.coopId}::uuid AND cu.account_id = s.account_id
     WHERE s.token_hash = ${l.tokenHash} AND s.expires_at > ${l.now}::timestamptz`.execute(db);
  return rows[0];
}

/** A token naming its cooperative is looked up on that cooperative's shard; an older token (no cooperative in it) on every shard. */
async function apiTokenWithRolesOnCitus(db: Database, l: TokenLookup): Promise<CredentialRow | undefined> {
  const { rows } =
    l.coopId === null
      ? await sql<CredentialRow>`/* prepare */ SELECT t.account_id, a.name, a.is_platform_admin, a.locale, NULL::text AS csrf_token, t.id AS token_id, t.coop_id AS token_coop_id,
            cu.roles AS coop_roles, true AS coop_exists
          FROM api_tokens t JOIN accounts a ON a.id = t.account_id JOIN coop_users cu ON cu.coop_id = t.coop_id AND cu.account_id = t.account_id
         WHERE t.token_hash = ${l.tokenHash} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ${l.now}::timestamptz)`.execute(db)
      : await sql<CredentialRow>`/* prepare */ SELECT t.account_id, a.name, a.is_platform_admin, a.locale, NULL::text AS csrf_token, t.id AS token_id, t.coop_id AS token_coop_id,
            cu.roles AS coop_roles, true AS coop_exists
          FROM api_tokens t JOIN accounts a ON a.id = t.account_id JOIN coop_users cu ON cu.coop_id = t.coop_id AND cu.account_id = t.account_id
         WHERE t.coop_id = ${l.coopId}::uuid AND t.token_hash = ${l.tokenHash} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ${l.now}::timestamptz)`.execute(db);
  return rows[0];
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
