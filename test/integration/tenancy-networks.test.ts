import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { addMember } from '../../src/members/add-member.js';
import { createNetwork } from '../../src/networks/create-network.js';
import { applyToNetwork, nameDelegate } from '../../src/networks/memberships.js';
import { declareConsensus, statePosition } from '../../src/networks/decisions.js';
import { setSharing } from '../../src/networks/figures.js';
import { silentLog } from '../support/fixtures.js';

/**
 * The tenancy walk for the network routes (issue 19): every /api/v1/networks/* route, called by
 * every kind of user of a coop OUTSIDE the network (each role by session, and an API token),
 * answers 403/404/400 and changes nothing; a network steward (NAO administrative team, tied to
 * no coop) sees only what coops chose to share and none of a member coop's own routes.
 */

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let outsider: SeededCoop;
let networkId = '';
let decisionId = '';
const ROLES: Role[] = ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf', 'anggota'];

async function fingerprint(): Promise<string> {
  const { rows } = await sql<{ h: string }>`
    SELECT md5(string_agg(j, '|' ORDER BY j)) AS h FROM (
      SELECT row_to_json(x)::text AS j FROM networks x UNION ALL SELECT row_to_json(x)::text FROM network_memberships x
      UNION ALL SELECT row_to_json(x)::text FROM network_decisions x UNION ALL SELECT row_to_json(x)::text FROM network_ballots x
      UNION ALL SELECT row_to_json(x)::text FROM network_positions x UNION ALL SELECT row_to_json(x)::text FROM network_delegates x
      UNION ALL SELECT row_to_json(x)::text FROM network_trade_sides x UNION ALL SELECT row_to_json(x)::text FROM journal_entries x
      UNION ALL SELECT row_to_json(x)::text FROM members x) s`.execute(t.db);
  return rows[0]!.h;
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db, { slug: 'kop-walk-a' });
  b = await seedCoop(t.db, { slug: 'kop-walk-b' });
  outsider = await seedCoop(t.db, { slug: 'kop-walk-luar' });
  await addMember(a.ctx('ketua'), { fullName: 'Rahasia Anggota A', gender: 'F', asStatus: 'active' });
  const n = await createNetwork(a.ctx('ketua'), { slug: 'jaringan-jalan', name: 'Jaringan Jalan', kind: 'konsorsium', regionCode: '34', mode: 'nao' });
  networkId = n.id;
  const ctx = { db: t.db, clock: { now: () => new Date() }, log: silentLog, locale: 'id' as const, actor: a.ctx('ketua').actor };
  const applied = await applyToNetwork(b.ctx('ketua'), networkId);
  await statePosition({ ...ctx }, networkId, applied.decisionId, { coopId: a.id, stance: 'agree' });
  await declareConsensus({ ...ctx }, networkId, applied.decisionId, { coopId: a.id });
  await nameDelegate(b.ctx('ketua'), networkId, { accountId: b.accounts.ketua.id });
  decisionId = applied.decisionId;
  await setSharing(b.ctx('ketua'), networkId, { figures: ['members'] });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** Every /api/v1/networks route, from Fastify's own route tree (as tenancy.test.ts reads it). */
function networkRoutes(): { method: string; url: string }[] {
  const text = app.printRoutes({ commonPrefix: false });
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    const m = /^([│ ├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/u.exec(raw);
    if (!m) continue;
    const depth = Math.max(0, Math.floor([...m[1]!].length / 4) - 1);
    stack.length = depth;
    stack.push(m[2]!);
    const url = stack.join('');
    if (!url.startsWith('/api/v1/networks/')) continue;
    for (const method of (m[3] ?? '').split(',').map((x) => x.trim())) if (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) out.push({ method, url });
  }
  return out;
}

describe('the network routes, walked by a coop outside the network', () => {
  it('answers only 403/404/400 to every role and token of an outside coop, and changes nothing', async () => {
    const routes = networkRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const actors: { label: string; session: Session | null; headers: Record<string, string> }[] = [];
    for (const role of ROLES) actors.push({ label: `luar ${role}`, session: await signInAs(app, outsider.accounts[role]), headers: {} });
    const issued = await call(app, actors[0]!.session, 'POST', `/api/v1/coops/${outsider.id}/api-tokens`, { name: 'integrasi luar' });
    actors.push({ label: 'luar token', session: null, headers: { authorization: `Bearer ${issued.json().secret}` } });
    const bodies = (coopId: string) => [{}, { coopId, choice: 'yes', stance: 'agree', kind: 'general', title: 'Usul luar', closesAt: new Date(Date.now() + 86_400_000).toISOString(), invitedCoopSlug: outsider.slug }];
    const before = await fingerprint();
    const failures: string[] = [];
    for (const r of routes) {
      const url = r.url.replace(':networkId', networkId).replace(':decisionId', decisionId);
      for (const actor of actors) {
        // The outsider names its own coop, and then a member coop it does not speak for.
        for (const coopId of [outsider.id, a.id, b.id]) {
          for (const body of r.method === 'GET' ? [undefined] : bodies(coopId)) {
            const res = await call(app, actor.session, r.method as 'GET', url, body, actor.headers);
            if (![400, 401, 403, 404, 409].includes(res.statusCode)) failures.push(`${actor.label} ${r.method} ${r.url} ${JSON.stringify(body)?.slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toBe(before);
  }, 300_000);

  it('shows a steward only the figures coops chose to share, and none of a member coop’s own routes', async () => {
    const steward = await signInAs(app, a.accounts.ketua); // the founder is in the administrative team (NAO)
    const figures = await call(app, steward, 'GET', `/api/v1/networks/${networkId}/shared-figures`);
    expect(figures.statusCode).toBe(200);
    expect(figures.json().perCoop).toEqual([{ coopId: b.id, coopName: expect.any(String), figures: { members: 0 } }]);
    // A steward tied to no coop: an account of the network's team only.
    const acc = await createAccount(t.db, { name: 'Tim Jaringan', email: 'tim.jaringan@contoh.id', password: 'rahasia-koperasi-1' });
    await t.db.insertInto('network_stewards').values({ network_id: networkId, account_id: acc.id }).execute();
    const s = await signInAs(app, { email: 'tim.jaringan@contoh.id', password: 'rahasia-koperasi-1' });
    expect((await call(app, s, 'GET', `/api/v1/networks/${networkId}/shared-figures`)).statusCode).toBe(200);
    for (const url of [`/api/v1/coops/${b.id}/members`, `/api/v1/coops/${b.id}/network-figures`, `/api/v1/coops/${b.id}/network-trades`, `/api/v1/coops/${a.id}/ledger/accounts`]) {
      expect([403, 404], url).toContain((await call(app, s, 'GET', url)).statusCode);
    }
    // The team may put a strategic matter to the members, but never cast a coop's ballot or state its position.
    const proposed = await call(app, s, 'POST', `/api/v1/networks/${networkId}/decisions`, { kind: 'general', title: 'Pameran bersama 2027' });
    expect(proposed.statusCode).toBe(201);
    const id = proposed.json().id;
    expect((await call(app, s, 'POST', `/api/v1/networks/${networkId}/decisions/${id}/positions`, { coopId: b.id, stance: 'agree' })).statusCode).toBe(403);
    expect((await call(app, s, 'POST', `/api/v1/networks/${networkId}/decisions/${id}/vote`, { closesAt: new Date(Date.now() + 86_400_000).toISOString() })).statusCode).toBe(200);
    const ballot = await call(app, s, 'POST', `/api/v1/networks/${networkId}/decisions/${id}/ballots`, { coopId: b.id, choice: 'yes' });
    expect(ballot.statusCode).toBe(403);
    expect(ballot.json().code).toBe('NETWORK_NOT_DELEGATE');
  });
});
