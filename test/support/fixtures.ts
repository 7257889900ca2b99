import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Database } from '../../src/db/connection.js';
import type { Role } from '../../src/db/schema.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { buildApp } from '../../src/server/app.js';
import type { App } from '../../src/server/types.js';
import type { TenantCtx } from '../../src/kernel/context.js';
import type { Clock } from '../../src/kernel/clock.js';
import { systemClock } from '../../src/kernel/clock.js';
import { SESSION_COOKIE } from '../../src/server/cookies.js';

export const PASSWORD = 'rahasia-koperasi-1';
export const silentLog = pino({ level: 'silent' });

export type SeededAccount = { id: string; email: string; password: string; name: string };
export type SeededCoop = {
  id: string;
  slug: string;
  accounts: Record<Role, SeededAccount>;
  ctx: (role: Role, clock?: Clock) => TenantCtx;
};

const ROLES: Role[] = ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf', 'anggota'];

/** A cooperative with one account per role, inserted directly (fixtures may bypass use cases). */
export async function seedCoop(db: Database, opts: { slug?: string; name?: string; coopType?: string } = {}): Promise<SeededCoop> {
  const slug = opts.slug ?? `kop-${randomBytes(3).toString('hex')}`;
  const coop = await db
    .insertInto('coops')
    .values({ slug, name: opts.name ?? `Koperasi ${slug}`, coop_type: (opts.coopType ?? 'produksi') as never, product_lines: ['suara', 'busana'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accounts = {} as Record<Role, SeededAccount>;
  for (const role of ROLES) {
    const email = `${role}.${slug}@contoh.id`;
    const acc = await createAccount(db, { name: `${role} ${slug}`, email, password: PASSWORD });
    await db.insertInto('coop_users').values({ coop_id: coop.id, account_id: acc.id, roles: [role] }).execute();
    accounts[role] = { id: acc.id, email, password: PASSWORD, name: acc.name };
  }
  return {
    id: coop.id,
    slug,
    accounts,
    ctx: (role, clock = systemClock) => ({
      db,
      clock,
      log: silentLog,
      locale: 'id',
      actor: { accountId: accounts[role].id, name: accounts[role].name, isPlatformAdmin: false, via: 'session' },
      coopId: coop.id,
      roles: [role]
    })
  };
}

export async function seedPlatformAdmin(db: Database): Promise<SeededAccount> {
  const email = `admin.${randomBytes(3).toString('hex')}@lumbung.id`;
  const acc = await createAccount(db, { name: 'Admin Platform', email, password: PASSWORD, isPlatformAdmin: true });
  return { id: acc.id, email, password: PASSWORD, name: acc.name };
}

export async function testApp(db: Database, opts: { clock?: Clock; rateLimitMax?: number } = {}): Promise<App> {
  const app = await buildApp({ db, log: silentLog, clock: opts.clock, rateLimitMax: opts.rateLimitMax ?? 100_000 });
  await app.ready();
  return app;
}

export type Session = { cookie: string; csrf: string };

export async function signInAs(app: App, account: { email: string; password: string }): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { identifier: account.email, password: account.password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrf: res.json().csrfToken };
}

/** Inject a request as a signed-in session (cookie + CSRF header on writes). */
export function call(app: App, session: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method,
    url,
    payload: payload as never,
    headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...headers }
  });
}
