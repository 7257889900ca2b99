/**
 * Storefront benchmark: a public cooperative with 200 producers (active members) and
 * 1,000 then 10,000 published works; prints the first page's time and its number of SQL
 * statements (counted at the driver, BEGIN/SET/COMMIT included) for a plain visit, a search
 * and a line filter, anonymous and as a signed-in member. No assertions: it prints figures.
 *
 *   npm run bench -- storefront            (embedded PostgreSQL, or DATABASE_URL's server)
 *
 * The works are bulk-inserted with SQL (a fixture, like the tests' seedCoop); the pages are
 * read through the real use case, browseStorefront.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import type { DB } from '../src/db/schema.js';
import { createDb, withDatabaseName } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { withTenant } from '../src/db/tenant.js';
import { systemClock } from '../src/kernel/clock.js';
import type { Ctx } from '../src/kernel/context.js';
import { createAccount } from '../src/accounts/create-account.js';
import { browseStorefront } from '../src/catalogue/browse-storefront.js';
import { counted } from './counted-db.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { TenantCtx } from '../src/kernel/context.js';
import { buildApp } from '../src/server/app.js';
import { uploadWorkImage } from '../src/media/work-images.js';
import { runLoad } from './ledger-load.js';

const PRODUCERS = 200;
const IMAGE_CLIENTS = 16;
const IMAGE_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/**
 * One photo uploaded through the real use case (sharp variants in media_blobs), then its full
 * JPEG variant requested over HTTP from the app (coop lookup + one bytea read, immutable cache
 * headers) and, for comparison, the same bytes from a bare node:http static responder.
 */
async function imageServing(db: Kysely<DB>, coopId: string, accountId: string, base: Pick<TenantCtx, 'clock' | 'log' | 'locale'>): Promise<{ bytes: number; app: number; static: number }> {
  const ketua: TenantCtx = { ...base, db, actor: { accountId, name: 'Ketua Bench', isPlatformAdmin: false, via: 'session' }, coopId, roles: ['ketua'] };
  const work = await withTenant(db, coopId, (trx) => trx.selectFrom('works').select('id').where('coop_id', '=', coopId).where('status', '=', 'published').limit(1).executeTakeFirstOrThrow());
  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#8a6b4f', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 85 }).toBuffer();
  const image = await uploadWorkImage(ketua, work.id, { data: photo, alt: 'Foto uji benchmark' });
  const url = image.picture!.full;
  const app = await buildApp({ db, log: base.log, rateLimitMax: 100_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appPort = (app.server.address() as AddressInfo).port;
  const first = await fetch(`http://127.0.0.1:${appPort}${url}`);
  const bytes = Buffer.from(await first.arrayBuffer());
  if (first.status !== 200) throw new Error(`variant answered ${first.status}`);
  const headers = { 'content-type': 'image/jpeg', 'content-length': String(bytes.length), 'cache-control': 'public, max-age=31536000, immutable', etag: `"${first.headers.get('etag') ?? 'x'}"` };
  const fileServer = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(bytes);
  });
  await new Promise<void>((r) => fileServer.listen(0, '127.0.0.1', r));
  const filePort = (fileServer.address() as AddressInfo).port;
  const request = () => ({ method: 'GET', path: url, headers: {} });
  try {
    await runLoad({ port: appPort, clients: IMAGE_CLIENTS, seconds: 1, request, expect: 200 });
    const viaApp = await runLoad({ port: appPort, clients: IMAGE_CLIENTS, seconds: IMAGE_SECONDS, request, expect: 200 });
    const viaFile = await runLoad({ port: filePort, clients: IMAGE_CLIENTS, seconds: IMAGE_SECONDS, request, expect: 200 });
    return { bytes: bytes.length, app: viaApp.rate, static: viaFile.rate };
  } finally {
    await app.close();
    await new Promise<void>((r) => fileServer.close(() => r()));
  }
}
const RUNS = 25;
const LINES = ['suara', 'rupa', 'aksara', 'busana', 'agenda'] as const;
const WORDS = 'lagu sawah laut kota pasar batik perak kopi hujan senja gunung sungai kampung panen angin malam pagi rumah jalan bulan'.split(' ');


async function seedWorks(db: Kysely<DB>, coopId: string, from: number, to: number): Promise<void> {
  await withTenant(db, coopId, async (trx) => {
    // Works: deterministic titles from a small vocabulary so searches hit a realistic share.
    await sql`
      INSERT INTO works (coop_id, product_line, title, slug, description, attributes, public_price, member_price, status, starts_at, venue, capacity, published_at)
      SELECT ${coopId}::uuid,
             (ARRAY['suara','rupa','aksara','busana','agenda'])[1 + i % 5],
             initcap(w[1 + i % 20]) || ' ' || initcap(w[1 + (i / 20) % 20]) || ' ' || i,
             'karya-' || i,
             'Karya nomor ' || i || ' tentang ' || w[1 + (i * 7) % 20] || ' dan ' || w[1 + (i * 13) % 20] || '.',
             CASE 1 + i % 5
               WHEN 1 THEN jsonb_build_object('format','single','tracks', jsonb_build_array(jsonb_build_object('title','Lagu ' || i,'durationSec',200)))
               WHEN 2 THEN jsonb_build_object('kind','print','medium','cat air','widthMm',300,'heightMm',400)
               WHEN 3 THEN jsonb_build_object('format','zine','pages',24,'language','id')
               WHEN 4 THEN jsonb_build_object('material','katun')
               ELSE jsonb_build_object('kind','workshop') END,
             10000 + (i % 50) * 5000, CASE WHEN i % 3 = 0 THEN 8000 + (i % 50) * 4000 END,
             'published',
             CASE WHEN i % 5 = 4 THEN now() + (i % 90) * interval '1 day' END,
             CASE WHEN i % 5 = 4 THEN 'Balai Warga ' || (i % 40) END,
             CASE WHEN i % 5 = 4 THEN 20 + i % 100 END,
             now() - i * interval '1 minute'
        FROM generate_series(${from}::int, ${to - 1}::int) AS i,
             (SELECT ${sql.val(WORDS)}::text[] AS w) AS v`.execute(trx);
    // Creators: one producer per work, or two sharing 6,000/4,000 bp.
    await sql`
      INSERT INTO work_creators (coop_id, work_id, member_id, credit_name, share_bp, position)
      SELECT w.coop_id, w.id, p.id, p.full_name, CASE WHEN n % 2 = 0 THEN 10000 ELSE 6000 END, 0
        FROM works w
        JOIN LATERAL (SELECT substring(w.slug from 7)::int AS n) s ON true
        JOIN LATERAL (SELECT id, full_name FROM members m WHERE m.coop_id = w.coop_id ORDER BY member_no OFFSET (n % ${PRODUCERS}) LIMIT 1) p ON true
       WHERE w.coop_id = ${coopId}::uuid AND n >= ${from} AND n < ${to}`.execute(trx);
    await sql`
      INSERT INTO work_creators (coop_id, work_id, member_id, credit_name, share_bp, position)
      SELECT w.coop_id, w.id, p.id, p.full_name, 4000, 1
        FROM works w
        JOIN LATERAL (SELECT substring(w.slug from 7)::int AS n) s ON true
        JOIN LATERAL (SELECT id, full_name FROM members m WHERE m.coop_id = w.coop_id ORDER BY member_no OFFSET ((n + 1) % ${PRODUCERS}) LIMIT 1) p ON true
       WHERE w.coop_id = ${coopId}::uuid AND n >= ${from} AND n < ${to} AND n % 2 = 1`.execute(trx);
    await sql`
      INSERT INTO work_variants (coop_id, work_id, size, colour, sku, stock, position)
      SELECT w.coop_id, w.id, s.size, 'Hitam', 'B' || substring(w.slug from 7) || '-' || s.size, (substring(w.slug from 7)::int % 7), s.pos
        FROM works w CROSS JOIN (VALUES ('M', 0), ('L', 1)) AS s(size, pos)
       WHERE w.coop_id = ${coopId}::uuid AND w.product_line = 'busana' AND substring(w.slug from 7)::int >= ${from} AND substring(w.slug from 7)::int < ${to}`.execute(trx);
  });
  await sql`ANALYZE works, work_creators, work_variants`.execute(db);
}

type Row = { products: number; scenario: string; statements: number; medianMs: number; p95Ms: number; items: number; total: number };

async function measure(url: string, ctx: Omit<Ctx, 'db'>, slug: string, products: number, scenario: string, input: Record<string, string>): Promise<Row> {
  const c = counted(url);
  const cx: Ctx = { ...ctx, db: c.db };
  await browseStorefront(cx, slug, input); // warm the pool and the plan cache
  const times: number[] = [];
  let statements = 0;
  let page = { items: [] as unknown[], total: 0 };
  for (let i = 0; i < RUNS; i++) {
    c.reset();
    const t0 = process.hrtime.bigint();
    page = await browseStorefront(cx, slug, input);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    statements = c.statements();
  }
  await c.db.destroy();
  times.sort((a, b) => a - b);
  return { products, scenario, statements, medianMs: times[Math.floor(RUNS / 2)]!, p95Ms: times[Math.floor(RUNS * 0.95)]!, items: page.items.length, total: page.total };
}

export async function main(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  let dir: string | undefined;
  if (!serverUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'lumbung-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
    serverUrl = server.url;
    stop = server.stop;
  }
  const name = `lumbung_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabaseName(serverUrl, name);
  try {
    await migrate(url);
    const { db } = createDb(url);
    const coop = await db.insertInto('coops').values({ slug: 'bench-toko', name: 'Koperasi Bench', coop_type: 'produksi', product_lines: [...LINES] }).returning('id').executeTakeFirstOrThrow();
    // 200 producers, active members; the first has a sign-in account (the "member" viewer).
    const account = await createAccount(db, { name: 'Produsen 1', email: 'produsen1@bench.test', password: 'rahasia-bench-123' });
    await withTenant(db, coop.id, async (trx) => {
      await sql`
        INSERT INTO members (coop_id, member_no, account_id, status, full_name, gender, joined_on)
        SELECT ${coop.id}::uuid, i, CASE WHEN i = 1 THEN ${account.id}::uuid END, 'active', 'Produsen ' || i, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, current_date
          FROM generate_series(1, ${PRODUCERS}) AS i`.execute(trx);
    });
    const base = { clock: systemClock, log: pino({ level: 'silent' }), locale: 'id' as const };
    const anonymous = { ...base, actor: null };
    const member = { ...base, actor: { accountId: account.id, name: 'Produsen 1', isPlatformAdmin: false, via: 'session' as const } };
    const rows: Row[] = [];
    let seeded = 0;
    for (const target of [1_000, 10_000]) {
      const t0 = Date.now();
      await seedWorks(db, coop.id, seeded, target);
      seeded = target;
      console.error(`seeded ${target} works in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      rows.push(await measure(url, anonymous, 'bench-toko', target, 'first page, anonymous', {}));
      rows.push(await measure(url, member, 'bench-toko', target, 'first page, signed-in member', {}));
      rows.push(await measure(url, anonymous, 'bench-toko', target, 'search "sawah"', { q: 'sawah' }));
      rows.push(await measure(url, anonymous, 'bench-toko', target, 'line filter busana', { line: 'busana' }));
    }
    const images = await imageServing(db, coop.id, account.id, base);
    await db.destroy();
    console.log(`\nStorefront first page (${RUNS} runs each, page size 24, ${PRODUCERS} producers)\n`);
    console.log(['products', 'scenario'.padEnd(30), 'SQL statements', 'median ms', 'p95 ms', 'items', 'matches'].join(' | '));
    for (const r of rows) {
      console.log([String(r.products).padStart(8), r.scenario.padEnd(30), String(r.statements).padStart(14), r.medianMs.toFixed(2).padStart(9), r.p95Ms.toFixed(2).padStart(6), String(r.items).padStart(5), String(r.total).padStart(7)].join(' | '));
    }
    const byScenario = new Map<string, number[]>();
    for (const r of rows) byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r.statements]);
    const constant = [...byScenario.values()].every((ns) => ns.every((n) => n === ns[0]));
    console.log(`\nSQL statements per page ${constant ? 'do not grow' : 'GROW'} with the number of products.`);
    console.log(
      `\nServing a work photo variant (${images.bytes} bytes JPEG, ${IMAGE_CLIENTS} clients, ${IMAGE_SECONDS} s): through the app ${images.app.toFixed(0)} req/s, the same bytes as a static file ${images.static.toFixed(0)} req/s; ratio ${(images.app / images.static).toFixed(2)} (decision 0155).`
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
