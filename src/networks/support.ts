import { sql } from 'kysely';
import type { Database } from '../db/connection.js';
import { sqlLiteral, withTenant, type Tx } from '../db/tenant.js';
import { rolesIn } from '../accounts/store.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { can, type Permission } from '../kernel/permissions.js';
import type { AuditInput } from '../audit/record-audit.js';
import { auditRow } from '../audit/record-audit.js';

const CITUS_FORWARD = "SET LOCAL citus.propagate_set_commands = 'local'";

/**
 * A transaction on the platform's own connection (not lumbung_app), for the network's
 * reference tables (networks, memberships, stewards, decisions), which lumbung_app may only
 * read. `coopId` names the one coop whose rows (its audit line) it may also write: row-level
 * security still applies to them through lumbung.coop_id. `networkId` lets it read the rows
 * coops wrote for that network (their ballots and positions, what they share) and nothing more
 * of them. Settings are SET LOCAL (forwarded to Citus workers) and cleared before the end.
 */
export async function withNetworkWrite<T>(db: Database, scope: { coopId?: string | null; networkId?: string | null }, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const coop = sqlLiteral(scope.coopId ?? '') ?? "''";
  const network = sqlLiteral(scope.networkId ?? '') ?? "''";
  return db.connection().execute(async (conn) => {
    const trx = conn as unknown as Tx;
    // On Citus a reference-table write may not follow a parallel multi-shard read in the same
    // transaction (the tally reads every coop's ballot): sequential mode reads over one connection per node.
    await sql.raw(`BEGIN; ${CITUS_FORWARD}; SET LOCAL citus.multi_shard_modify_mode = 'sequential'; SET LOCAL lumbung.coop_id = ${coop}; SET LOCAL lumbung.network_id = ${network}`).execute(conn);
    let out: T;
    try {
      out = await fn(trx);
      await sql.raw(`SET LOCAL lumbung.network_id = ''`).execute(conn);
    } catch (err) {
      await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      throw err;
    }
    await sql.raw('COMMIT').execute(conn);
    return out;
  });
}

/** A read-only network-scoped transaction as lumbung_app: only rows coops wrote for this network (tally, shared figures). */
export async function withNetworkRead<T>(db: Database, networkId: string, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const network = sqlLiteral(networkId) ?? "''";
  return db.connection().execute(async (conn) => {
    const trx = conn as unknown as Tx;
    await sql.raw(`BEGIN READ ONLY; ${CITUS_FORWARD}; SET LOCAL lumbung.coop_id = ''; SET LOCAL lumbung.network_id = ${network}; SET LOCAL ROLE lumbung_app`).execute(conn);
    try {
      const out = await fn(trx);
      await sql.raw(`SET LOCAL lumbung.network_id = ''`).execute(conn);
      await sql.raw('COMMIT').execute(conn);
      return out;
    } catch (err) {
      await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/** The audit line of a network action, in the acting coop's own log (inside the caller's transaction). */
export async function auditIn(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor'>, entry: AuditInput): Promise<void> {
  await trx.insertInto('audit_log').values(auditRow(ctx, entry)).execute();
}

/** The acting coop's roles for the actor; NOT_FOUND when the actor has none there (as enterCoop). */
export async function actingCoop(ctx: Ctx, coopId: string): Promise<TenantCtx> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  if (!/^[0-9a-f-]{36}$/i.test(coopId)) throw new AppError('NOT_FOUND');
  const roles = await rolesIn(ctx.db, ctx.actor.accountId, coopId);
  if (roles.length === 0 && !ctx.actor.isPlatformAdmin) throw new AppError('NOT_FOUND');
  return { ...ctx, actor: ctx.actor, coopId, roles };
}

export function requireCoopPermission(ctx: TenantCtx, permission: Permission): void {
  if (!can(ctx, permission)) throw new AppError('FORBIDDEN');
}

export type NetworkRow = {
  id: string;
  slug: string;
  name: string;
  kind: 'kota_koperasi' | 'konsorsium' | 'federasi_sektoral' | 'koperasi_sekunder';
  region_code: string;
  description: string;
  brand_story: string;
  brand_logo_url: string | null;
  brand_colour: string;
  mode: 'shared' | 'lead' | 'nao';
  lead_coop_id: string | null;
  weighting: 'one_coop_one_vote' | 'members';
  weight_cap_bp: number | null;
  quorum_bp: number;
  threshold_bp: number;
  created_at: Date;
};

export async function findNetwork(trx: Tx | Database, id: string, opts: { lock?: boolean } = {}): Promise<NetworkRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NETWORK_NOT_FOUND');
  let q = trx.selectFrom('networks').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NETWORK_NOT_FOUND');
  return row as NetworkRow;
}

export async function findNetworkBySlug(db: Tx | Database, slug: string): Promise<NetworkRow> {
  const row = await db.selectFrom('networks').selectAll().where('slug', '=', slug.slice(0, 64)).executeTakeFirst();
  if (!row) throw new AppError('NETWORK_NOT_FOUND');
  return row as NetworkRow;
}

/** Is the coop an active member of the network now? */
export async function isActiveMember(trx: Tx | Database, networkId: string, coopId: string): Promise<boolean> {
  const row = await trx.selectFrom('network_memberships').select('id').where('network_id', '=', networkId).where('member_coop_id', '=', coopId).where('status', '=', 'active').executeTakeFirst();
  return Boolean(row);
}

export async function activeMemberIds(trx: Tx | Database, networkId: string): Promise<string[]> {
  const rows = await trx.selectFrom('network_memberships').select('member_coop_id').where('network_id', '=', networkId).where('status', '=', 'active').orderBy('joined_at').orderBy('member_coop_id').execute();
  return rows.map((r) => r.member_coop_id);
}

export async function isSteward(trx: Tx | Database, networkId: string, accountId: string): Promise<boolean> {
  const row = await trx.selectFrom('network_stewards').select('account_id').where('network_id', '=', networkId).where('account_id', '=', accountId).where('removed_at', 'is', null).executeTakeFirst();
  return Boolean(row);
}

/** Is the account a current delegate of that coop to that network (read in the coop's own tenancy)? */
export async function isDelegate(db: Database, coopId: string, networkId: string, accountId: string): Promise<boolean> {
  return withTenant(db, coopId, async (trx) => {
    const row = await trx
      .selectFrom('network_delegates')
      .select('account_id')
      .where('coop_id', '=', coopId)
      .where('network_id', '=', networkId)
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Boolean(row);
  });
}

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
