import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/db/tenant.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, seedCoop, seedPlatformAdmin, signInAs, testApp, type SeededAccount, type SeededCoop, type Session } from '../support/fixtures.js';

let t: TestDb;
let app: App;
let admin: SeededAccount;
let adminSession: Session;
let a: SeededCoop;
let b: SeededCoop;

const count = async (table: 'coops' | 'accounts' | 'audit_log' | 'coop_users' | 'charters') =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n);

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  admin = await seedPlatformAdmin(t.db);
  adminSession = await signInAs(app, admin);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('founding a cooperative', () => {
  it('lets the platform administrator create a coop with a new ketua and its first charter', async () => {
    const res = await call(app, adminSession, 'POST', '/api/v1/coops', {
      name: 'Koperasi Jamaah Produksi Kricak',
      slug: 'jp-kricak',
      coopType: 'jamaah_produksi',
      provinceCode: '34',
      regencyCode: '34.71',
      districtCode: '34.71.03',
      productLines: ['busana', 'suara', 'busana'],
      rt: '4',
      ketua: { name: 'Siti Aminah', email: 'Siti@Kricak.id', password: PASSWORD }
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.coop).toMatchObject({ slug: 'jp-kricak', coopType: 'jamaah_produksi', productLines: ['suara', 'busana'], rt: 4, regionDataset: expect.stringContaining('idn-area-data') });
    expect(body.ketua.created).toBe(true);
    expect(body.charterTemplate).toBe('jamaah_produksi');

    const roles = await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', body.coop.id).execute();
    expect(roles).toEqual([{ roles: ['ketua'] }]);
    const charters = await withTenant(t.db, body.coop.id, (trx) => trx.selectFrom('charters').select(['version', 'template']).execute());
    expect(charters).toEqual([{ version: 1, template: 'jamaah_produksi' }]);
    const audit = await withTenant(t.db, body.coop.id, (trx) => trx.selectFrom('audit_log').select(['action', 'actor_account_id']).orderBy('id').execute());
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['coop.create', 'roles.set']));
    expect(audit.every((x) => x.actor_account_id === admin.id)).toBe(true);

    // The new ketua signs in and sees the cooperative.
    const s = await signInAs(app, { email: 'siti@kricak.id', password: PASSWORD });
    const got = await call(app, s, 'GET', `/api/v1/coops/${body.coop.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().name).toBe('Koperasi Jamaah Produksi Kricak');
  });

  it('makes an existing account the ketua, so one person belongs to several cooperatives', async () => {
    const res = await call(app, adminSession, 'POST', '/api/v1/coops', { name: 'Koperasi Rupa Bantul', slug: 'rupa-bantul', coopType: 'produksi', ketua: { email: a.accounts.anggota.email } });
    expect(res.statusCode).toBe(201);
    expect(res.json().ketua).toEqual({ accountId: a.accounts.anggota.id, created: false });
    const s = await signInAs(app, a.accounts.anggota);
    const me = await call(app, s, 'GET', '/api/v1/me');
    expect(me.json().coops.map((c: { slug: string }) => c.slug).sort()).toEqual([a.slug, 'rupa-bantul'].sort());
  });

  it('refuses a non-administrator with 403 and writes nothing', async () => {
    const before = await Promise.all([count('coops'), count('accounts')]);
    const s = await signInAs(app, a.accounts.ketua);
    const res = await call(app, s, 'POST', '/api/v1/coops', { name: 'Koperasi Liar', slug: 'liar', coopType: 'jasa', ketua: { name: 'X', email: 'x@liar.id', password: PASSWORD } });
    expect(res.statusCode).toBe(403);
    expect(await Promise.all([count('coops'), count('accounts')])).toEqual(before);
  });

  it('rejects a region chain whose codes do not agree, names the field, and writes nothing', async () => {
    const before = await Promise.all([count('coops'), count('accounts'), count('audit_log')]);
    const res = await call(app, adminSession, 'POST', '/api/v1/coops', {
      name: 'Koperasi Salah Wilayah',
      slug: 'salah-wilayah',
      coopType: 'produksi',
      provinceCode: '35',
      regencyCode: '34.71',
      ketua: { name: 'Budi', email: 'budi@salah.id', password: PASSWORD }
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REGION_INVALID', fields: [{ field: 'regencyCode', code: 'region_mismatch', message: expect.any(String) }] });
    const unknown = await call(app, adminSession, 'POST', '/api/v1/coops', {
      name: 'Koperasi Salah Wilayah',
      slug: 'salah-wilayah',
      coopType: 'produksi',
      provinceCode: '34',
      regencyCode: '34.71',
      districtCode: '34.71.03',
      villageCode: '34.71.03.9999',
      ketua: { name: 'Budi', email: 'budi@salah.id', password: PASSWORD }
    });
    expect(unknown.json()).toMatchObject({ code: 'REGION_INVALID', fields: [{ field: 'villageCode', code: 'region_unknown' }] });
    expect(await Promise.all([count('coops'), count('accounts'), count('audit_log')])).toEqual(before);
  });

  it('answers bad fields with a message per field', async () => {
    const res = await call(app, adminSession, 'POST', '/api/v1/coops', {
      name: 'K',
      slug: 'Bukan Slug!',
      coopType: 'bank',
      nikKoperasi: '123',
      rt: 0,
      postalCode: '5528',
      productLines: ['film'],
      ketua: { email: 'bukan-email' }
    });
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries(res.json().fields.map((f: { field: string; code: string }) => [f.field, f.code]));
    expect(fields).toMatchObject({ name: 'too_small_string', slug: 'slug_invalid', nikKoperasi: 'nik_koperasi_invalid', rt: 'too_small_number', postalCode: 'postal_code_invalid', 'ketua.email': 'invalid_format_email' });
    expect(fields.coopType).toBeDefined();
    expect(fields['productLines.0']).toBeDefined();
  });

  it('rejects a slug already in use with 409', async () => {
    const res = await call(app, adminSession, 'POST', '/api/v1/coops', { name: 'Koperasi Kembar', slug: a.slug, coopType: 'produksi', ketua: { email: a.accounts.ketua.email } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'COOP_SLUG_TAKEN', fields: [{ field: 'slug' }] });
  });

  it('founds one coop when two administrators claim the same slug at once', async () => {
    const body = (n: number) => ({ name: `Koperasi Kembar ${n}`, slug: 'kembar-serentak', coopType: 'produksi', ketua: { name: `Ketua ${n}`, email: `ketua${n}@kembar.id`, password: PASSWORD } });
    const results = await Promise.all([1, 2, 3].map((n) => call(app, adminSession, 'POST', '/api/v1/coops', body(n))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'COOP_SLUG_TAKEN')).toBe(true);
    // The losers' new ketua accounts were rolled back with their coop.
    const accounts = await t.db.selectFrom('accounts').select('email').where('email', 'like', '%@kembar.id').execute();
    expect(accounts).toHaveLength(1);
  });

  it('asks for name and password when the first ketua has no account yet', async () => {
    const res = await call(app, adminSession, 'POST', '/api/v1/coops', { name: 'Koperasi Baru', slug: 'baru-sekali', coopType: 'produksi', ketua: { email: 'belum@ada.id' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['ketua.name', 'ketua.password']);
    expect(await t.db.selectFrom('coops').select('id').where('slug', '=', 'baru-sekali').executeTakeFirst()).toBeUndefined();
  });
});

describe('editing a cooperative', () => {
  it('writes an audit line with only the changed fields before and after', async () => {
    const s = await signInAs(app, a.accounts.sekretaris);
    const res = await call(app, s, 'PATCH', `/api/v1/coops/${a.id}`, {
      legalNumber: 'AHU-0001234.AH.01.29.TAHUN 2024',
      nikKoperasi: '3471010020000123',
      provinceCode: '34',
      regencyCode: '34.71',
      districtCode: '34.71.03',
      villageCode: '34.71.03.1001',
      rw: 5,
      productLines: ['rupa']
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nikKoperasi: '3471010020000123', villageCode: '34.71.03.1001', rw: 5, productLines: ['rupa'] });
    const log = await call(app, s, 'GET', `/api/v1/coops/${a.id}/audit-log?entity=coop`);
    expect(log.statusCode).toBe(200);
    const line = log.json().items[0];
    expect(line).toMatchObject({ action: 'coop.update', entity: 'coop', entityId: a.id, actor: { accountId: a.accounts.sekretaris.id } });
    expect(line.before).toEqual({ legalNumber: null, nikKoperasi: null, provinceCode: null, regencyCode: null, districtCode: null, villageCode: null, rw: null, productLines: ['suara', 'busana'] });
    expect(line.after).toMatchObject({ nikKoperasi: '3471010020000123', rw: 5, productLines: ['rupa'] });
    expect(Object.keys(line.after).sort()).toEqual(Object.keys(line.before).sort());
  });

  it('checks the region chain as it will be stored, and clears a field with null', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    const mismatch = await call(app, s, 'PATCH', `/api/v1/coops/${a.id}`, { provinceCode: '35' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ code: 'REGION_INVALID', fields: [{ field: 'regencyCode', code: 'region_mismatch' }] });
    const cleared = await call(app, s, 'PATCH', `/api/v1/coops/${a.id}`, { villageCode: null, rw: null });
    expect(cleared.json()).toMatchObject({ villageCode: null, districtCode: '34.71.03', rw: null });
  });

  it('refuses members, treasurers and supervisors', async () => {
    for (const role of ['anggota', 'bendahara', 'pengawas', 'staf'] as const) {
      const s = await signInAs(app, a.accounts[role]);
      const res = await call(app, s, 'PATCH', `/api/v1/coops/${a.id}`, { name: 'Diambil alih' });
      expect(res.statusCode, role).toBe(403);
    }
    const row = await t.db.selectFrom('coops').select('name').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.name).not.toBe('Diambil alih');
  });

  it('keeps audit lines append-only: the database refuses to update or delete them', async () => {
    await expect(t.db.updateTable('audit_log').set({ action: 'rewritten' }).where('coop_id', '=', a.id).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').where('coop_id', '=', a.id).execute()).rejects.toThrow(/append-only/);
    await expect(withTenant(t.db, a.id, (trx) => trx.deleteFrom('audit_log').execute())).rejects.toThrow(/append-only/);
  });

  it('pages and filters the audit log', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    for (let i = 0; i < 4; i++) {
      const r = await call(app, s, 'PATCH', `/api/v1/coops/${a.id}`, { description: `Deskripsi ${i}` });
      expect(r.statusCode).toBe(200);
    }
    const page1 = (await call(app, s, 'GET', `/api/v1/coops/${a.id}/audit-log?entity=coop&pageSize=2`)).json();
    const page2 = (await call(app, s, 'GET', `/api/v1/coops/${a.id}/audit-log?entity=coop&pageSize=2&page=2`)).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].after).toEqual({ description: 'Deskripsi 3' });
    expect(page2.items[0].id).toBeLessThan(page1.items[1].id);
    expect(page1.total).toBeGreaterThanOrEqual(6);
    const byActor = (await call(app, s, 'GET', `/api/v1/coops/${a.id}/audit-log?actorAccountId=${a.accounts.sekretaris.id}`)).json();
    expect(byActor.items.every((x: { actor: { accountId: string } }) => x.actor.accountId === a.accounts.sekretaris.id)).toBe(true);
    expect(byActor.total).toBeGreaterThan(0);
    const future = (await call(app, s, 'GET', `/api/v1/coops/${a.id}/audit-log?from=2999-01-01`)).json();
    expect(future.total).toBe(0);
    const bad = await call(app, s, 'GET', `/api/v1/coops/${a.id}/audit-log?from=2024-02-30`);
    expect(bad.statusCode).toBe(400);
    const member = await signInAs(app, a.accounts.anggota);
    expect((await call(app, member, 'GET', `/api/v1/coops/${a.id}/audit-log`)).statusCode).toBe(403);
  });
});

describe('roles', () => {
  it('lets the ketua give an account of the platform roles by email, and list them', async () => {
    const s = await signInAs(app, b.accounts.ketua);
    const res = await call(app, s, 'PUT', `/api/v1/coops/${b.id}/users`, { identifier: a.accounts.staf.email, roles: ['pengawas', 'anggota'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accountId: a.accounts.staf.id, roles: ['anggota', 'pengawas'] });
    const list = (await call(app, s, 'GET', `/api/v1/coops/${b.id}/users`)).json();
    expect(list.find((u: { accountId: string }) => u.accountId === a.accounts.staf.id).roles).toEqual(['anggota', 'pengawas']);
    const audit = await withTenant(t.db, b.id, (trx) => trx.selectFrom('audit_log').selectAll().where('action', '=', 'roles.set').where('entity_id', '=', a.accounts.staf.id).execute());
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toEqual({ roles: [] });
    // Removing all roles takes the account out of this cooperative only.
    const out = await call(app, s, 'PUT', `/api/v1/coops/${b.id}/users`, { accountId: a.accounts.staf.id, roles: [] });
    expect(out.statusCode).toBe(200);
    expect(await t.db.selectFrom('coop_users').select('coop_id').where('account_id', '=', a.accounts.staf.id).execute()).toEqual([{ coop_id: a.id }]);
  });

  it('never lets the last ketua go', async () => {
    const s = await signInAs(app, b.accounts.ketua);
    const res = await call(app, s, 'PUT', `/api/v1/coops/${b.id}/users`, { accountId: b.accounts.ketua.id, roles: ['anggota'] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'COOP_LAST_KETUA', fields: [{ field: 'roles', code: 'last_ketua' }] });
    const gone = await call(app, s, 'PUT', `/api/v1/coops/${b.id}/users`, { identifier: b.accounts.ketua.email, roles: [] });
    expect(gone.statusCode).toBe(409);
    expect(await t.db.selectFrom('coop_users').select('roles').where('coop_id', '=', b.id).where('account_id', '=', b.accounts.ketua.id).executeTakeFirst()).toEqual({ roles: ['ketua'] });
  });

  it('keeps a ketua when two ketua step down at the same moment', async () => {
    const c = await seedCoop(t.db);
    await t.db.updateTable('coop_users').set({ roles: ['ketua'] }).where('coop_id', '=', c.id).where('account_id', '=', c.accounts.sekretaris.id).execute();
    const s1 = await signInAs(app, c.accounts.ketua);
    const s2 = await signInAs(app, c.accounts.sekretaris);
    const [r1, r2] = await Promise.all([
      call(app, s1, 'PUT', `/api/v1/coops/${c.id}/users`, { accountId: c.accounts.ketua.id, roles: ['anggota'] }),
      call(app, s2, 'PUT', `/api/v1/coops/${c.id}/users`, { accountId: c.accounts.sekretaris.id, roles: ['anggota'] })
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const ketuas = await t.db.selectFrom('coop_users').select('account_id').where('coop_id', '=', c.id).where(sql<boolean>`'ketua' = ANY(roles)`).execute();
    expect(ketuas).toHaveLength(1);
  });

  it('lets only the ketua assign roles, and does not probe accounts outside the coop by id', async () => {
    const sek = await signInAs(app, b.accounts.sekretaris);
    expect((await call(app, sek, 'PUT', `/api/v1/coops/${b.id}/users`, { accountId: b.accounts.staf.id, roles: ['ketua'] })).statusCode).toBe(403);
    const ketua = await signInAs(app, b.accounts.ketua);
    const res = await call(app, ketua, 'PUT', `/api/v1/coops/${b.id}/users`, { accountId: a.accounts.bendahara.id, roles: ['anggota'] });
    expect(res.statusCode).toBe(404);
    const nobody = await call(app, ketua, 'PUT', `/api/v1/coops/${b.id}/users`, { identifier: 'tidak.ada@contoh.id', roles: ['anggota'] });
    expect(nobody.json()).toMatchObject({ code: 'NOT_FOUND', fields: [{ field: 'identifier', code: 'account_unknown' }] });
  });
});

describe('API tokens', () => {
  it('shows the secret once; the token reads its own coop and gets 404 on another', async () => {
    const s = await signInAs(app, a.accounts.ketua);
    const created = await call(app, s, 'POST', `/api/v1/coops/${a.id}/api-tokens`, { name: 'Toko daring' });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json();
    expect(secret).toMatch(/^lt_[A-Za-z0-9_-]{40,}$/);
    const stored = await t.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret.slice(3));

    const list = await call(app, s, 'GET', `/api/v1/coops/${a.id}/api-tokens`);
    expect(list.body).not.toContain(secret);
    expect(list.json()[0]).toMatchObject({ id, name: 'Toko daring', revokedAt: null, accountId: a.accounts.ketua.id });

    const own = await app.inject({ method: 'GET', url: `/api/v1/coops/${a.id}`, headers: bearer(secret) });
    expect(own.statusCode).toBe(200);
    expect(own.json().id).toBe(a.id);
    const other = await app.inject({ method: 'GET', url: `/api/v1/coops/${b.id}`, headers: bearer(secret) });
    expect(other.statusCode).toBe(404);
    // A token cannot mint more tokens.
    const minted = await app.inject({ method: 'POST', url: `/api/v1/coops/${a.id}/api-tokens`, headers: bearer(secret), payload: { name: 'turunan' } });
    expect(minted.statusCode).toBe(403);

    const revoked = await call(app, s, 'DELETE', `/api/v1/coops/${a.id}/api-tokens/${id}`);
    expect(revoked.statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: `/api/v1/coops/${a.id}`, headers: bearer(secret) });
    expect(after.statusCode).toBe(401);
    const audit = await withTenant(t.db, a.id, (trx) => trx.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'api_token').where('entity_id', '=', id).orderBy('id').execute());
    expect(audit.map((x) => x.action)).toEqual(['api_token.create', 'api_token.revoke']);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('lets only ketua and sekretaris manage tokens', async () => {
    const s = await signInAs(app, a.accounts.bendahara);
    expect((await call(app, s, 'POST', `/api/v1/coops/${a.id}/api-tokens`, { name: 'x' })).statusCode).toBe(403);
    expect((await call(app, s, 'GET', `/api/v1/coops/${a.id}/api-tokens`)).statusCode).toBe(403);
    // The platform administrator holds no role in the coop, so a token of theirs would open nothing.
    expect((await call(app, adminSession, 'POST', `/api/v1/coops/${a.id}/api-tokens`, { name: 'admin' })).statusCode).toBe(403);
    expect((await call(app, adminSession, 'GET', `/api/v1/coops/${a.id}/api-tokens`)).statusCode).toBe(200);
  });
});

describe('public profile and regions', () => {
  it('shows a public coop to anyone, with region names and its number of active members', async () => {
    await withTenant(t.db, b.id, async (trx) => {
      for (const [i, status] of (['active', 'active', 'active', 'applicant'] as const).entries()) {
        await trx.insertInto('members').values({ coop_id: b.id, status, full_name: `Warga ${i}`, gender: 'F', member_no: status === 'active' ? i + 1 : null }).execute();
      }
    });
    await t.db.updateTable('coops').set({ province_code: '34', regency_code: '34.71', is_public: true, email: 'halo@kop.id', nik_koperasi: '3471010020000999' }).where('id', '=', b.id).execute();
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${b.slug}` });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ slug: b.slug, activeMembers: 3, contact: { email: 'halo@kop.id' }, productLines: ['suara', 'busana'] });
    expect(p.region.map((r: { code: string }) => r.code)).toEqual(['34', '34.71']);
    expect(p.region[1].name).toMatch(/YOGYAKARTA/i);
    expect(res.body).not.toContain('3471010020000999');
  });

  it('hides a coop that is not public, as if it did not exist', async () => {
    await t.db.updateTable('coops').set({ is_public: false }).where('id', '=', a.id).execute();
    const hidden = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}` });
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/public/coops/tidak-ada-sama-sekali' });
    expect(hidden.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(hidden.json().code).toBe(unknown.json().code);
  });

  it('lists the regions under a code for address pickers', async () => {
    const provinces = (await app.inject({ method: 'GET', url: '/api/v1/regions' })).json();
    expect(provinces.items).toHaveLength(38);
    const diy = (await app.inject({ method: 'GET', url: '/api/v1/regions?parent=34' })).json();
    expect(diy.items.map((r: { code: string }) => r.code)).toContain('34.71');
    expect(diy.items.find((r: { code: string }) => r.code === '34.71').kind).toBe('kota');
    expect((await app.inject({ method: 'GET', url: '/api/v1/regions?parent=99.99' })).statusCode).toBe(404);
  });
});
