import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256 } from '../../src/accounts/tokens.js';
import { resolveAuth } from '../../src/accounts/resolve-auth.js';
import { apiTokenCoop } from '../../src/coops/model.js';
import { createDb } from '../../src/db/connection.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import type { Clock } from '../../src/kernel/clock.js';
import { withTenant } from '../../src/db/tenant.js';
import { applyForMembership } from '../../src/members/apply-for-membership.js';
import { approveMember } from '../../src/members/approve-member.js';
import { resignMember } from '../../src/members/resign-member.js';
import { rejoinMember } from '../../src/members/rejoin-member.js';

const citus = inject('pgCitusNodes').length > 0;
let t: TestDb;
let app: App;
let a: SeededCoop;
let now = new Date('2026-12-01T03:00:00Z');
const clock: Clock = { now: () => now };

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db, { clock });
  a = await seedCoop(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const readCoop = (secret: string) => app.inject({ method: 'GET', url: `/api/v1/coops/${a.id}`, headers: bearer(secret) });
async function mint(s: Session, body: Record<string, unknown>) {
  const res = await call(app, s, 'POST', `/api/v1/coops/${a.id}/api-tokens`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string; expiresAt: string | null };
}

describe('API token expiry (issue 12 item 13)', () => {
  it('stops answering after its expiry; a date lasts through that day in Jakarta; a past expiry is refused', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    const timed = await mint(s, { name: 'Sinkron gudang', expiresAt: '2026-12-01T05:00:00Z' });
    expect(timed.expiresAt).toBe('2026-12-01T05:00:00.000Z');
    const dated = await mint(s, { name: 'Laporan bulanan', expiresAt: '2026-12-31' });
    expect(dated.expiresAt).toBe('2026-12-31T17:00:00.000Z');
    const forever = await mint(s, { name: 'Toko daring' });
    expect(forever.expiresAt).toBeNull();
    const list = await call(app, s, 'GET', `/api/v1/coops/${a.id}/api-tokens`);
    expect(list.json().find((x: { id: string }) => x.id === dated.id)).toMatchObject({ expiresAt: '2026-12-31T17:00:00.000Z', revokedAt: null });

    expect((await readCoop(timed.secret)).statusCode).toBe(200);
    now = new Date('2026-12-01T05:00:01Z');
    expect((await readCoop(timed.secret)).statusCode).toBe(401);
    expect((await readCoop(dated.secret)).statusCode).toBe(200);
    now = new Date('2026-12-31T16:59:59Z');
    expect((await readCoop(dated.secret)).statusCode).toBe(200);
    now = new Date('2026-12-31T17:00:00Z');
    expect((await readCoop(dated.secret)).statusCode).toBe(401);
    expect((await readCoop(forever.secret)).statusCode).toBe(200);

    const s2 = await signInAs(app, a.accounts.ketua);
    const past = await call(app, s2, 'POST', `/api/v1/coops/${a.id}/api-tokens`, { name: 'Basi', expiresAt: '2026-12-30' });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields).toEqual([{ field: 'expiresAt', code: 'expiry_not_future', message: 'Tanggal berakhir harus di masa depan.' }]);
    const junk = await call(app, s2, 'POST', `/api/v1/coops/${a.id}/api-tokens`, { name: 'Aneh', expiresAt: 'besok' });
    expect(junk.statusCode).toBe(400);
  });
});

describe('API tokens of a creator who leaves (issue 12 item 13)', () => {
  it('are revoked for good when the creator loses every role, and stay revoked when the account is added again', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    const sekretaris = await signInAs(app, a.accounts.sekretaris);
    const token = await mint(sekretaris, { name: 'Integrasi sekretaris' });
    const other = await mint(ketua, { name: 'Integrasi ketua' });
    expect((await readCoop(token.secret)).statusCode).toBe(200);

    const removed = await call(app, ketua, 'PUT', `/api/v1/coops/${a.id}/users`, { accountId: a.accounts.sekretaris.id, roles: [] });
    expect(removed.statusCode).toBe(200);
    expect((await readCoop(token.secret)).statusCode).toBe(401);
    const back = await call(app, ketua, 'PUT', `/api/v1/coops/${a.id}/users`, { identifier: a.accounts.sekretaris.email, roles: ['sekretaris'] });
    expect(back.statusCode).toBe(200);
    expect((await readCoop(token.secret)).statusCode).toBe(401);
    // Only the leaver's tokens go.
    expect((await readCoop(other.secret)).statusCode).toBe(200);

    const row = await t.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    const audit = await withTenant(t.db, a.id, (trx) => trx.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'api_token').where('entity_id', '=', token.id).orderBy('id').execute());
    expect(audit.map((x) => x.action)).toEqual(['api_token.create', 'api_token.revoke']);
    expect(audit[1]!.after).toMatchObject({ reason: 'roles_removed' });
  });

  it('are revoked for good when the creator resigns as a member, even keeping a board role, and stay revoked on rejoining', async () => {
    // The ketua's account is also a member: it applies, is approved (anggota added to ketua).
    const c = await seedCoop(t.db);
    const ketuaCtx = c.ctx('ketua', clock);
    const member = await applyForMembership({ ...ketuaCtx, coopId: c.id }, { fullName: 'Ketua Sekaligus Anggota', gender: 'F' });
    await approveMember(c.ctx('sekretaris', clock), member.id);
    const s = await signInAs(app, c.accounts.ketua);
    const res = await call(app, s, 'POST', `/api/v1/coops/${c.id}/api-tokens`, { name: 'Kasir' });
    const secret = res.json().secret as string;
    const read = () => app.inject({ method: 'GET', url: `/api/v1/coops/${c.id}`, headers: bearer(secret) });
    expect((await read()).statusCode).toBe(200);

    await resignMember(c.ctx('sekretaris', clock), member.id, { reason: 'Pindah kota' });
    const roles = await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', c.id).where('account_id', '=', c.accounts.ketua.id).executeTakeFirstOrThrow();
    expect(roles.roles).toEqual(['ketua']);
    expect((await read()).statusCode).toBe(401);

    await rejoinMember(c.ctx('sekretaris', clock), member.id);
    const status = (await t.db.selectFrom('members').select('status').where('id', '=', member.id).executeTakeFirstOrThrow()).status;
    if (status !== 'active') await approveMember(c.ctx('sekretaris', clock), member.id);
    const again = await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', c.id).where('account_id', '=', c.accounts.ketua.id).executeTakeFirstOrThrow();
    expect(again.roles.sort()).toEqual(['anggota', 'ketua']);
    expect((await read()).statusCode).toBe(401);
    const audit = await withTenant(t.db, c.id, (trx) => trx.selectFrom('audit_log').select('after').where('action', '=', 'api_token.revoke').execute());
    expect(audit.map((x) => x.after)).toEqual([expect.objectContaining({ reason: 'membership_ended' })]);
  });
});

describe('API tokens name their cooperative (decision 0110)', () => {
  it('carry the cooperative in the token; another cooperative written in, or a changed secret, opens nothing; older tokens still work', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    const tok = await mint(s, { name: 'Kasir' });
    expect(tok.secret).toMatch(new RegExp(`^lt_${a.id.replace(/-/g, '')}_[A-Za-z0-9_-]{43}$`));
    expect(apiTokenCoop(tok.secret)).toBe(a.id);
    expect((await readCoop(tok.secret)).statusCode).toBe(200);
    // The hash covers the whole token: the same secret under another cooperative, or one changed character, matches nothing.
    const b = await seedCoop(t.db);
    const elsewhere = tok.secret.replace(a.id.replace(/-/g, ''), b.id.replace(/-/g, ''));
    expect(apiTokenCoop(elsewhere)).toBe(b.id);
    expect((await app.inject({ method: 'GET', url: `/api/v1/coops/${b.id}`, headers: bearer(elsewhere) })).statusCode).toBe(401);
    const last = tok.secret.at(-1) === 'A' ? 'B' : 'A';
    expect((await readCoop(tok.secret.slice(0, -1) + last)).statusCode).toBe(401);
    // A token of the older form (lt_<secret>, issued before tokens named their cooperative) is found by its hash alone.
    const old = `lt_${randomBytes(32).toString('base64url')}`;
    expect(apiTokenCoop(old)).toBeNull();
    await withTenant(t.db, a.id, (trx) =>
      trx.insertInto('api_tokens').values({ coop_id: a.id, account_id: a.accounts.ketua.id, name: 'Lama', token_hash: sha256(old), created_at: now }).execute()
    );
    expect((await readCoop(old)).statusCode).toBe(200);
  });

  it.runIf(citus)('on Citus, a token naming its cooperative is looked up on one shard; only an older token asks every shard', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    const tok = await mint(s, { name: 'Satu shard' });
    const old = `lt_${randomBytes(32).toString('base64url')}`;
    await withTenant(t.db, a.id, (trx) =>
      trx.insertInto('api_tokens').values({ coop_id: a.id, account_id: a.accounts.ketua.id, name: 'Lama 2', token_hash: sha256(old), created_at: now }).execute()
    );
    // A pool whose every query to more than one shard is an error: the lookup of the new token must not be one.
    const name = new URL(t.url).pathname.slice(1);
    await sql.raw(`ALTER DATABASE ${name} SET citus.multi_task_query_log_level = 'error'`).execute(t.db);
    const strict = createDb(t.url, { max: 2 });
    try {
      const auth = await resolveAuth(strict.db, now, { bearer: tok.secret });
      expect(auth).toMatchObject({ kind: 'token', coopId: a.id });
      await expect(resolveAuth(strict.db, now, { bearer: old })).rejects.toThrow(/multi-task query/);
    } finally {
      await strict.db.destroy();
      await sql.raw(`ALTER DATABASE ${name} RESET citus.multi_task_query_log_level`).execute(t.db);
    }
  });
});
