import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/create-account.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';

/**
 * The tenancy walk for founding groups (decision 0180): every /api/v1/founding/:coopId route,
 * read from the router, called by people outside group A — every role of an active coop B
 * (by session and API token), a founder of another group, and a signed-in stranger — answers
 * 400/403/404, never shows A's NIKs, and changes none of A's rows.
 */
let t: TestDb;
let app: App;
let groupA = '';
let groupB = '';
let b: SeededCoop;
const NIK_A = '3471140000000001';
const person = (nik: string, name: string) => ({ fullName: name, gender: 'F', nik, villageCode: '34.71.14.1002', rt: 1, rw: 2, householdCode: `KK-${nik.slice(-3)}` });

async function stranger(label: string): Promise<Session> {
  const email = `${label}.${Date.now().toString(36)}@contoh.id`;
  await createAccount(t.db, { name: label, email, password: PASSWORD });
  return signInAs(app, { email, password: PASSWORD });
}

async function fingerprint(coopId: string): Promise<string> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table: string }>("SELECT table_name AS table FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'coop_id' ORDER BY table_name");
    const hash = createHash('sha256');
    for (const { table } of tables) {
      const { rows } = await client.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${table}" t WHERE coop_id = $1 ORDER BY 1`, [coopId]);
      for (const r of rows) hash.update(`${table}:${r.j}\n`);
    }
    const { rows } = await client.query<{ j: string }>('SELECT row_to_json(t)::text AS j FROM coops t WHERE id = $1', [coopId]);
    hash.update(rows[0]!.j);
    return hash.digest('hex');
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  b = await seedCoop(t.db);
  const founderA = await stranger('pendiri-a');
  const r = await call(app, founderA, 'POST', '/api/v1/founding', { name: 'Kelompok A', founder: person(NIK_A, 'Ani') });
  groupA = r.json().coopId;
  await call(app, founderA, 'POST', `/api/v1/founding/${groupA}/founders`, person('3471140000000002', 'Budi'));
  await call(app, founderA, 'PUT', `/api/v1/founding/${groupA}/survey`, { needs: [{ category: 'primer', item: 'Beras', frequency: 'bulanan', monthlySpend: 100000 }] });
  await call(app, founderA, 'POST', `/api/v1/founding/${groupA}/businesses`, { productLine: 'rupa', name: 'Bengkel', buys: ['perak'], sells: ['cincin'] });
  await call(app, founderA, 'PUT', `/api/v1/founding/${groupA}/model`, { templateKey: 'tujuh_prinsip', seat: 'Kotagede, Yogyakarta', purpose: 'Kesejahteraan anggota bersama.' });
  const founderB = await stranger('pendiri-b');
  groupB = (await call(app, founderB, 'POST', '/api/v1/founding', { name: 'Kelompok B', founder: person('3471140000000009', 'Citra') })).json().coopId;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('founding groups: tenancy walk', () => {
  it('keeps every outsider out of every founding-group route and changes nothing', async () => {
    const text = app.printRoutes({ commonPrefix: false });
    const routes: { method: string; url: string }[] = [];
    const stack: string[] = [];
    for (const raw of text.split('\n')) {
      const m = /^([│ ├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/u.exec(raw);
      if (!raw.trim() || !m) continue;
      stack.length = Math.max(0, Math.floor([...m[1]!].length / 4) - 1);
      stack.push(m[2]!);
      for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) if (['GET', 'POST', 'PUT', 'DELETE'].includes(method)) routes.push({ method, url: stack.join('') });
    }
    const walked = routes.filter((r) => r.url.startsWith('/api/v1/founding/:coopId'));
    expect(walked.length).toBeGreaterThanOrEqual(20);
    const founderOfB = (await t.db.selectFrom('founding_accounts').select('account_id').where('coop_id', '=', groupB).executeTakeFirstOrThrow()).account_id;
    expect(founderOfB).toBeTruthy();
    const actors: { label: string; session: Session | null; headers: Record<string, string> }[] = [];
    for (const role of ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf', 'anggota'] as const) actors.push({ label: `B ${role}`, session: await signInAs(app, b.accounts[role]), headers: {} });
    const token = await call(app, actors[0]!.session, 'POST', `/api/v1/coops/${b.id}/api-tokens`, { name: 'B' });
    actors.push({ label: 'B token', session: null, headers: { authorization: `Bearer ${token.json().secret}` } });
    actors.push({ label: 'stranger', session: await stranger('orang-luar'), headers: {} });
    const bodies: unknown[] = [{}, { code: 'x'.repeat(16) }, { needs: [] }, person('3471140000000077', 'Dewi'), { vision: 'Visi yang cukup panjang', mission: 'Misi yang cukup panjang', values: 'Nilai bersama' }];
    const before = await fingerprint(groupA);
    const failures: string[] = [];
    for (const route of walked) {
      const url = route.url.replace(':coopId', groupA).replace(':id', '00000000-0000-4000-8000-000000000000');
      for (const actor of actors)
        for (const body of route.method === 'GET' || route.method === 'DELETE' ? [undefined] : bodies) {
          const res = await call(app, actor.session, route.method as 'GET', url, body, actor.headers);
          if (![400, 403, 404].includes(res.statusCode)) failures.push(`${actor.label}: ${route.method} ${route.url} → ${res.statusCode}`);
          if (res.body.includes(NIK_A)) failures.push(`${actor.label}: ${route.method} ${route.url} shows a NIK`);
        }
    }
    expect(failures).toEqual([]);
    expect(await fingerprint(groupA)).toBe(before);
    // Coop B's own routes do not open the group either (it has no coop roles), nor do public lists show it.
    const ketua = actors[0]!.session;
    expect((await call(app, ketua, 'GET', `/api/v1/coops/${groupA}/members`)).statusCode).toBe(404);
    expect((await call(app, ketua, 'GET', '/api/v1/founding')).json().items).toEqual([]);
  }, 300_000);

  it('a founder of one group cannot enter another group', async () => {
    const founderB = await t.db.selectFrom('founding_founders').select('account_id').where('coop_id', '=', groupB).executeTakeFirstOrThrow();
    const acc = await t.db.selectFrom('accounts').select('email').where('id', '=', founderB.account_id!).executeTakeFirstOrThrow();
    const s = await signInAs(app, { email: acc.email!, password: PASSWORD });
    for (const url of ['', '/needs-map', '/statutes', '/statutes.pdf']) expect((await call(app, s, 'GET', `/api/v1/founding/${groupA}${url}`)).statusCode).toBe(404);
    expect((await call(app, s, 'GET', `/api/v1/founding/${groupB}`)).statusCode).toBe(200);
  });
});
