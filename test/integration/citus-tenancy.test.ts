import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withTenant } from '../../src/db/tenant.js';
import { createTestDb, type TestDb } from '../support/db.js';

/**
 * The tenant setting and the database's own guarantees where Citus changes the mechanism
 * (decision 0110), on whatever server the suite runs — plain PostgreSQL in the ordinary suite,
 * the Citus coordinator in `npm run test:citus`:
 * - withTenant's SET LOCAL settings reach the shards: row-level security there hides and
 *   refuses other cooperatives' rows (with set_config() the workers would not see the tenant);
 * - a tenant query on a distributed table is a single-shard (router) plan on Citus;
 * - the triggers kept on the shards still refuse an unbalanced entry, an edit of a posted
 *   entry and a changed ballot.
 */

let t: TestDb;
/** The suite runs on a Citus coordinator (test/support/global-setup.ts found its workers). */
const citus = inject('pgCitusNodes').length > 0;
const A = randomUUID();
const B = randomUUID();
const accounts: Record<string, { cash: string; income: string }> = {};

beforeAll(async () => {
  t = await createTestDb();
  await t.db
    .insertInto('coops')
    .values([
      { id: A, slug: `a-${A.slice(0, 8)}`, name: 'Koperasi A', coop_type: 'produksi' },
      { id: B, slug: `b-${B.slice(0, 8)}`, name: 'Koperasi B', coop_type: 'produksi' }
    ])
    .execute();
  for (const coop of [A, B]) {
    await withTenant(t.db, coop, async (trx) => {
      await trx.insertInto('members').values([
        { coop_id: coop, status: 'active', full_name: 'Sari Dewi', gender: 'F' },
        { coop_id: coop, status: 'active', full_name: 'Budi Santoso', gender: 'M' }
      ]).execute();
      const rows = await trx
        .insertInto('ledger_accounts')
        .values([
          { coop_id: coop, code: '1101', name: 'Kas', account_group: 'aset', subgroup: 'aset_lancar', normal_side: 'debit', cash_flow: 'kas' },
          { coop_id: coop, code: '4101', name: 'Pendapatan', account_group: 'pendapatan', subgroup: 'pendapatan_anggota', normal_side: 'credit', cash_flow: 'operasi' }
        ])
        .returning(['id', 'code'])
        .execute();
      accounts[coop] = { cash: rows.find((r) => r.code === '1101')!.id, income: rows.find((r) => r.code === '4101')!.id };
    });
  }
});
afterAll(async () => {
  await t.drop();
});

/** An entry of `coop` with a debit of 100 and a credit of `credit`, each statement a plain VALUES insert. */
async function post(coop: string, key: string, credit: number): Promise<string> {
  return withTenant(t.db, coop, async (trx) => {
    const e = await trx
      .insertInto('journal_entries')
      .values({ coop_id: coop, idempotency_key: key, entry_date: '2026-03-01', description: 'Penjualan', source: 'manual', line_count: 2, total: 100, lines_digest: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('journal_lines')
      .values([
        { coop_id: coop, entry_id: e.id, line_no: 1, entry_date: '2026-03-01', account_id: accounts[coop]!.cash, debit: 100, credit: 0 },
        { coop_id: coop, entry_id: e.id, line_no: 2, entry_date: '2026-03-01', account_id: accounts[coop]!.income, debit: 0, credit }
      ])
      .execute();
    return e.id;
  });
}

describe('the tenant setting on the shards', () => {
  it('shows a tenant transaction only its own cooperative’s rows, and refuses writing another’s', async () => {
    const seen = await withTenant(t.db, A, (trx) => trx.selectFrom('members').select(['coop_id']).execute());
    expect(seen.map((r) => r.coop_id)).toEqual([A, A]);
    const peek = await withTenant(t.db, A, (trx) => trx.selectFrom('members').select('id').where('coop_id', '=', B).execute());
    expect(peek).toEqual([]);
    await expect(withTenant(t.db, A, (trx) => trx.insertInto('members').values({ coop_id: B, status: 'active', full_name: 'Penyusup', gender: 'M' }).execute())).rejects.toThrow(
      /row-level security/
    );
    const inB = await sql<{ n: number }>`SELECT count(*)::int AS n FROM members WHERE coop_id = ${B}`.execute(t.db);
    expect(inB.rows[0]!.n).toBe(2);
  });

  it.runIf(citus)('routes a tenant query on a distributed table to one shard (a router plan)', async () => {
    const plan = await withTenant(t.db, A, async (trx) => (await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM members WHERE coop_id = ${A}`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join('\n'));
    expect(plan).toMatch(/Custom Scan \(Citus Adaptive\)/);
    expect(plan).toMatch(/Task Count: 1\b/);
    // A query without the cooperative goes to every shard: the contrast the router plan is checked against.
    const wide = (await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM members`.execute(t.db)).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(wide).not.toMatch(/Task Count: 1\b/);
  });
});

describe('the triggers kept on the shards', () => {
  it('accepts a balanced entry and refuses an unbalanced one at commit, writing nothing', async () => {
    await post(A, 'seimbang', 100);
    await expect(post(A, 'timpang', 90)).rejects.toThrow(/does not balance|could not commit/);
    const keys = await sql<{ k: string }>`SELECT idempotency_key AS k FROM journal_entries WHERE coop_id = ${A} ORDER BY 1`.execute(t.db);
    expect(keys.rows.map((r) => r.k)).toEqual(['seimbang']);
    const lines = await sql<{ n: number }>`SELECT count(*)::int AS n FROM journal_lines WHERE coop_id = ${A}`.execute(t.db);
    expect(lines.rows[0]!.n).toBe(2);
  });

  it('refuses an edit or a deletion of a posted entry and of its lines', async () => {
    const id = await post(B, 'tetap', 100);
    await expect(withTenant(t.db, B, (trx) => trx.updateTable('journal_entries').set({ description: 'Diubah' }).where('coop_id', '=', B).where('id', '=', id).execute())).rejects.toThrow(
      /posted journal entry/
    );
    await expect(withTenant(t.db, B, (trx) => trx.updateTable('journal_lines').set({ memo: 'x' }).where('coop_id', '=', B).where('entry_id', '=', id).execute())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM journal_entries WHERE coop_id = ${B} AND id = ${id}`.execute(t.db)).rejects.toThrow(/posted journal entry/);
    const row = await sql<{ description: string }>`SELECT description FROM journal_entries WHERE coop_id = ${B} AND id = ${id}`.execute(t.db);
    expect(row.rows[0]!.description).toBe('Penjualan');
  });

  it('refuses a changed ballot', async () => {
    const ballot = await withTenant(t.db, A, async (trx) => {
      const d = await trx
        .insertInto('decisions')
        .values({ coop_id: A, number: 1, kind: 'general', title: 'Iuran wajib', method: 'yes_no', quorum: JSON.stringify({ kind: 'majority' }), threshold_bp: 5001, status: 'voting' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return trx.insertInto('ballots').values({ coop_id: A, decision_id: d.id, choices: JSON.stringify(['yes']) }).returning('id').executeTakeFirstOrThrow();
    });
    await expect(withTenant(t.db, A, (trx) => trx.updateTable('ballots').set({ choices: JSON.stringify(['no']) }).where('coop_id', '=', A).where('id', '=', ballot.id).execute())).rejects.toThrow(
      /not allowed/
    );
    const row = await sql<{ choices: unknown }>`SELECT choices FROM ballots WHERE coop_id = ${A} AND id = ${ballot.id}`.execute(t.db);
    expect(row.rows[0]!.choices).toEqual(['yes']);
  });
});
