/**
 * Care benchmark: the public transparency page of a cooperative with 1,000 then 100,000 fund
 * movements — first page and last page — with its number of SQL statements (counted at the
 * driver, BEGIN/SET/COMMIT included) and its time beside a plain `SUM … GROUP BY` over the same
 * movements (the ratio). No assertions: it prints figures.
 *
 *   npm run bench -- care            (embedded PostgreSQL, or DATABASE_URL's server)
 *
 * One real posting (through postEntry) funds the social fund; the movements are bulk-inserted
 * with SQL (a fixture) pointing at it; the page is read through the real use case.
 * The seven-principles scorecard (this year beside the last; every principle's statements,
 * education's included) is measured the same way at both sizes.
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
import type { Ctx, TenantCtx } from '../src/kernel/context.js';
import { getTransparency, TRANSPARENCY_PAGE_SIZE } from '../src/care/get-transparency.js';
import { recordInflow, listFunds } from '../src/care/funds.js';
import { counted, medianMs } from './counted-db.js';
import { getScorecard } from '../src/care/scorecard.js';
import { jakartaDate } from '../src/kernel/clock.js';

const RUNS = 15;


const timed = (fn: () => Promise<unknown>) => medianMs(fn, RUNS);

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
    const coop = await db.insertInto('coops').values({ slug: 'bench-peduli', name: 'Koperasi Bench', coop_type: 'produksi', product_lines: ['suara'] }).returning('id').executeTakeFirstOrThrow();
    const base = { clock: systemClock, log: pino({ level: 'silent' }), locale: 'id' as const };
    const board: TenantCtx = { ...base, db, coopId: coop.id, roles: ['bendahara'], actor: { accountId: '00000000-0000-0000-0000-000000000000', name: 'bench', isPlatformAdmin: false, via: 'system' } };
    const social = (await listFunds(board)).find((f) => f.kind === 'sosial')!;
    const first = await recordInflow(board, { fundId: social.id, kind: 'grant', amount: 1_000_000_000, method: 'transfer', counterparty: 'Bench' });
    const rows: string[] = [];
    let seeded = 1;
    for (const target of [1_000, 100_000]) {
      await withTenant(db, coop.id, async (trx) => {
        await sql`INSERT INTO care_movements (coop_id, fund_id, kind, amount, method, occurred_on, purpose, category, village_code, receipt_year, receipt_seq, receipt_no, entry_id, idempotency_key)
          SELECT ${coop.id}::uuid, ${social.id}::uuid, CASE WHEN i % 4 = 0 THEN 'donation' ELSE 'disbursement' END,
                 CASE WHEN i % 4 = 0 THEN 50000 ELSE -(10000 + i % 90 * 1000) END, 'cash', date '2020-01-01' + (i % 2500),
                 'Bench ' || i, CASE WHEN i % 4 = 0 THEN NULL ELSE (ARRAY['kesehatan','sekolah_anak','bencana','duka','usaha'])[1 + i % 5] END,
                 '34.71.14.1002', 2000, i, 'B-' || i, ${first.entryId}::uuid, 'bench-' || i
            FROM generate_series(${seeded}::int, ${target - 1}::int) AS i`.execute(trx);
      });
      seeded = target;
      await sql`ANALYZE care_movements`.execute(db);
      const c = counted(url);
      const ctx: Ctx = { ...base, db: c.db, actor: null };
      const lastPage = Math.ceil(target / TRANSPARENCY_PAGE_SIZE);
      const year = Number(jakartaDate(new Date()).slice(0, 4));
      const views: [string, () => Promise<unknown>][] = [
        ['first page', () => getTransparency(ctx, 'bench-peduli', 1)],
        ['last page', () => getTransparency(ctx, 'bench-peduli', lastPage)],
        ['scorecard', () => getScorecard(ctx, 'bench-peduli', year)]
      ];
      for (const [label, view] of views) {
        c.reset();
        await view();
        const statements = c.statements();
        const ms = await timed(view);
        const plain = await timed(() => withTenant(c.db, coop.id, (trx) => sql`SELECT extract(year FROM occurred_on) AS y, sum(amount) FROM care_movements WHERE coop_id = ${coop.id} GROUP BY 1`.execute(trx)));
        rows.push([String(target).padStart(10), label.padEnd(10), String(statements).padStart(14), ms.toFixed(2).padStart(9), plain.toFixed(2).padStart(14), (ms / plain).toFixed(2).padStart(6)].join(' | '));
      }
      await c.db.destroy();
    }
    await db.destroy();
    console.log(`\nPublic transparency page and seven-principles scorecard (${RUNS} runs each, median; page size ${TRANSPARENCY_PAGE_SIZE})\n`);
    console.log(['movements', 'view'.padEnd(10), 'SQL statements', 'page ms', 'SUM GROUP BY ms', 'ratio'].join(' | '));
    for (const r of rows) console.log(r);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
