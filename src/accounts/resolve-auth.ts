import type { Database } from '../db/connection.js';
import type { Actor } from '../kernel/context.js';
import { findApiToken, findSession, touchApiToken } from './store.js';
import { sha256 } from './tokens.js';

export type Auth =
  | { kind: 'session'; actor: Actor; csrfToken: string; locale: 'id' | 'en' }
  | { kind: 'token'; actor: Actor; coopId: string };

const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

/** Resolve a session cookie or a bearer API token into an actor. */
export async function resolveAuth(db: Database, now: Date, creds: { sessionToken?: string; bearer?: string }): Promise<Auth | null> {
  if (creds.bearer) {
    const tok = await findApiToken(db, sha256(creds.bearer));
    if (!tok) return null;
    // `last_used_at` is for people reviewing their tokens: a minute's precision is enough,
    // and writing the row on every request would make an integration's calls queue on it.
    const last = lastTouched.get(tok.id) ?? 0;
    if (now.getTime() - last >= TOUCH_EVERY_MS) {
      lastTouched.set(tok.id, now.getTime());
      await touchApiToken(db, tok.coop_id, tok.id, now);
    }
    return { kind: 'token', coopId: tok.coop_id, actor: { accountId: tok.account_id, name: tok.name, isPlatformAdmin: false, via: 'token' } };
  }
  if (creds.sessionToken) {
    const s = await findSession(db, sha256(creds.sessionToken), now);
    if (!s) return null;
    return {
      kind: 'session',
      csrfToken: s.csrf_token,
      locale: s.locale,
      actor: { accountId: s.account_id, name: s.name, isPlatformAdmin: s.is_platform_admin, via: 'session' }
    };
  }
  return null;
}
