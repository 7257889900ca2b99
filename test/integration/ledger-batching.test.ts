import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePeriod } from '../../src/ledger/close-period.js';
import { sealCoop } from '../../src/ledger/sealer.js';
import { verifyLedger } from '../../src/ledger/verify-ledger.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';

/**
 * Group commit of manual postings (src/ledger/posting-batch.ts, decision 0042): requests
 * that arrive together share a transaction, yet each is validated, answered and
 * idempotent on its own, and a bad one never takes the others down with it.
 */

let t: TestDb;
let app: App;
let a: SeededCoop;
let bendahara: Session;
let memberId: string;

const entry = (key: string, amount = 50_000, date = '2025-06-02') => ({
  idempotencyKey: key,
  date,
  description: 'Penjualan karya',
  lines: [
    { account: 'CASH', debit: amount },
    { account: 'SALES_NON_MEMBER', credit: amount }
  ]
});
const post = (body: unknown) => call(app, bendahara, 'POST', `/api/v1/coops/${a.id}/ledger/entries`, body);

/** Transactions that wrote the lines of these entries (lines are never updated, so their xmin stays). */
async function transactionsOf(keys: string[]): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(DISTINCT l.xmin::text) AS n FROM journal_lines l JOIN journal_entries e ON e.coop_id = l.coop_id AND e.id = l.entry_id
    WHERE e.coop_id = ${a.id} AND e.idempotency_key = ANY (${keys}::text[])`.execute(t.db);
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  bendahara = await signInAs(app, a.accounts.bendahara);
  const m = await t.db
    .insertInto('members')
    .values({ coop_id: a.id, member_no: 1, status: 'active', full_name: 'Sri Wahyuni', gender: 'F', joined_on: '2024-01-02' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  memberId = m.id;
  // The first posting creates the cooperative's ledger (posted alone).
  expect((await post(entry('first'))).statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('postings that arrive together', () => {
  it('share transactions, and each is written once with its own audit line and answered with its own entry', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `together-${i}`);
    const results = await Promise.all(keys.map((k, i) => post(entry(k, 1_000 + i))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    results.forEach((r, i) => {
      const body = r.json();
      expect(body.idempotencyKey).toBe(keys[i]);
      expect(body.total).toBe(1_000 + i);
      expect(body.lines.map((l: { accountCode: string; debit: number; credit: number }) => [l.debit, l.credit])).toEqual([
        [1_000 + i, 0],
        [0, 1_000 + i]
      ]);
    });
    expect(new Set(results.map((r) => r.json().id)).size).toBe(30);
    // Fewer transactions than postings: they were written together.
    expect(await transactionsOf(keys)).toBeLessThan(30);
    const audit = await t.db.selectFrom('audit_log').select(['entity_id', 'actor_account_id']).where('coop_id', '=', a.id).where('action', '=', 'ledger.entry.post').where('entity_id', 'in', results.map((r) => r.json().id)).execute();
    expect(audit).toHaveLength(30);
    expect(audit.every((x) => x.actor_account_id === a.accounts.bendahara.id)).toBe(true);
    await sealCoop(t.db, a.id);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('answers the same key sent eight times at once with one entry: one 201, the rest replays', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => post(entry('same-key', 12_345))));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    const rows = await t.db.selectFrom('journal_entries').select('id').where('coop_id', '=', a.id).where('idempotency_key', '=', 'same-key').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a key reused with other lines, even when both arrive together', async () => {
    const results = await Promise.all([post(entry('reused', 1_000)), post(entry('reused', 2_000)), post(entry('reused', 1_000))]);
    const codes = results.map((r) => r.statusCode);
    const created = results.find((r) => r.statusCode === 201)!;
    const winner = created.json().total as number;
    // Whichever came first wins; the other amount is a conflict, the same amount a replay.
    results.forEach((r, i) => {
      const amount = [1_000, 2_000, 1_000][i];
      if (r.statusCode === 201) return;
      if (amount === winner) expect(r.statusCode).toBe(200);
      else expect(r.json().code).toBe('LEDGER_IDEMPOTENCY_CONFLICT');
    });
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(await t.db.selectFrom('journal_entries').select('id').where('coop_id', '=', a.id).where('idempotency_key', '=', 'reused').execute()).toHaveLength(1);
  });

  it('fails only the bad ones: unbalanced, unknown account, unknown member, closed period', async () => {
    const other = await seedCoop(t.db);
    const strangerMember = await t.db
      .insertInto('members')
      .values({ coop_id: other.id, member_no: 1, status: 'active', full_name: 'Orang Lain', gender: 'M', joined_on: '2024-01-02' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await closePeriod(a.ctx('bendahara'), { throughDate: '2024-12-31' });
    const bodies = [
      entry('mix-ok-1', 1_000),
      { ...entry('mix-unbalanced'), lines: [{ account: 'CASH', debit: 5 }, { account: 'SALES_NON_MEMBER', credit: 4 }] },
      entry('mix-ok-2', 2_000),
      { ...entry('mix-account'), lines: [{ account: 'TIDAK_ADA', debit: 5 }, { account: 'CASH', credit: 5 }] },
      { ...entry('mix-member'), lines: [{ account: 'MEMBER_RECEIVABLE', debit: 5, memberId: strangerMember.id }, { account: 'CASH', credit: 5 }] },
      { ...entry('mix-own-member'), lines: [{ account: 'MEMBER_RECEIVABLE', debit: 7, memberId }, { account: 'CASH', credit: 7 }] },
      entry('mix-closed', 3_000, '2024-06-01'),
      entry('mix-ok-3', 4_000)
    ];
    const results = await Promise.all(bodies.map(post));
    expect(results.map((r) => r.statusCode)).toEqual([201, 422, 201, 400, 400, 201, 409, 201]);
    expect(results[1]!.json().code).toBe('LEDGER_UNBALANCED');
    expect(results[3]!.json().fields[0]).toMatchObject({ field: 'lines.0.account', code: 'ledger_account_unknown' });
    expect(results[4]!.json().fields[0]).toMatchObject({ field: 'lines.0.memberId', code: 'ledger_member_unknown' });
    expect(results[5]!.json().lines[0]).toMatchObject({ memberId, memberName: 'Sri Wahyuni' });
    expect(results[6]!.json().code).toBe('LEDGER_PERIOD_CLOSED');
    const written = await t.db.selectFrom('journal_entries').select('idempotency_key').where('coop_id', '=', a.id).where('idempotency_key', 'like', 'mix-%').orderBy('idempotency_key').execute();
    expect(written.map((w) => w.idempotency_key)).toEqual(['mix-ok-1', 'mix-ok-2', 'mix-ok-3', 'mix-own-member']);
  });

  it('refuses a NUL character in text with a 400 before anything is written', async () => {
    const r = await post({ ...entry('nul-bad'), description: 'Penjualan\u0000karya' });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({ field: 'description', code: 'text_nul' });
    expect(await t.db.selectFrom('journal_entries').select('id').where('coop_id', '=', a.id).where('idempotency_key', '=', 'nul-bad').execute()).toEqual([]);
  });

  it('posts the others when the database refuses the batch as a whole, and writes nothing of the refused one', async () => {
    // Fault injection: the database refuses one entry that passed validation, which fails its whole batch.
    await sql`CREATE FUNCTION uji_tolak() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.description = 'ditolak basis data' THEN RAISE EXCEPTION 'uji: ditolak'; END IF; RETURN NEW; END $$`.execute(t.db);
    // On Citus a trigger on a distributed table needs citus.enable_unsafe_triggers (decision 0110);
    // on plain PostgreSQL the setting is an unknown placeholder, accepted and ignored.
    await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(trx);
      await sql`CREATE TRIGGER uji_tolak BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION uji_tolak()`.execute(trx);
    });
    try {
      const bodies = [entry('db-ok-1', 1_000), { ...entry('db-bad'), description: 'ditolak basis data' }, entry('db-ok-2', 2_000)];
      const results = await Promise.all(bodies.map(post));
      expect(results.map((r) => r.statusCode)).toEqual([201, 500, 201]);
      expect(await transactionsOf(['db-ok-1', 'db-ok-2'])).toBe(2);
    } finally {
      await t.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(trx);
        await sql`DROP TRIGGER uji_tolak ON journal_entries`.execute(trx);
      });
      await sql`DROP FUNCTION uji_tolak()`.execute(t.db);
    }
    const written = await t.db.selectFrom('journal_entries').select('idempotency_key').where('coop_id', '=', a.id).where('idempotency_key', 'like', 'db-%').orderBy('idempotency_key').execute();
    expect(written.map((w) => w.idempotency_key)).toEqual(['db-ok-1', 'db-ok-2']);
    await sealCoop(t.db, a.id);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });
});
