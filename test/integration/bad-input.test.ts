import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addMember } from '../../src/members/add-member.js';
import { adoptInitialCharter } from '../../src/charters/adopt-initial-charter.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { setEventSettings } from '../../src/events/set-event-settings.js';
import { getOrderSettings, saveOrderSettings } from '../../src/orders/order-settings.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { createProject } from '../../src/production/create-project.js';
import { addTask } from '../../src/production/add-task.js';
import { postJournalEntry } from '../../src/ledger/post-journal-entry.js';
import { ZCostRequest, ZProjectRequest, ZTaskRequest, ZTaskUpdate, ZWorkLogRequest } from '../../src/production/model.js';
import { t as translate, type Locale } from '../../src/kernel/i18n.js';
import { withTenant } from '../../src/db/tenant.js';
import type { Role } from '../../src/db/schema.js';
import type { App } from '../../src/server/types.js';
import { LOCALE_COOKIE } from '../../src/server/cookies.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { changedTables, fingerprint } from '../support/fingerprint.js';
import { PASSWORD, seedCoop, seedPlatformAdmin, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';

/**
 * Bad input, walked over every mutating route of the OpenAPI document (GET /api/docs/json):
 * for each body field (nested ones too), in turn a NUL character, a 1 MB string, a value of the
 * wrong type and — for a required field — the field left out. Each must be refused with a 4xx
 * whose message is in the asker's language (id or en, alternately), never a 5xx, and must
 * change no row of the database. The requests come from real signed-in people of the
 * cooperative (each role, and a platform admin), to real rows named in the URL, so they pass
 * the role checks and reach validation: for each request the first person not refused with
 * 401/403 is the one whose answer counts. Decision 0103.
 */

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type JsonSchema = Record<string, unknown>;
type Leaf = { path: (string | number)[]; schema: JsonSchema; required: boolean };

const ROLES: Role[] = ['ketua', 'bendahara', 'sekretaris', 'staf', 'pengawas', 'anggota'];
const MB = 'Lumbung '.repeat(131_072); // 1 MiB of ordinary text (not base64, not a number)
const NUL = 'Teks\u0000dengan NUL';

/** Bodies the document leaves free-form (validated by the use case): their real schemas. */
const FREE_FORM: Record<string, z.ZodType> = {
  'POST /api/v1/coops/{coopId}/production/projects': ZProjectRequest,
  'PUT /api/v1/coops/{coopId}/production/projects/{projectId}': ZProjectRequest,
  'POST /api/v1/coops/{coopId}/production/projects/{projectId}/tasks': ZTaskRequest,
  'PATCH /api/v1/coops/{coopId}/production/projects/{projectId}/tasks/{taskId}': ZTaskUpdate,
  'POST /api/v1/coops/{coopId}/production/projects/{projectId}/work-logs': ZWorkLogRequest,
  'POST /api/v1/coops/{coopId}/production/projects/{projectId}/costs': ZCostRequest
};

let t: TestDb;
let app: App;
let a: SeededCoop;
let doc: JsonSchema;
let actors: { label: string; session: Session | null }[];
const ids: Record<string, string> = {};

function resolve(schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
  if (!schema || depth > 8) return schema;
  if (typeof schema.$ref === 'string') {
    const key = schema.$ref.split('/').pop()!;
    return resolve(((doc.components as JsonSchema)?.schemas as Record<string, JsonSchema>)?.[key], depth + 1);
  }
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options) return resolve(options.find((o) => o.type !== 'null' && !('not' in o)) ?? options[0], depth + 1);
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as JsonSchema[]).map((s) => resolve(s, depth + 1)!);
    return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => (p.required as string[]) ?? []) };
  }
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? (schema.type as string[]).find((x) => x !== 'null') : (schema.type as string | undefined);
}

/** A plausible valid value for a schema; ids point at this cooperative's real rows. */
function sample(raw: JsonSchema | undefined, name: string, depth = 0): unknown {
  const schema = resolve(raw);
  if (!schema || depth > 6) return undefined;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
        const v = sample(sub, key, depth + 1);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => sample(schema.items as JsonSchema, name, depth + 1));
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1;
      return Math.max(min, Math.min(typeof schema.maximum === 'number' ? schema.maximum : 1000, 1000));
    }
    case 'boolean':
      return false;
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
    code: '5.2.30',
    account: 'CASH'
  };
  if (known[name]) return known[name]!;
  if (schema.format === 'uuid' || /id$/.test(lower)) return idFor(name);
  if (schema.format === 'email' || lower.includes('email') || lower === 'identifier') return `orang.${randomUUID().slice(0, 6)}@contoh.id`;
  if (schema.format === 'date' || /date$|^from$|^to$|on$/.test(lower)) return '2026-01-15';
  if (schema.format === 'date-time' || /At$/.test(name)) return new Date(Date.now() + 30 * 86_400_000).toISOString();
  if (lower.includes('phone')) return '081234567890';
  if (lower === 'nik') return '3471014101900001';
  if (lower.includes('password')) return PASSWORD;
  if (lower === 'slug') return `kop-${randomUUID().slice(0, 6)}`;
  const min = Number(schema.minLength ?? 0);
  const base = 'Isian contoh yang wajar';
  return base.length >= min ? base.slice(0, Math.max(min, Math.min(base.length, Number(schema.maxLength ?? base.length)))) : base.padEnd(min, 'x');
}

/** The real row a parameter or id field names: the coop, its slug, a member, a work, a meeting… */
function idFor(name: string): string {
  if (name === 'coopId') return a.id;
  if (name === 'slug' || name === 'coopSlug') return a.slug;
  if (name === 'accountId') return ids.ledgerAccountId ?? a.accounts.anggota.id;
  if (name === 'kind') return 'preview';
  if (name === 'provider') return 'midtrans';
  const key = name.endsWith('Id') ? name : `${name}Id`;
  return ids[key] ?? ids[name] ?? randomUUID();
}

function fill(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, p: string) => encodeURIComponent(idFor(p)));
}

/** Every field of a body schema, nested objects and the first item of arrays included. */
function leaves(raw: JsonSchema | undefined, path: (string | number)[] = [], depth = 0): Leaf[] {
  const schema = resolve(raw);
  if (!schema || depth > 4) return [];
  const out: Leaf[] = [];
  if (typeOf(schema) === 'object' && schema.properties) {
    const required = new Set((schema.required ?? []) as string[]);
    for (const [key, sub] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      const r = resolve(sub) ?? {};
      out.push({ path: [...path, key], schema: r, required: required.has(key) });
      out.push(...leaves(r, [...path, key], depth + 1));
    }
  } else if (typeOf(schema) === 'array' && schema.items) {
    out.push(...leaves(schema.items as JsonSchema, [...path, 0], depth + 1));
  }
  return out;
}

function setAt(body: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof path[path.indexOf(key) + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

function wrongType(schema: JsonSchema): unknown {
  switch (typeOf(schema)) {
    case 'string':
      return { no: 'teks' };
    case 'integer':
    case 'number':
      return 'dua belas';
    case 'boolean':
      return 'ya';
    case 'array':
      return 'bukan daftar';
    default:
      return 12;
  }
}

/** Run jobs with at most `n` at a time. */
async function limited<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    })
  );
  return out;
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  const ketua = a.ctx('ketua');
  await withTenant(t.db, a.id, (trx) => adoptInitialCharter(trx, ketua, 'tujuh_prinsip'));
  const m1 = await addMember(ketua, { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' });
  const m2 = await addMember(ketua, { fullName: 'Joko Susilo', gender: 'M', asStatus: 'active' });
  await t.db.updateTable('members').set({ account_id: a.accounts.anggota.id }).where('id', '=', m1.id).execute();
  const work = await createWork(ketua, { productLine: 'busana', title: 'Kaos Panen Raya', publicPrice: 150_000, attributes: { material: 'katun' }, variants: [{ size: 'M', colour: 'Hitam', sku: 'KPR-M', stock: 7 }] } as never);
  await setWorkCreators(ketua, work.id, { creators: [{ memberId: m1.id, shareBp: 10_000 }] });
  await publishWork(ketua, work.id);
  const event = await createWork(ketua, { productLine: 'agenda', title: 'Lokakarya Cukil Kayu', description: 'Belajar cukil kayu.', publicPrice: 25_000, attributes: { kind: 'workshop' }, event: { startsAt: '2027-12-20T09:00:00+07:00', venue: 'Balai RW 05', capacity: 20 }, creators: [{ memberId: m1.id, creditName: 'Sri', shareBp: 10_000 }] } as never);
  await publishWork(ketua, event.id);
  await setEventSettings(ketua, event.id, { freeRegistration: true });
  const meeting = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat bulanan', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), agenda: ['Laporan'] });
  const decision = await proposeDecision(ketua, { title: 'Ikut pameran Jogja' });
  const project = await createProject(ketua, { title: 'Produksi kaos' });
  const withTask = await addTask(ketua, project.id, { title: 'Menjahit' });
  const { entry } = await postJournalEntry(a.ctx('bendahara'), { idempotencyKey: 'seed-1', date: '2026-01-10', description: 'Beli kertas', lines: [{ account: 'GENERAL_EXPENSES', debit: 30_000 }, { account: 'CASH', credit: 30_000 }] });
  // Transfer is offered only with a bank account (decision 0155).
  await saveOrderSettings(ketua, { ...(await getOrderSettings(ketua)), transferAccount: undefined, bankAccounts: [{ bankName: 'BRI', accountNo: '0123-01-000456-30-1', accountName: 'Koperasi Uji' }] });
  const order = await app.inject({ method: 'POST', url: `/api/v1/public/coops/${a.slug}/checkout`, payload: { lines: [{ workId: work.id, variantId: (work as unknown as { variants: { id: string }[] }).variants[0]!.id, quantity: 1 }], paymentMethod: 'transfer', buyer: { name: 'Rina Pembeli', phone: '081300000001' } } });
  expect(order.statusCode, order.body).toBe(201);
  const ledgerAccount = await t.db.selectFrom('ledger_accounts').select('id').where('coop_id', '=', a.id).executeTakeFirst();
  Object.assign(ids, {
    memberId: m2.id,
    subjectMemberId: m2.id,
    paidByMemberId: m1.id,
    assigneeMemberId: m1.id,
    workId: work.id,
    workIds: work.id,
    workSlug: (event as unknown as { slug: string }).slug,
    variantId: (work as unknown as { variants: { id: string }[] }).variants[0]!.id,
    meetingId: meeting.id,
    approvedAtMeetingId: meeting.id,
    agendaItemId: meeting.agenda[0]!.id,
    decisionId: decision.id,
    projectId: project.id,
    taskId: (withTask as unknown as { tasks: { id: string }[] }).tasks[0]!.id,
    entryId: entry.id,
    orderId: order.json().orderId,
    token: order.json().token,
    ...(ledgerAccount ? { ledgerAccountId: String(ledgerAccount.id) } : {})
  });
  doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  actors = [];
  for (const role of ROLES) actors.push({ label: role, session: await signInAs(app, a.accounts[role]) });
  actors.push({ label: 'admin', session: await signInAs(app, await seedPlatformAdmin(t.db)) });
  actors.push({ label: 'anonymous', session: null });
}, 120_000);

afterAll(async () => {
  await app.close();
  await t.drop();
});

type Outcome = { status: number; body: { code?: string; message?: string; fields?: { field: string; code: string; message: string }[] }; actor: string };

/** Who got past the role checks last on each route: asked first next time. */
const admitted = new Map<string, (typeof actors)[number]>();

/** Send as each person in turn until one gets past the role checks (not 401/403). */
async function send(route: string, method: Method, url: string, body: unknown, locale: Locale): Promise<Outcome> {
  let last: Outcome | null = null;
  // Signing up and the public shop are for people not signed in first.
  const usual = /^\/api\/v1\/(auth|public)\//.test(url) ? [actors[actors.length - 1]!, ...actors.slice(0, -1)] : actors;
  const known = admitted.get(route);
  const order = known ? [known, ...usual.filter((a) => a !== known)] : usual;
  for (const actor of order) {
    // The language cookie wins over the account's saved language; Accept-Language is sent too.
    const cookie = [actor.session?.cookie, `${LOCALE_COOKIE}=${locale}`].filter(Boolean).join('; ');
    const res = await app.inject({
      method,
      url,
      payload: body as never,
      headers: { cookie, 'accept-language': locale === 'en' ? 'en-US,en;q=0.9' : 'id-ID,id;q=0.9', ...(actor.session ? { 'x-csrf-token': actor.session.csrf } : {}) }
    });
    let parsed: Outcome['body'] = {};
    try {
      parsed = res.json();
    } catch {
      parsed = { message: res.body.slice(0, 200) };
    }
    last = { status: res.statusCode, body: parsed, actor: actor.label };
    if (res.statusCode !== 401 && res.statusCode !== 403) {
      admitted.set(route, actor);
      return last;
    }
  }
  return last!;
}

describe('bad input on every mutating API route', () => {
  it('refuses NUL, 1 MB strings, wrong types and missing fields with a 4xx in the asker\'s language, changing nothing', async () => {
    const paths = doc.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
    const routes = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map(([m, op]) => ({ method: m.toUpperCase() as Method, path, op }))
    );
    const failures: string[] = [];
    const reached = new Set<string>();
    let requests = 0;
    let fields = 0;
    let localeChecks = 0;
    let pinpointed = 0;
    let leafCases = 0;
    let fpMs = 0;
    const batch: string[] = [];
    const vague: string[] = [];
    let before = await fingerprint(t.url);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const free = FREE_FORM[key];
      const bodySchema = free ? (z.toJSONSchema(free, { io: 'input' }) as JsonSchema) : route.op.requestBody?.content?.['application/json']?.schema;
      const url = fill(route.path);
      const base = bodySchema ? (sample(bodySchema, 'body') ?? {}) : {};
      const list = bodySchema ? leaves(bodySchema) : [];
      const cases: { what: string; body: unknown; url?: string; leaf?: Leaf; nul?: boolean }[] = [];
      // Every route, with a body or not: a NUL in the query string and in the last path parameter.
      cases.push({ what: 'query NUL', body: bodySchema ? base : undefined, url: `${url}?catatan=a%00b`, nul: true });
      if (/\{[^}]+\}$/.test(route.path)) cases.push({ what: 'path NUL', body: bodySchema ? base : undefined, url: url.replace(/[^/]+$/, (last) => `${last}%00`), nul: true });
      for (const leaf of list) {
        fields++;
        const name = leaf.path.join('.');
        cases.push({ what: `${name} NUL`, body: setAt(base, leaf.path, typeOf(leaf.schema) === 'array' ? [NUL] : NUL), leaf, nul: true });
        cases.push({ what: `${name} 1 MB`, body: setAt(base, leaf.path, typeOf(leaf.schema) === 'array' ? [MB] : MB), leaf });
        cases.push({ what: `${name} wrong type`, body: setAt(base, leaf.path, wrongType(leaf.schema)), leaf });
        if (leaf.required) cases.push({ what: `${name} missing`, body: setAt(base, leaf.path, undefined, true), leaf });
      }
      leafCases += cases.filter((c) => c.leaf).length;
      await limited(
        4,
        cases.map((c, i) => async () => {
          const locale: Locale = i % 2 ? 'en' : 'id';
          const out = await send(key, route.method, c.url ?? url, c.body, locale);
          requests++;
          const label = `${key} [${c.what}] as ${out.actor} → ${out.status}`;
          if (out.status !== 401 && out.status !== 403) reached.add(key);
          if (out.status < 400 || out.status >= 500) {
            failures.push(`${label} ${JSON.stringify(out.body).slice(0, 200)}`);
            return;
          }
          // The message is the asker's language's words for the code, never a bare key.
          const code = out.body.code ?? '';
          const template = translate(locale, `errors.${code}`);
          if (!out.body.message || out.body.message.startsWith('errors.') || (!template.includes('{{') && out.body.message !== template)) {
            failures.push(`${label}: message not in ${locale}: ${out.body.message}`);
          }
          for (const f of out.body.fields ?? []) if (f.message.startsWith('fields.')) failures.push(`${label}: field message is a key: ${f.message}`);
          localeChecks++;
          // How many refusals name the very field that was spoiled (the rest were refused for another field first).
          if (c.leaf && out.status === 400 && (out.body.fields ?? []).some((f) => f.field === c.leaf!.path.join('.') || f.field.startsWith(`${c.leaf!.path.join('.')}.`))) pinpointed++;
          else if (c.leaf) vague.push(`${label} ${JSON.stringify(out.body.fields ?? out.body.code).slice(0, 160)}`);
          // A NUL in a text field, the query or the path is named as such.
          if (c.nul && (!c.leaf || typeOf(c.leaf.schema) === 'string')) {
            const nulField = (out.body.fields ?? []).find((f) => f.code === 'text_nul');
            if (!nulField) failures.push(`${label}: NUL not named (${JSON.stringify(out.body.fields).slice(0, 200)})`);
            else if (nulField.message !== translate(locale, 'fields.text_nul')) failures.push(`${label}: NUL message not in ${locale}`);
          }
        })
      );
      // The database is compared after every few routes (a digest of every table costs ~0.1 s).
      batch.push(key);
      if (batch.length === 4 || route === routes[routes.length - 1]) {
        const f0 = Date.now();
        const after = await fingerprint(t.url);
        fpMs += Date.now() - f0;
        const diff = changedTables(before, after);
        if (diff.length) failures.push(`one of ${batch.join(' | ')} changed rows in: ${diff.join(', ')}`);
        before = after;
        batch.length = 0;
      }
    }
    console.info(`bad-input walk: ${routes.length} routes, ${fields} fields, ${requests} requests, ${reached.size} routes reached past the role checks, ${pinpointed} of ${leafCases} refusals of a spoiled field named it`);
    if (process.env.BAD_INPUT_DEBUG) console.info(`fingerprints: ${fpMs} ms\n${vague.join('\n')}`);
    expect(failures).toEqual([]);
    // Not vacuous: every route was reached past the role checks by someone, and nearly every refusal
    // of a spoiled field named that field (the plausible rest of the body passed validation).
    const unreached = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !reached.has(k));
    expect(unreached).toEqual([]);
    expect(routes.length).toBeGreaterThan(80);
    expect(localeChecks).toBeGreaterThan(1000);
    expect(pinpointed).toBeGreaterThan(0.9 * leafCases);
  }, 300_000);
});
