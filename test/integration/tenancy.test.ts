import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openForumTheme, postToForum } from '../../src/education/forum.js';
import { recordAudit } from '../../src/audit/record-audit.js';
import { adoptInitialCharter } from '../../src/charters/adopt-initial-charter.js';
import type { Role } from '../../src/db/schema.js';
import { withTenant } from '../../src/db/tenant.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';

/**
 * The tenancy wall, walked exhaustively: every API route of a cooperative, called by
 * every kind of user of ANOTHER cooperative (each role by session, and an API token),
 * must answer 403/404 (or 400 for a body refused before any lookup) and change nothing
 * of the target cooperative. Routes are read from the router itself, so routes added
 * later are walked too without editing this test.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Route = { method: Method; url: string };
type JsonSchema = Record<string, unknown>;

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let aIds: Map<string, (string | number)[]>;

/**
 * Routes that by design let any signed-in person act on a cooperative they do not belong
 * to: applying for membership (voluntary and open membership, principle 1). They are
 * walked separately below, with what they may and may not change spelled out.
 */
const OPEN_DOOR = new Set(['POST /api/v1/coops/:coopId/apply']);

const ROLES: Role[] = ['ketua', 'sekretaris', 'bendahara', 'pengawas', 'staf', 'anggota'];
const METHODS = new Set<Method>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Every route of the app, from Fastify's own route tree (`printRoutes` without prefix compression). */
function routesOf(app: App): Route[] {
  const text = app.printRoutes({ commonPrefix: false });
  const out: Route[] = [];
  const stack: string[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    const m = /^([│ ├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/u.exec(raw);
    if (!m) continue;
    const depth = Math.max(0, Math.floor([...m[1]!].length / 4) - 1);
    stack.length = depth;
    stack.push(m[2]!);
    const url = stack.join('');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (METHODS.has(method as Method)) out.push({ method: method as Method, url });
    }
  }
  return out;
}

/** Which A row to name for a route parameter: the coop itself, or a row of a table the name points at. */
function paramValue(name: string): string {
  if (name === 'coopId') return a.id;
  if (name === 'slug') return a.slug;
  if (name === 'accountId') return a.accounts.ketua.id;
  const stem = name.replace(/Id$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  // The table the name points at: members for memberId, api_tokens for tokenId, …
  const ranked = [(tb: string) => tb === `${stem}s`, (tb: string) => tb.endsWith(`_${stem}s`), (tb: string) => tb.startsWith(`${stem}s`), (tb: string) => tb.includes(stem)];
  for (const match of ranked) {
    for (const [table, ids] of aIds) if (ids.length && match(table)) return String(ids[0]);
  }
  if (/^(version|no|number|year|n)$/i.test(name)) return '1';
  return randomUUID();
}

function fill(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, p: string) => encodeURIComponent(paramValue(p)));
}

/** A plausible value for a JSON schema, leaning on A's data for ids and accounts. */
function sample(doc: JsonSchema, schema: JsonSchema | undefined, name: string, requiredOnly: boolean, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  if (typeof schema.$ref === 'string') {
    const key = schema.$ref.split('/').pop()!;
    return sample(doc, ((doc.components as JsonSchema)?.schemas as Record<string, JsonSchema>)?.[key], name, requiredOnly, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options) return sample(doc, options.find((o) => o.type !== 'null') ?? options[0], name, requiredOnly, depth + 1);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as JsonSchema[]).map((s) => sample(doc, s, name, requiredOnly, depth + 1)));
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((x) => x !== 'null') : (schema.type as string | undefined);
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(props)) {
        if (requiredOnly && !required.has(key)) continue;
        const v = sample(doc, sub, key, requiredOnly, depth + 1);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'array': {
      const n = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: n }, () => sample(doc, schema.items as JsonSchema, name, requiredOnly, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1;
      return Math.max(min, Math.min(typeof schema.maximum === 'number' ? schema.maximum : 1000, 1));
    }
    case 'boolean':
      return true;
    case 'string':
      return sampleString(schema, name);
    default:
      return undefined;
  }
}

function sampleString(schema: JsonSchema, name: string): string {
  const lower = name.toLowerCase();
  const known: Record<string, string> = {
    provinceCode: '34',
    regencyCode: '34.71',
    districtCode: '34.71.03',
    villageCode: '34.71.03.1001',
    postalCode: '55281',
    nikKoperasi: '3471010020000123',
    contentBase64: Buffer.from('nama,jenis_kelamin\nSiti,P\n').toString('base64'),
    code: '5.2.30'
  };
  if (known[name]) return known[name]!;
  if (schema.format === 'uuid' || lower.endsWith('id')) return paramValue(name);
  if (schema.format === 'email' || lower.includes('email') || lower === 'identifier') return a.accounts.anggota.email;
  if (schema.format === 'date' || /date$|^from$|^to$|_on$|on$/.test(lower)) return '2025-01-15';
  if (schema.format === 'date-time' || /At$/.test(name)) return '2025-01-15T03:00:00.000Z';
  if (lower.includes('phone')) return '081234567890';
  if (lower === 'nik') return '3471014101900001';
  if (lower.includes('password')) return PASSWORD;
  if (lower === 'slug') return `kop-${randomUUID().slice(0, 6)}`;
  const min = Number(schema.minLength ?? 0);
  const base = 'Contoh isian lintas koperasi';
  return base.length >= min ? base.slice(0, Math.max(min, Math.min(base.length, Number(schema.maxLength ?? base.length)))) : base.padEnd(min, 'x');
}

/** A digest of every row that belongs to coop A (every table with coop_id, its coop row, its people's accounts). */
async function fingerprint(coopId: string): Promise<string> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table: string }>(
      "SELECT table_name AS table FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'coop_id' ORDER BY table_name"
    );
    const hash = createHash('sha256');
    const dump = async (label: string, q: string) => {
      const { rows } = await client.query<{ j: string }>(q, [coopId]);
      hash.update(`${label}:${rows.length}\n`);
      for (const r of rows) hash.update(`${r.j}\n`);
    };
    for (const { table } of tables) await dump(table, `SELECT row_to_json(t)::text AS j FROM "${table}" t WHERE coop_id = $1 ORDER BY 1`);
    await dump('coops', 'SELECT row_to_json(t)::text AS j FROM coops t WHERE id = $1');
    await dump('accounts', 'SELECT row_to_json(t)::text AS j FROM accounts t WHERE id IN (SELECT account_id FROM coop_users WHERE coop_id = $1) ORDER BY 1');
    return hash.digest('hex');
  } finally {
    await client.end();
  }
}

/** A's rows per table as JSON text, to tell added rows from changed or removed ones. */
async function rowSets(coopId: string): Promise<Map<string, Set<string>>> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table: string }>(
      "SELECT table_name AS table FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'coop_id' ORDER BY table_name"
    );
    const out = new Map<string, Set<string>>();
    for (const { table } of tables) {
      const { rows } = await client.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${table}" t WHERE coop_id = $1`, [coopId]);
      out.set(table, new Set(rows.map((r) => r.j)));
    }
    const { rows: coop } = await client.query<{ j: string }>('SELECT row_to_json(t)::text AS j FROM coops t WHERE id = $1', [coopId]);
    out.set('coops', new Set(coop.map((r) => r.j)));
    return out;
  } finally {
    await client.end();
  }
}

async function idsOf(coopId: string): Promise<Map<string, (string | number)[]>> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table: string }>(
      `SELECT c1.table_name AS table FROM information_schema.columns c1
         JOIN information_schema.columns c2 ON c2.table_schema = c1.table_schema AND c2.table_name = c1.table_name AND c2.column_name = 'id'
        WHERE c1.table_schema = 'public' AND c1.column_name = 'coop_id' ORDER BY 1`
    );
    const out = new Map<string, (string | number)[]>();
    for (const { table } of tables) {
      const { rows } = await client.query<{ id: string | number }>(`SELECT id FROM "${table}" WHERE coop_id = $1 ORDER BY id LIMIT 3`, [coopId]);
      out.set(table, rows.map((r) => r.id));
    }
    return out;
  } finally {
    await client.end();
  }
}

async function seedData(c: SeededCoop): Promise<void> {
  const ctx = c.ctx('ketua');
  await withTenant(t.db, c.id, async (trx) => {
    await adoptInitialCharter(trx, ctx, 'tujuh_prinsip');
    for (let i = 1; i <= 5; i++) {
      const m = await trx
        .insertInto('members')
        .values({ coop_id: c.id, member_no: i, status: i === 5 ? 'applicant' : 'active', full_name: `Anggota ${c.slug} ${i}`, gender: i % 2 ? 'F' : 'M', account_id: i === 1 ? c.accounts.anggota.id : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('member_status_history').values({ coop_id: c.id, member_id: m.id, to_status: 'active', actor_account_id: c.accounts.ketua.id }).execute();
    }
    await trx.insertInto('coop_counters').values({ coop_id: c.id, name: 'member_no', value: 5 }).execute();
    await recordAudit(trx, ctx, { action: 'seed', entity: 'coop', entityId: c.id, after: { seeded: true } });
  });
  await t.db.insertInto('api_tokens').values({ coop_id: c.id, account_id: c.accounts.ketua.id, name: 'seed token', token_hash: createHash('sha256').update(randomUUID()).digest('hex') }).execute();
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
  await seedData(a);
  await seedData(b);
  aIds = await idsOf(a.id);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('tenant isolation across every API route', () => {
  it('reads every route from the router, including the cooperative routes', () => {
    const routes = routesOf(app).filter((r) => r.url.startsWith('/api/v1/'));
    for (const r of routes) expect(app.hasRoute({ method: r.method, url: r.url }), `${r.method} ${r.url}`).toBe(true);
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /api/v1/coops/:coopId',
        'PATCH /api/v1/coops/:coopId',
        'PUT /api/v1/coops/:coopId/users',
        'DELETE /api/v1/coops/:coopId/api-tokens/:tokenId',
        'GET /api/v1/coops/:coopId/audit-log'
      ])
    );
  });

  it("gives every user of coop B only 403/404 on coop A's routes, and changes nothing of A", async () => {
    const doc = app.swagger() as unknown as JsonSchema;
    const paths = doc.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
    const routes = routesOf(app).filter((r) => r.url.startsWith('/api/v1/coops/:coopId') && !OPEN_DOOR.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThanOrEqual(8);

    // B's people: each role by session, and an API token issued by B's ketua.
    const actors: { label: string; session: Session | null; headers: Record<string, string> }[] = [];
    for (const role of ROLES) actors.push({ label: `B ${role} (session)`, session: await signInAs(app, b.accounts[role]), headers: {} });
    const issued = await call(app, actors[0]!.session, 'POST', `/api/v1/coops/${b.id}/api-tokens`, { name: 'integrasi B' });
    expect(issued.statusCode).toBe(201);
    actors.push({ label: 'B ketua (API token)', session: null, headers: { authorization: `Bearer ${issued.json().secret}` } });

    const before = await fingerprint(a.id);
    let last = before;
    const failures: string[] = [];
    const passedSchema = new Set<string>();
    for (const route of routes) {
      const openApiPath = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const bodySchema = paths[openApiPath]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
      const bodies: unknown[] = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : [{}, sample(doc, bodySchema, 'body', true), sample(doc, bodySchema, 'body', false)];
      // One route's requests go out together (they are all refused); the fingerprint is taken per route.
      await Promise.all(
        actors.flatMap((actor) =>
          bodies.map(async (body) => {
            const res = await call(app, actor.session, route.method, fill(route.url), body, actor.headers);
            const key = `${route.method} ${route.url}`;
            if (res.statusCode !== 400) passedSchema.add(key);
            if (process.env.TENANCY_DEBUG) console.log(actor.label, key, JSON.stringify(body)?.slice(0, 80), res.statusCode, res.statusCode === 400 ? res.body.slice(0, 200) : '');
            if (![403, 404, 400].includes(res.statusCode)) failures.push(`${actor.label}: ${key} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          })
        )
      );
      const now = await fingerprint(a.id);
      if (now !== last) failures.push(`${route.method} ${route.url} changed coop A's data`);
      last = now;
    }
    expect(failures).toEqual([]);
    expect(await fingerprint(a.id)).toBe(before);
    // The walk is not vacuous: on every route some plausible request passed schema validation and met
    // the tenancy wall. A new route whose body the sampler cannot fill shows up here: add a hint in sampleString.
    const untested = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !passedSchema.has(k));
    expect(untested).toEqual([]);
  }, 600_000);

  it('lets B\'s people only apply to join A through the open door, for themselves, changing nothing else', async () => {
    const doc = app.swagger() as unknown as JsonSchema;
    const paths = doc.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
    const open = routesOf(app).filter((r) => OPEN_DOOR.has(`${r.method} ${r.url}`));
    const bAccounts = new Set(ROLES.map((r) => b.accounts[r].id));
    const before = await rowSets(a.id);
    const token = await call(app, await signInAs(app, b.accounts.ketua), 'POST', `/api/v1/coops/${b.id}/api-tokens`, { name: 'integrasi B 2' });
    const failures: string[] = [];
    for (const route of open) {
      const bodySchema = paths[route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
      for (const role of ROLES) {
        const s = await signInAs(app, b.accounts[role]);
        for (const body of [{}, sample(doc, bodySchema, 'body', true), sample(doc, bodySchema, 'body', false)]) {
          const res = await call(app, s, route.method, fill(route.url), body);
          if (res.statusCode >= 500) failures.push(`${role}: ${route.method} ${route.url} → ${res.statusCode}`);
          if (res.statusCode < 300 && res.json().accountId !== b.accounts[role].id) failures.push(`${role}: answer names another account`);
        }
      }
      const viaToken = await call(app, null, route.method, fill(route.url), sample(doc, bodySchema, 'body', false), { authorization: `Bearer ${token.json().secret}` });
      if (![403, 404].includes(viaToken.statusCode)) failures.push(`API token: ${route.method} ${route.url} → ${viaToken.statusCode}`);
    }
    const after = await rowSets(a.id);
    const newMemberIds = new Set<string>();
    for (const [table, rows] of before) {
      for (const row of rows) if (!after.get(table)?.has(row)) failures.push(`${table}: an existing row of A was changed or removed`);
    }
    for (const [table, rows] of after) {
      for (const row of rows) {
        if (before.get(table)?.has(row)) continue;
        const r = JSON.parse(row) as Record<string, unknown>;
        if (table === 'members' && r.status === 'applicant' && r.member_no === null && bAccounts.has(String(r.account_id))) newMemberIds.add(String(r.id));
        else if (table === 'member_status_history' || table === 'audit_log' || table === 'membership_periods') continue;
        else failures.push(`${table}: unexpected new row ${row.slice(0, 160)}`);
      }
    }
    for (const row of after.get('member_status_history') ?? []) {
      if (before.get('member_status_history')?.has(row)) continue;
      const r = JSON.parse(row) as Record<string, unknown>;
      if (!newMemberIds.has(String(r.member_id)) || !bAccounts.has(String(r.actor_account_id))) failures.push(`member_status_history: unexpected ${row.slice(0, 160)}`);
    }
    for (const row of after.get('membership_periods') ?? []) {
      if (before.get('membership_periods')?.has(row)) continue;
      const r = JSON.parse(row) as Record<string, unknown>;
      if (!newMemberIds.has(String(r.member_id)) || r.period_no !== 1 || r.joined_on !== null) failures.push(`membership_periods: unexpected ${row.slice(0, 160)}`);
    }
    for (const row of after.get('audit_log') ?? []) {
      if (before.get('audit_log')?.has(row)) continue;
      const r = JSON.parse(row) as Record<string, unknown>;
      if (!newMemberIds.has(String(r.entity_id)) || !bAccounts.has(String(r.actor_account_id))) failures.push(`audit_log: unexpected ${row.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    // Not vacuous: the plausible bodies did get applications in.
    if (open.length) expect(newMemberIds.size).toBeGreaterThan(0);
  });

  it("lets B's people into A's forum themes only through their own coop's forum routes: posting, following — nothing else of A (decision 0165)", async () => {
    const aMember = { ...a.ctx('anggota'), roles: ['anggota' as Role] };
    const theme = await openForumTheme(aMember, { title: 'Tema koperasi A', body: 'Pengantar' });
    const thread = await postToForum(aMember, a.id, theme.id, { body: 'Utas A' });
    const bAccounts = new Set(ROLES.map((r) => b.accounts[r].id));
    const before = await rowSets(a.id);
    const failures: string[] = [];
    const path = `/api/v1/coops/${b.id}/forum/themes/${a.id}/${theme.id}`;
    for (const role of ROLES) {
      const s = await signInAs(app, b.accounts[role]);
      const seen = await call(app, s, 'GET', path);
      if (seen.statusCode !== 200 || seen.json().may.moderate) failures.push(`${role}: GET → ${seen.statusCode} ${seen.body.slice(0, 120)}`);
      const posted = await call(app, s, 'POST', `${path}/posts`, { body: `Balasan ${role}`, threadId: thread.id });
      if (posted.statusCode !== 201) failures.push(`${role}: post → ${posted.statusCode}`);
      for (const [what, res] of [
        ['hide', await call(app, s, 'POST', `${path}/posts/${thread.id}/hide`, { reason: 'Coba sembunyikan' })],
        ['helpful', await call(app, s, 'POST', `${path}/posts/${thread.id}/helpful`)],
        ['theme in A', await call(app, s, 'POST', `/api/v1/coops/${a.id}/forum/themes`, { title: 'Menyusup', body: 'x' })]
      ] as const) if (![403, 404].includes(res.statusCode)) failures.push(`${role}: ${what} → ${res.statusCode}`);
    }
    const after = await rowSets(a.id);
    const strip = (row: string) => { const r = JSON.parse(row) as Record<string, unknown>; delete r.post_count; delete r.last_post_at; return JSON.stringify(r); };
    for (const [table, rows] of before) {
      for (const row of rows) {
        if (after.get(table)?.has(row)) continue;
        if (table === 'forum_themes' && [...(after.get(table) ?? [])].some((x) => strip(x) === strip(row))) continue;
        failures.push(`${table}: an existing row of A was changed or removed ${row.slice(0, 120)}`);
      }
    }
    for (const [table, rows] of after) {
      for (const row of rows) {
        if (before.get(table)?.has(row)) continue;
        const r = JSON.parse(row) as Record<string, unknown>;
        if (table === 'forum_themes') continue;
        if (table === 'forum_posts' && bAccounts.has(String(r.author_account_id)) && r.author_coop_id === b.id && r.thread_id === thread.id) continue;
        if (table === 'forum_follows' && bAccounts.has(String(r.account_id))) continue;
        if (table === 'audit_log' && bAccounts.has(String(r.actor_account_id)) && ['forum.post'].includes(String(r.action))) continue;
        if (table === 'mail_outbox' && r.kind === 'forum_post') continue;
        failures.push(`${table}: unexpected new row ${row.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    expect([...(after.get('forum_posts') ?? [])].length - [...(before.get('forum_posts') ?? [])].length).toBe(ROLES.length);
  });

  it('lets B reach its own cooperative with the same sessions (the 403/404 above are not a broken sign-in)', async () => {
    const s = await signInAs(app, b.accounts.ketua);
    for (const path of ['', '/users', '/api-tokens', '/audit-log']) {
      const res = await call(app, s, 'GET', `/api/v1/coops/${b.id}${path}`);
      expect(res.statusCode, path).toBe(200);
    }
  });

  it("hides A's rows from a transaction scoped to B, and lets it change none of them (row-level security)", async () => {
    const before = await fingerprint(a.id);
    await withTenant(t.db, b.id, async (trx) => {
      const members = await trx.selectFrom('members').selectAll().execute();
      expect(members.length).toBe(5);
      expect(members.every((m) => m.coop_id === b.id)).toBe(true);
      const explicit = await trx.selectFrom('members').selectAll().where('coop_id', '=', a.id).execute();
      expect(explicit).toEqual([]);
      const updated = await trx.updateTable('members').set({ full_name: 'Diubah lintas koperasi' }).where('coop_id', '=', a.id).executeTakeFirst();
      expect(Number(updated.numUpdatedRows)).toBe(0);
      const audit = await trx.selectFrom('audit_log').select('coop_id').where('coop_id', '=', a.id).execute();
      expect(audit).toEqual([]);
    });
    // Writing a row that claims to be A's is refused outright.
    await expect(
      withTenant(t.db, b.id, (trx) => trx.insertInto('members').values({ coop_id: a.id, status: 'active', full_name: 'Penyusup', gender: 'M' }).execute())
    ).rejects.toThrow(/row-level security/);
    expect(await fingerprint(a.id)).toBe(before);
  });
});
