import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuth } from '../../src/accounts/resolve-auth.js';
import { sqlLiteral, withTenant, withTenantReading } from '../../src/db/tenant.js';
import { sealCoop } from '../../src/ledger/sealer.js';
import { verifyLedger } from '../../src/ledger/verify-ledger.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, seedPlatformAdmin, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';

/**
 * The posting hot path (docs/decisions/0041-posting-performance.md): credentials and the
 * actor's roles in the URL's cooperative come from one query; a tenant transaction's BEGIN
 * travels with its settings (and a posting's context); the audit line goes in with the entry.
 * These tests check that the shortcuts still refuse what must be refused.
 */

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let bendaharaA: Session;

const entry = (key: string, amount = 50_000) => ({
  idempotencyKey: key,
  date: '2025-06-02',
  description: 'Penjualan karya',
  lines: [
    { account: 'CASH', debit: amount },
    { account: 'SALES_NON_MEMBER', credit: amount }
  ]
});

async function insertToken(coopId: string, accountId: string, secret: string, revoked = false): Promise<void> {
  await t.db
    .insertInto('api_tokens')
    .values({ coop_id: coopId, account_id: accountId, name: 'uji', token_hash: createHash('sha256').update(secret).digest('hex'), ...(revoked ? { revoked_at: new Date() } : {}) })
    .execute();
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
  bendaharaA = await signInAs(app, a.accounts.bendahara);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('credentials and roles in one query', () => {
  it('reads the roles of the cooperative the request names, and none for another', async () => {
    const cookie = bendaharaA.cookie.split('=')[1]!;
    const inA = await resolveAuth(t.db, new Date(), { sessionToken: cookie }, a.id);
    expect(inA?.coop).toEqual({ id: a.id, roles: ['bendahara'], exists: true });
    const inB = await resolveAuth(t.db, new Date(), { sessionToken: cookie }, b.id);
    expect(inB?.coop).toEqual({ id: b.id, roles: [], exists: true });
    const nowhere = await resolveAuth(t.db, new Date(), { sessionToken: cookie }, '00000000-0000-4000-8000-000000000000');
    expect(nowhere?.coop).toEqual({ id: '00000000-0000-4000-8000-000000000000', roles: [], exists: false });
    // Not a UUID: no cooperative is read, the actor still is.
    const odd = await resolveAuth(t.db, new Date(), { sessionToken: cookie }, "x' OR '1'='1");
    expect(odd?.actor.accountId).toBe(a.accounts.bendahara.id);
    expect(odd?.coop).toBeUndefined();
  });

  it('answers lookups that arrive together each with its own credentials (one query for all)', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    const expired = await signInAs(app, a.accounts.pengawas);
    const hashOf = (s: Session) => createHash('sha256').update(s.cookie.split('=')[1]!).digest('hex');
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashOf(expired)).execute();
    await insertToken(a.id, a.accounts.bendahara.id, 'lt_uji_bersama_aktif_0123');
    await insertToken(a.id, a.accounts.ketua.id, 'lt_uji_bersama_dicabut_0123', true);
    const now = new Date();
    const cookie = (s: Session) => s.cookie.split('=')[1]!;
    const results = await Promise.all([
      resolveAuth(t.db, now, { sessionToken: cookie(bendaharaA) }, a.id),
      resolveAuth(t.db, now, { sessionToken: cookie(expired) }, a.id),
      resolveAuth(t.db, now, { sessionToken: cookie(ketua) }, b.id),
      resolveAuth(t.db, now, { sessionToken: 'tidak-ada' }, a.id),
      resolveAuth(t.db, now, { sessionToken: cookie(ketua) }, a.id),
      resolveAuth(t.db, now, { bearer: 'lt_uji_bersama_aktif_0123' }),
      resolveAuth(t.db, now, { bearer: 'lt_uji_bersama_dicabut_0123' }),
      resolveAuth(t.db, now, { bearer: 'lt_tidak_ada' })
    ]);
    expect(results.map((r) => r && [r.actor.accountId, r.coop?.roles])).toEqual([
      [a.accounts.bendahara.id, ['bendahara']],
      null,
      [a.accounts.ketua.id, []],
      null,
      [a.accounts.ketua.id, ['ketua']],
      [a.accounts.bendahara.id, ['bendahara']],
      null,
      null
    ]);
  });

  it("refuses another cooperative's people (404) and lets the cooperative's own post (201)", async () => {
    const bendaharaB = await signInAs(app, b.accounts.bendahara);
    expect((await call(app, bendaharaB, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, entry('other-coop'))).statusCode).toBe(404);
    expect((await call(app, bendaharaB, 'GET', `/api/v1/coops/${a.id}/ledger/entries`)).statusCode).toBe(404);
    expect((await call(app, bendaharaA, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, entry('own-coop'))).statusCode).toBe(201);
    const written = await t.db.selectFrom('journal_entries').select('coop_id').where('idempotency_key', 'in', ['other-coop', 'own-coop']).execute();
    expect(written).toEqual([{ coop_id: a.id }]);
  });

  it('sees a role taken away on the very next request', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    expect((await call(app, ketua, 'GET', `/api/v1/coops/${a.id}/ledger/entries`)).statusCode).toBe(200);
    await t.db.deleteFrom('coop_users').where('coop_id', '=', a.id).where('account_id', '=', a.accounts.ketua.id).execute();
    expect((await call(app, ketua, 'GET', `/api/v1/coops/${a.id}/ledger/entries`)).statusCode).toBe(404);
  });

  it('refuses an expired session (401) and writes nothing', async () => {
    const s = await signInAs(app, a.accounts.bendahara);
    const hash = createHash('sha256').update(s.cookie.split('=')[1]!).digest('hex');
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hash).execute();
    expect((await call(app, s, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, entry('expired'))).statusCode).toBe(401);
    expect(await t.db.selectFrom('journal_entries').select('id').where('idempotency_key', '=', 'expired').execute()).toEqual([]);
  });

  it("opens only the token's own cooperative, and never with a revoked token", async () => {
    await insertToken(a.id, a.accounts.bendahara.id, 'lt_uji_aktif_0123456789');
    await insertToken(a.id, a.accounts.bendahara.id, 'lt_uji_dicabut_0123456789', true);
    const bearer = (s: string) => ({ authorization: `Bearer ${s}` });
    expect((await call(app, null, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, entry('token-ok'), bearer('lt_uji_aktif_0123456789'))).statusCode).toBe(201);
    expect((await call(app, null, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, entry('token-revoked'), bearer('lt_uji_dicabut_0123456789'))).statusCode).toBe(401);
    expect((await call(app, null, 'GET', `/api/v1/coops/${b.id}/ledger/entries`, undefined, bearer('lt_uji_aktif_0123456789'))).statusCode).toBe(404);
    // The token's account also belongs to B: the token still opens only A.
    await t.db.insertInto('coop_users').values({ coop_id: b.id, account_id: a.accounts.bendahara.id, roles: ['bendahara'] }).execute();
    expect((await call(app, null, 'GET', `/api/v1/coops/${b.id}/ledger/entries`, undefined, bearer('lt_uji_aktif_0123456789'))).statusCode).toBe(404);
    const keys = await t.db.selectFrom('journal_entries').select('idempotency_key').where('idempotency_key', 'like', 'token-%').execute();
    expect(keys).toEqual([{ idempotency_key: 'token-ok' }]);
  });

  it('lets a platform admin without a role into an existing cooperative only', async () => {
    const admin = await signInAs(app, await seedPlatformAdmin(t.db));
    // A missing cooperative is 404; an existing one is not (whatever the route's permission answers).
    const there = await call(app, admin, 'GET', `/api/v1/coops/${a.id}/ledger/entries`);
    const missing = await call(app, admin, 'GET', `/api/v1/coops/00000000-0000-4000-8000-000000000000/ledger/entries`);
    expect(missing.statusCode).toBe(404);
    expect(there.statusCode).not.toBe(404);
  });
});

describe('the posting in three round trips', () => {
  it('writes the audit line with a new entry and none for a replay', async () => {
    const first = await call(app, bendaharaA, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, entry('audited', 70_000));
    const again = await call(app, bendaharaA, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, entry('audited', 70_000));
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'actor_account_id', 'after', 'coop_id']).where('entity_id', '=', first.json().id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'ledger.entry.post', entity: 'journal_entry', actor_account_id: a.accounts.bendahara.id, coop_id: a.id });
    expect(audit[0]!.after).toMatchObject({ idempotencyKey: 'audited', source: 'manual', lines: entry('audited', 70_000).lines });
  });

  it('answers an unknown account and an unbalanced entry as before, writing nothing', async () => {
    const unknown = await call(app, bendaharaA, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, { ...entry('bad-acc'), lines: [{ account: "KAS' ; DROP TABLE x --", debit: 5 }, { account: 'CASH', credit: 5 }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual([expect.objectContaining({ field: 'lines.0.account', code: 'ledger_account_unknown' })]);
    const nul = await call(app, bendaharaA, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, { ...entry('nul-acc'), lines: [{ account: 'CA\u0000SH', debit: 5 }, { account: 'CASH', credit: 5 }] });
    expect(nul.statusCode).toBe(400);
    const unbalanced = await call(app, bendaharaA, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, { ...entry('unb'), lines: [{ account: 'CASH', debit: 5 }, { account: 'SALES_NON_MEMBER', credit: 4 }] });
    expect(unbalanced.statusCode).toBe(422);
    expect(await t.db.selectFrom('journal_entries').select('id').where('idempotency_key', 'in', ['bad-acc', 'nul-acc', 'unb']).execute()).toEqual([]);
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'ledger.entry.post').where('after', '@>', sql<never>`'{"idempotencyKey":"unb"}'::jsonb`).execute()).toEqual([]);
  });

  it('seals concurrent API postings into a chain that verifies', async () => {
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => call(app, bendaharaA, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, entry(`par-${i}`, 1000 + i))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    await sealCoop(t.db, a.id);
    const report = await verifyLedger(t.db);
    expect(report.ok).toBe(true);
    const seqs = await t.db.selectFrom('journal_entries').select('seq').where('coop_id', '=', a.id).orderBy('seq').execute();
    expect(seqs.map((r) => r.seq)).toEqual(seqs.map((_, i) => i + 1));
  });
});

describe('withTenant in one round trip', () => {
  it('rolls back what fn wrote when it throws, and leaves the connection clean', async () => {
    await expect(
      withTenant(t.db, a.id, async (trx) => {
        await trx.insertInto('audit_log').values({ coop_id: a.id, action: 'uji.rollback', entity: 'uji' }).execute();
        throw new Error('boom');
      })
    ).rejects.toThrow('boom');
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'uji.rollback').execute()).toEqual([]);
    // Every pooled connection still works outside a transaction, as the superuser again.
    const users = await Promise.all(Array.from({ length: 25 }, () => sql<{ u: string; tx: string }>`SELECT current_user AS u, now() = statement_timestamp() AS tx`.execute(t.db)));
    expect(new Set(users.map((r) => r.rows[0]!.u)).has('lumbung_app')).toBe(false);
  });

  it('keeps other cooperatives out (row-level security) and reads with the first statement', async () => {
    await withTenant(t.db, b.id, async (trx) => {
      const rows = await trx.selectFrom('journal_entries').select('coop_id').execute();
      expect(rows.every((r) => r.coop_id === b.id)).toBe(true);
      await expect(trx.insertInto('audit_log').values({ coop_id: a.id, action: 'uji.rls', entity: 'uji' }).execute()).rejects.toThrow(/row-level security/);
    });
    const seen = await withTenantReading<{ coop: string; role: string }, string>(t.db, a.id, `SELECT current_setting('lumbung.coop_id') AS coop, current_user AS role`, async (_trx, rows) => `${rows[0]!.coop} ${rows[0]!.role}`);
    expect(seen).toBe(`${a.id} lumbung_app`);
  });

  it('writes literals that survive quotes and backslashes, and refuses NUL', async () => {
    const tricky = "O'Brien \\ 'x'; --";
    const { rows } = await sql<{ v: string }>`SELECT ${sql.raw(sqlLiteral(tricky)!)}::text AS v`.execute(t.db);
    expect(rows[0]!.v).toBe(tricky);
    expect(sqlLiteral('a\u0000b')).toBeNull();
  });
});
