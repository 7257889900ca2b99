import type { Database } from '../db/connection.js';
import type { Role } from '../db/schema.js';
import type { Actor } from '../kernel/context.js';
import { apiTokenCoop } from '../coops/model.js';
import { findApiTokenWithRoles, findSessionWithRoles, touchApiToken } from './store.js';
import { sha256 } from './tokens.js';

/**
 * `coop`, when present, is the actor's membership in the cooperative the request names,
 * read in the same query as the credentials (so entering it costs no second round trip):
 * `roles` is empty when they have none there, `exists` says whether the cooperative exists.
 */
export type CoopAccess = { id: string; roles: Role[]; exists: boolean };

export type Auth =
  | { kind: 'session'; actor: Actor; csrfToken: string; locale: 'id' | 'en'; coop?: CoopAccess }
  | { kind: 'token'; actor: Actor; coopId: string; coop?: CoopAccess };

const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolve a session cookie or a bearer API token into an actor — one query, which also
 * reads the actor's roles in `coopId` (the cooperative the request is about, if any).
 */
export async function resolveAuth(db: Database, now: Date, creds: { sessionToken?: string; bearer?: string }, coopId?: string): Promise<Auth | null> {
  if (creds.bearer) {
    const tok = await findApiTokenWithRoles(db, sha256(creds.bearer), now, apiTokenCoop(creds.bearer));
    if (!tok) return null;
    const tokenId = tok.token_id!;
    const tokenCoop = tok.token_coop_id!;
    // `last_used_at` is for people reviewing their tokens: a minute's precision is enough,
    // and writing the row on every request would make an integration's calls queue on it.
    const last = lastTouched.get(tokenId) ?? 0;
    if (now.getTime() - last >= TOUCH_EVERY_MS) {
      lastTouched.set(tokenId, now.getTime());
      await touchApiToken(db, tokenCoop, tokenId, now);
    }
    return {
      kind: 'token',
      coopId: tokenCoop,
      actor: { accountId: tok.account_id, name: tok.name, isPlatformAdmin: false, via: 'token' },
      coop: { id: tokenCoop, roles: tok.coop_roles ?? [], exists: true }
    };
  }
  if (creds.sessionToken) {
    const target = coopId && UUID.test(coopId) ? coopId.toLowerCase() : null;
    const s = await findSessionWithRoles(db, sha256(creds.sessionToken), now, target);
    if (!s) return null;
    return {
      kind: 'session',
      csrfToken: s.csrf_token!,
      locale: s.locale,
      actor: { accountId: s.account_id, name: s.name, isPlatformAdmin: s.is_platform_admin, via: 'session' },
      ...(target ? { coop: { id: target, roles: s.coop_roles ?? [], exists: s.coop_exists } } : {})
    };
  }
  return null;
}
