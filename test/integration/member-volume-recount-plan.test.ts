import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDb, type TestDb } from '../support/db.js';
import { isCitus } from '../support/citus.js';

/**
 * The whole-cooperative recount of member volume totals on tables bulk-loaded and never analysed
 * (issue #13, migration 0140): its plan is read from PostgreSQL's own auto_explain, not timed.
 * Before 0140 the planner, guessing a few rows, ran a nested loop with a range scan of the
 * cooperative's whole volume per member (minutes at 20,000 members and 1,000,000 rows); the
 * recount now aggregates the rows first and joins by hash, and its totals equal the rows' sum.
 * (Plain PostgreSQL: on Citus src/db/citus-functions.sql's variant runs instead.)
 */
let t: TestDb;
let c: pg.Client;
let citus = false;

beforeAll(async () => {
  t = await createTestDb();
  c = new pg.Client({ connectionString: t.url });
  await c.connect();
  citus = await isCitus(t.url);
});
afterAll(async () => {
  await c?.end();
  await t?.drop();
});

describe('recount_member_volume(coop, NULL) without statistics', () => {
  it('aggregates and hash-joins instead of scanning the volume once per member, and counts every row in a window', async () => {
    if (citus) return;
    for (const table of ['members', 'member_business_volume', 'member_volume_totals', 'membership_periods']) await c.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    const { rows } = await c.query<{ id: string }>(`INSERT INTO coops (slug, name, coop_type) VALUES ('hitung-ulang', 'Koperasi Hitung Ulang', 'produksi') RETURNING id`);
    const coopId = rows[0]!.id;
    // Bulk rows as a restore or the SHU bench writes them: triggers off, valid by construction; 1 % resigned mid-2025.
    await c.query('SET session_replication_role = replica');
    await c.query(
      `INSERT INTO members (coop_id, member_no, status, full_name, gender, joined_on, left_on)
       SELECT $1, g, CASE WHEN g % 100 = 0 THEN 'resigned' ELSE 'active' END, 'Anggota ' || g, 'F', DATE '2024-01-01' + (g % 600),
              CASE WHEN g % 100 = 0 THEN DATE '2025-06-01' + (g % 180) ELSE NULL END
         FROM generate_series(1, 2000) g`,
      [coopId]
    );
    await c.query(
      `WITH ids AS (SELECT array_agg(id ORDER BY member_no) AS a FROM members WHERE coop_id = $1)
       INSERT INTO member_business_volume (coop_id, member_id, category, amount, occurred_on, source, source_ref)
       SELECT $1, ids.a[1 + (g * 7919) % 2000], CASE WHEN g % 3 = 0 THEN 'MEMBER_PURCHASES' ELSE 'WORK_SALES' END,
              CASE WHEN g % 20 = 0 THEN -(1000 + g % 5000) ELSE 1000 + (g * 31) % 50000 END, DATE '2025-01-01' + (g % 365), 'uji', g::text
         FROM ids, generate_series(1, 60000) g`,
      [coopId]
    );
    await c.query('SET session_replication_role = origin');
    const { rows: stats } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stats WHERE tablename IN ('members', 'member_business_volume')`);
    expect(Number(stats[0]!.n)).toBe(0);

    // Every plan the recount runs, nested statements included, as notices on this connection.
    const plans: string[] = [];
    c.on('notice', (n) => plans.push(n.message ?? ''));
    await c.query(`LOAD 'auto_explain'`);
    await c.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice`);
    await c.query('SELECT recount_member_volume($1, NULL)', [coopId]);
    await c.query('SET auto_explain.log_min_duration = -1');
    const insert = plans.find((p) => /Query Text:[\s\S]*INSERT INTO member_volume_totals/.test(p));
    expect(insert, plans.join('\n---\n')).toBeDefined();
    expect(insert).not.toMatch(/Nested Loop/);
    expect(insert).toMatch(/Hash Join/);

    const { rows: totals } = await c.query<{ s: string }>(`SELECT sum(amount) AS s FROM member_volume_totals WHERE coop_id = $1`, [coopId]);
    // The check's own join, on the same unanalysed tables, would meet the old slow plan: hash joins here too.
    await c.query('SET enable_nestloop = off');
    const { rows: direct } = await c.query<{ s: string }>(
      `SELECT sum(v.amount) AS s FROM member_business_volume v JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
        WHERE v.coop_id = $1 AND v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on)`,
      [coopId]
    );
    expect(totals[0]!.s).toBe(direct[0]!.s);
    // The one-member recount still finds the member's rows by their index.
    await c.query(`SELECT recount_member_volume($1, (SELECT id FROM members WHERE coop_id = $1 AND member_no = 7))`, [coopId]);
    const { rows: again } = await c.query<{ s: string }>(`SELECT sum(amount) AS s FROM member_volume_totals WHERE coop_id = $1`, [coopId]);
    expect(again[0]!.s).toBe(direct[0]!.s);
  });
});
