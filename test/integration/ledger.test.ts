import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/db/tenant.js';
import type { TenantCtx } from '../../src/kernel/context.js';
import { closePeriod } from '../../src/ledger/close-period.js';
import { getChart } from '../../src/ledger/get-chart.js';
import { memberBalance } from '../../src/ledger/get-member-ledger-balance.js';
import { isPeriodClosed, netShuForPeriod } from '../../src/ledger/get-period-status.js';
import { getReport } from '../../src/ledger/get-report.js';
import { postEntry, type PostEntryInput } from '../../src/ledger/post-entry.js';
import { postJournalEntry } from '../../src/ledger/post-journal-entry.js';
import { reopenPeriod } from '../../src/ledger/reopen-period.js';
import { reverseEntry } from '../../src/ledger/reverse-entry.js';
import { sealCoop } from '../../src/ledger/sealer.js';
import { updateLedgerSettings } from '../../src/ledger/update-ledger-settings.js';
import { addAccount } from '../../src/ledger/add-account.js';
import { deleteAccount, updateAccount } from '../../src/ledger/update-account.js';
import { verifyLedger } from '../../src/ledger/verify-ledger.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';

let t: TestDb;
let coop: SeededCoop;
let bendahara: TenantCtx;

const fixedClock = (iso: string) => ({ now: () => new Date(iso) });

function sale(key: string, amount: number, date = '2025-03-10', extra: Partial<PostEntryInput> = {}): PostEntryInput {
  return {
    idempotencyKey: key,
    date,
    description: `Penjualan ${key}`,
    source: 'sales',
    lines: [
      { account: 'CASH', debit: amount },
      { account: 'SALES_NON_MEMBER', credit: amount }
    ],
    ...extra
  };
}

async function post(c: SeededCoop, input: PostEntryInput) {
  return withTenant(t.db, c.id, (trx) => postEntry(trx, c.ctx('bendahara'), input));
}

async function entryCount(c: SeededCoop): Promise<number> {
  const r = await t.db.selectFrom('journal_entries').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', c.id).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function superuser<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db);
  bendahara = coop.ctx('bendahara', fixedClock('2025-06-15T03:00:00Z'));
});
afterAll(async () => {
  await t.drop();
});

describe('posting journal entries', () => {
  it('copies the chart of accounts on first use and posts a balanced entry', async () => {
    const r = await post(coop, sale('s-1', 150_000));
    expect(r.created).toBe(true);
    const chart = await getChart(bendahara);
    expect(chart.accounts.find((a) => a.systemKey === 'CASH')).toMatchObject({ name: 'Kas', group: 'aset', normalSide: 'debit' });
    expect(chart.accounts.find((a) => a.systemKey === 'SIMPANAN_POKOK')).toMatchObject({ group: 'ekuitas' });
    expect(chart.accounts.find((a) => a.systemKey === 'SIMPANAN_SUKARELA')).toMatchObject({ group: 'kewajiban' });
    const lines = await t.db.selectFrom('journal_lines').selectAll().where('entry_id', '=', r.entryId).orderBy('line_no').execute();
    expect(lines.map((l) => [l.debit, l.credit])).toEqual([
      [150_000, 0],
      [0, 150_000]
    ]);
  });

  it('posts once for the same idempotency key and returns the first entry', async () => {
    const first = await post(coop, sale('s-dup', 20_000));
    const again = await post(coop, sale('s-dup', 20_000));
    expect(again).toEqual({ entryId: first.entryId, created: false });
    await expect(post(coop, sale('s-dup', 25_000))).rejects.toMatchObject({ code: 'LEDGER_IDEMPOTENCY_CONFLICT' });
  });

  it('gives one entry when 20 postings with one key race', async () => {
    const before = await entryCount(coop);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(coop, sale('s-race', 5_000))));
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await entryCount(coop)).toBe(before + 1);
  });

  it('refuses an unbalanced entry with LEDGER_UNBALANCED and writes nothing', async () => {
    const before = await entryCount(coop);
    await expect(
      post(coop, { ...sale('s-bad', 1), lines: [{ account: 'CASH', debit: 10_000 }, { account: 'SALES_MEMBER', credit: 9_000 }] })
    ).rejects.toMatchObject({ code: 'LEDGER_UNBALANCED', fields: [{ field: 'lines', code: 'ledger_unbalanced' }] });
    expect(await entryCount(coop)).toBe(before);
  });

  it('names the wrong line: both sides, no side, fractions, unknown accounts, one line', async () => {
    const bad = (lines: PostEntryInput['lines']) => post(coop, { ...sale('s-x', 1), lines });
    await expect(bad([{ account: 'CASH', debit: 5, credit: 5 }, { account: 'BANK', credit: 0 }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(bad([{ account: 'CASH', debit: 10.5 }, { account: 'BANK', credit: 10.5 }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const unknown = await bad([{ account: 'NOPE', debit: 10 }, { account: 'BANK', credit: 10 }]).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'lines.0.account', code: 'ledger_account_unknown' }] });
    await expect(bad([{ account: 'CASH', debit: 10 }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('rolls the entry back with the caller\u2019s transaction', async () => {
    const before = await entryCount(coop);
    await expect(
      withTenant(t.db, coop.id, async (trx) => {
        await postEntry(trx, bendahara, sale('s-rollback', 7_000));
        throw new Error('business rule failed after posting');
      })
    ).rejects.toThrow('business rule failed');
    expect(await entryCount(coop)).toBe(before);
  });
});

describe('the database as the second wall', () => {
  it('rejects an unbalanced entry inserted by raw SQL at commit', async () => {
    const chart = await getChart(bendahara);
    const cash = chart.accounts.find((a) => a.systemKey === 'CASH')!.id;
    const bank = chart.accounts.find((a) => a.systemKey === 'BANK')!.id;
    const err = await superuser(async (c) => {
      await c.query('BEGIN');
      const { rows } = await c.query(
        `INSERT INTO journal_entries (coop_id, idempotency_key, entry_date, description, source, line_count, total, lines_digest)
         VALUES ($1, 'raw-1', '2025-03-01', 'raw', 'manual', 2, 100, 'x') RETURNING id`,
        [coop.id]
      );
      await c.query(`INSERT INTO journal_lines (coop_id, entry_id, line_no, entry_date, account_id, debit, credit) VALUES ($1, $2, 1, '2025-03-01', $3, 100, 0), ($1, $2, 2, '2025-03-01', $4, 0, 90)`, [
        coop.id,
        rows[0].id,
        cash,
        bank
      ]);
      // On Citus the worker's error reaches this client as a WARNING before Citus' own
      // "could not commit transaction for shard …" (decision 0110): the cause is read from there.
      const warnings: string[] = [];
      c.on('notice', (n) => warnings.push(n.message ?? ''));
      return c.query('COMMIT').then(
        () => null,
        (e: Error) => (/^could not commit transaction for shard/.test(e.message) ? new Error(warnings.join('; ')) : e)
      );
    });
    expect(err?.message).toMatch(/does not balance/);
    expect(await t.db.selectFrom('journal_entries').select('id').where('idempotency_key', '=', 'raw-1').execute()).toEqual([]);
  });

  it('rejects lines added to an entry of an earlier transaction, sealed or not', async () => {
    const chart = await getChart(bendahara);
    const cash = chart.accounts.find((a) => a.systemKey === 'CASH')!.id;
    const bank = chart.accounts.find((a) => a.systemKey === 'BANK')!.id;
    const { entryId } = await post(coop, sale('s-late-lines', 25_000));
    const addBalancedPair = (c: pg.Client) =>
      c.query(`INSERT INTO journal_lines (coop_id, entry_id, line_no, entry_date, account_id, debit, credit) VALUES ($1, $2, 8, '2025-03-10', $3, 500, 0), ($1, $2, 9, '2025-03-10', $4, 0, 500)`, [coop.id, entryId, cash, bank]);
    // Unsealed: the window between a posting's commit and its sealing.
    await superuser(async (c) => {
      await expect(addBalancedPair(c)).rejects.toThrow(/do not match its header/);
    });
    await sealCoop(t.db, coop.id);
    await superuser(async (c) => {
      await expect(addBalancedPair(c)).rejects.toThrow(/do not match its header/);
    });
    const lines = await t.db.selectFrom('journal_lines').select('line_no').where('entry_id', '=', entryId).execute();
    expect(lines.map((l) => l.line_no).sort()).toEqual([1, 2]);
  });

  it('accepts an entry and its lines written inside a savepoint, and refuses unbalanced ones there too', async () => {
    const chart = await getChart(bendahara);
    const cash = chart.accounts.find((a) => a.systemKey === 'CASH')!.id;
    const bank = chart.accounts.find((a) => a.systemKey === 'BANK')!.id;
    const write = (c: pg.Client, key: string, credit: number) =>
      c.query(
        `WITH e AS (INSERT INTO journal_entries (coop_id, idempotency_key, entry_date, description, source, line_count, total, lines_digest)
                    VALUES ($1, $2, '2025-03-01', 'raw', 'manual', 2, 100, 'x') RETURNING id)
         INSERT INTO journal_lines (coop_id, entry_id, line_no, entry_date, account_id, debit, credit)
         SELECT $1, e.id, v.n, '2025-03-01', v.a, v.d, v.c FROM e, (VALUES (1, $3::uuid, 100, 0), (2, $4::uuid, 0, $5::bigint)) v(n, a, d, c)`,
        [coop.id, key, cash, bank, credit]
      );
    await superuser(async (c) => {
      await c.query('BEGIN');
      await c.query('SAVEPOINT a');
      await write(c, 'raw-sp-ok', 100);
      await c.query('RELEASE SAVEPOINT a');
      await c.query('SAVEPOINT b');
      await expect(write(c, 'raw-sp-bad', 90)).rejects.toThrow(/does not balance/);
      await c.query('ROLLBACK TO SAVEPOINT b');
      await c.query('COMMIT');
    });
    const keys = await t.db.selectFrom('journal_entries').select('idempotency_key').where('idempotency_key', 'like', 'raw-sp-%').execute();
    expect(keys.map((k) => k.idempotency_key)).toEqual(['raw-sp-ok']);
  });

  it('rejects UPDATE and DELETE of posted lines and entries, and a second sealing', async () => {
    const { entryId } = await post(coop, sale('s-immutable', 40_000));
    await sealCoop(t.db, coop.id);
    await superuser(async (c) => {
      await expect(c.query('UPDATE journal_lines SET debit = debit + 1 WHERE entry_id = $1', [entryId])).rejects.toThrow(/not allowed/);
      await expect(c.query('DELETE FROM journal_lines WHERE entry_id = $1', [entryId])).rejects.toThrow(/not allowed/);
      await expect(c.query("UPDATE journal_entries SET description = 'diubah' WHERE id = $1", [entryId])).rejects.toThrow(/not allowed/);
      await expect(c.query("UPDATE journal_entries SET hash = repeat('a', 64) WHERE id = $1", [entryId])).rejects.toThrow(/not allowed/);
      await expect(c.query('DELETE FROM journal_entries WHERE id = $1', [entryId])).rejects.toThrow(/not allowed/);
    });
  });

  it('hides one cooperative\u2019s journal from another (row-level security)', async () => {
    const other = await seedCoop(t.db);
    await post(other, sale('o-1', 1_000));
    const seen = await withTenant(t.db, coop.id, (trx) => trx.selectFrom('journal_entries').select('coop_id').distinct().execute());
    expect(seen.map((r) => r.coop_id)).toEqual([coop.id]);
  });
});

describe('the hash chain', () => {
  it('seals concurrent postings into one gapless chain that verifies', async () => {
    const c = await seedCoop(t.db);
    await Promise.all(Array.from({ length: 30 }, (_, i) => post(c, sale(`c-${i}`, 1_000 + i))));
    await Promise.all([sealCoop(t.db, c.id), sealCoop(t.db, c.id), sealCoop(t.db, c.id)]);
    const rows = await t.db.selectFrom('journal_entries').select(['seq']).where('coop_id', '=', c.id).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await verifyLedger(t.db, { coopId: c.id })).toMatchObject({ ok: true, entries: 30 });
  });

  it('names the entry whose line was edited behind the application\u2019s back', async () => {
    const c = await seedCoop(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(c, sale(`v-${i}`, 10_000))).entryId);
    await sealCoop(t.db, c.id);
    expect((await verifyLedger(t.db, { coopId: c.id })).ok).toBe(true);
    await superuser(async (client) => {
      // Past the triggers as replication would write (also on Citus, where ALTER TABLE … DISABLE
      // TRIGGER is refused and a SET LOCAL reaches the shards with citus.propagate_set_commands).
      await client.query('BEGIN');
      await client.query("SET LOCAL citus.propagate_set_commands = 'local'");
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query('UPDATE journal_lines SET debit = 99000 WHERE entry_id = $1 AND line_no = 1', [ids[2]]);
      await client.query('UPDATE journal_lines SET credit = 99000 WHERE entry_id = $1 AND line_no = 2', [ids[2]]);
      await client.query('COMMIT');
    });
    const r = await verifyLedger(t.db, { coopId: c.id });
    expect(r).toMatchObject({ ok: false, entryId: ids[2], seq: 3 });
  });

  it('catches an entry deleted from the end of the chain', async () => {
    const c = await seedCoop(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await post(c, sale(`d-${i}`, 10_000))).entryId);
    await sealCoop(t.db, c.id);
    await superuser(async (client) => {
      await client.query('BEGIN');
      await client.query("SET LOCAL citus.propagate_set_commands = 'local'");
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query('DELETE FROM journal_lines WHERE entry_id = $1', [ids[2]]);
      await client.query('DELETE FROM journal_entries WHERE id = $1', [ids[2]]);
      await client.query('COMMIT');
    });
    expect(await verifyLedger(t.db, { coopId: c.id })).toMatchObject({ ok: false, reason: 'chain_truncated' });
  });
});

describe('periods and reversals', () => {
  it('reverses an entry once, linked to it, leaving the books as before', async () => {
    const c = await seedCoop(t.db);
    const ctx = c.ctx('bendahara', fixedClock('2025-06-15T03:00:00Z'));
    const { entry } = await postJournalEntry(ctx, {
      idempotencyKey: 'm-1',
      date: '2025-06-01',
      description: 'Beli kertas',
      lines: [
        { account: 'GENERAL_EXPENSES', debit: 300_000 },
        { account: 'CASH', credit: 300_000 }
      ]
    });
    const reversal = await reverseEntry(ctx, entry.id, { reason: 'Salah catat' });
    expect(reversal.reversesEntryId).toBe(entry.id);
    expect(reversal.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['5.2.09', 0, 300_000],
      ['1.1.01', 300_000, 0]
    ]);
    await expect(reverseEntry(ctx, entry.id, { reason: 'Lagi' })).rejects.toMatchObject({ code: 'LEDGER_ALREADY_REVERSED' });
    const tb = await getReport(ctx, 'neraca-saldo', { from: '2025-01-01', to: '2025-12-31' });
    expect(tb.rows.at(-1)!.values.slice(2, 4)).toEqual([0, 0]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['ledger.entry.post', 'ledger.entry.reverse']);
  });

  it('refuses postings in a closed period, answers replays of earlier ones, and lets the ketua reopen', async () => {
    const c = await seedCoop(t.db);
    const ctx = c.ctx('bendahara', fixedClock('2025-06-15T03:00:00Z'));
    await post(c, sale('p-1', 50_000, '2025-03-10'));
    await closePeriod(ctx, { throughDate: '2025-03-31' });
    await expect(post(c, sale('p-2', 50_000, '2025-03-31'))).rejects.toMatchObject({ code: 'LEDGER_PERIOD_CLOSED' });
    expect((await post(c, sale('p-1', 50_000, '2025-03-10'))).created).toBe(false);
    expect((await post(c, sale('p-3', 50_000, '2025-04-01'))).created).toBe(true);
    expect(await withTenant(t.db, c.id, (trx) => isPeriodClosed(trx, c.id, '2025-03-31'))).toBe(true);
    await expect(closePeriod(ctx, { throughDate: '2025-02-28' })).rejects.toMatchObject({ code: 'LEDGER_CLOSE_INVALID' });
    await expect(reopenPeriod(ctx, { reason: 'Ada faktur terlambat dari pemasok' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await reopenPeriod(c.ctx('ketua'), { reason: 'Ada faktur terlambat dari pemasok' });
    expect((await post(c, sale('p-2', 50_000, '2025-03-31'))).created).toBe(true);
    const actions = await t.db.selectFrom('audit_log').select('action').where('coop_id', '=', c.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['ledger.period.close', 'ledger.period.reopen']);
  });

  it('closes a financial year into SHU tahun berjalan while the SHU statement still shows the year', async () => {
    const c = await seedCoop(t.db);
    const ctx = c.ctx('bendahara', fixedClock('2025-02-15T03:00:00Z'));
    await post(c, sale('y-1', 1_000_000, '2024-05-10'));
    await post(c, { idempotencyKey: 'y-2', date: '2024-06-01', description: 'Gaji', source: 'manual', lines: [{ account: 'SALARIES', debit: 400_000 }, { account: 'CASH', credit: 400_000 }] });
    const { closingEntryId } = await closePeriod(ctx, { throughDate: '2024-12-31' });
    expect(closingEntryId).not.toBeNull();
    const shu = await getReport(ctx, 'hasil-usaha', { from: '2024-01-01', to: '2024-12-31' });
    expect(shu.rows.at(-1)!.values[0]).toBe(600_000);
    expect(await withTenant(t.db, c.id, (trx) => netShuForPeriod(trx, c.id, '2024-01-01', '2024-12-31'))).toBe(600_000);
    const bs = await getReport(ctx, 'posisi-keuangan', { from: '2024-01-01', to: '2024-12-31' });
    expect(bs.balanced).toBe(true);
    expect(bs.rows.find((r) => r.code === '3.06')!.values[0]).toBe(600_000);
    const equity = await getReport(ctx, 'perubahan-ekuitas', { from: '2024-01-01', to: '2024-12-31' });
    expect(equity.balanced).toBe(true);
    // Reopening reverses the closing entry.
    await reopenPeriod(c.ctx('ketua', fixedClock('2025-02-15T03:00:00Z')), { reason: 'Koreksi penyusutan tahun lalu' });
    const after = await getReport(ctx, 'posisi-keuangan', { from: '2024-01-01', to: '2024-12-31' });
    expect(after.rows.find((r) => r.code === '3.06')).toBeUndefined();
    expect(after.balanced).toBe(true);
    expect((await verifyLedger(t.db, { coopId: c.id })).ok).toBe(true);
  });
});

describe('statements, member sub-ledger and settings', () => {
  it('builds every statement with the previous period beside it', async () => {
    const c = await seedCoop(t.db);
    const ctx = c.ctx('pengawas', fixedClock('2025-06-15T03:00:00Z'));
    const m = await t.db.insertInto('members').values({ coop_id: c.id, status: 'active', full_name: 'Sri Rahayu', gender: 'F', member_no: 1 }).returning('id').executeTakeFirstOrThrow();
    await post(c, { idempotencyKey: 'w-1', date: '2024-02-01', description: 'Simpanan pokok', source: 'capital', lines: [{ account: 'CASH', debit: 100_000 }, { account: 'SIMPANAN_POKOK', credit: 100_000, memberId: m.id }] });
    await post(c, { idempotencyKey: 'w-2', date: '2025-02-01', description: 'Setor sukarela', source: 'capital', lines: [{ account: 'BANK', debit: 250_000 }, { account: 'SIMPANAN_SUKARELA', credit: 250_000, memberId: m.id }] });
    await post(c, { idempotencyKey: 'w-3', date: '2025-03-01', description: 'Tarik sukarela', source: 'capital', lines: [{ account: 'SIMPANAN_SUKARELA', debit: 50_000, memberId: m.id }, { account: 'CASH', credit: 50_000 }] });
    await post(c, { idempotencyKey: 'w-4', date: '2025-03-05', description: 'Jual karya anggota', source: 'sales', lines: [{ account: 'CASH', debit: 500_000 }, { account: 'SALES_MEMBER', credit: 500_000, memberId: m.id }] });
    await post(c, sale('w-5', 200_000, '2025-03-06'));
    await post(c, { idempotencyKey: 'w-6', date: '2025-04-01', description: 'Beli laptop', source: 'manual', lines: [{ account: 'EQUIPMENT', debit: 5_000_000 }, { account: 'BANK', credit: 5_000_000 }] });
    await post(c, { idempotencyKey: 'w-7', date: '2025-04-02', description: 'Pinjaman bank', source: 'manual', lines: [{ account: 'BANK', debit: 6_000_000 }, { account: 'BANK_LOAN', credit: 6_000_000 }] });

    const period = { from: '2025-01-01', to: '2025-12-31' };
    const bs = await getReport(ctx, 'posisi-keuangan', period);
    expect(bs.previous).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(bs.balanced).toBe(true);
    expect(bs.rows.find((r) => r.code === '1.1.01')!.values).toEqual([750_000, 100_000]);
    expect(bs.rows.find((r) => r.label === 'JUMLAH ASET')!.values).toEqual([7_000_000, 100_000]);

    const shu = await getReport(ctx, 'hasil-usaha', period);
    expect(shu.rows.find((r) => r.code === '4.1.01')!.values).toEqual([500_000, 0]);
    expect(shu.rows.find((r) => r.code === '4.2.01')!.values).toEqual([200_000, 0]);

    const cf = await getReport(ctx, 'arus-kas', period);
    expect(cf.balanced).toBe(true);
    expect(cf.rows.find((r) => r.code === '1.2.01')!.values[0]).toBe(-5_000_000);
    expect(cf.rows.find((r) => r.code === '2.2.01')!.values[0]).toBe(6_000_000);
    expect(cf.rows.at(-1)!.values).toEqual([2_000_000, 100_000]);

    for (const kind of ['perubahan-ekuitas', 'neraca-saldo', 'buku-besar', 'catatan'] as const) expect((await getReport(ctx, kind, period)).balanced, kind).toBe(true);

    const statement = await getReport(ctx, 'anggota', { ...period, memberId: m.id });
    expect(statement.subtitle).toContain('Sri Rahayu');
    const sukarela = statement.rows.filter((r) => r.kind === 'subtotal');
    expect(sukarela.map((r) => r.values[2])).toEqual(expect.arrayContaining([100_000, 200_000, 500_000]));
    expect(await withTenant(t.db, c.id, (trx) => memberBalance(trx, c.id, m.id, 'SIMPANAN_SUKARELA'))).toBe(200_000);
    expect(await withTenant(t.db, c.id, (trx) => memberBalance(trx, c.id, m.id, 'SIMPANAN_SUKARELA', '2025-02-15'))).toBe(250_000);
    expect(await withTenant(t.db, c.id, (trx) => memberBalance(trx, c.id, m.id, 'SIMPANAN_WAJIB'))).toBe(0);
    // An anggota may not read the books.
    await expect(getReport(c.ctx('anggota'), 'posisi-keuangan', period)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('moves simpanan pokok and wajib to liabilities when the AD says so', async () => {
    const c = await seedCoop(t.db);
    const ctx = c.ctx('bendahara', fixedClock('2025-06-15T03:00:00Z'));
    await post(c, { idempotencyKey: 'k-1', date: '2025-02-01', description: 'Simpanan wajib', source: 'capital', lines: [{ account: 'CASH', debit: 10_000 }, { account: 'SIMPANAN_WAJIB', credit: 10_000 }] });
    await updateLedgerSettings(ctx, { capitalClassification: 'liability' });
    const bs = await getReport(ctx, 'posisi-keuangan', { from: '2025-01-01', to: '2025-12-31' });
    const idx = bs.rows.findIndex((r) => r.code === '3.02');
    expect(idx).toBeGreaterThan(bs.rows.findIndex((r) => r.label === 'Kewajiban jangka panjang'));
    expect(idx).toBeLessThan(bs.rows.findIndex((r) => r.label === 'Jumlah kewajiban'));
    expect(bs.balanced).toBe(true);
  });

  it('lets the board add and rename accounts but never delete one with postings', async () => {
    const c = await seedCoop(t.db);
    const ctx = c.ctx('bendahara');
    const a = await addAccount(ctx, { code: '5.2.20', name: 'Beban pameran', subgroup: 'beban_usaha' });
    await expect(addAccount(ctx, { code: '5.2.20', name: 'Lagi', subgroup: 'beban_usaha' })).rejects.toMatchObject({ code: 'LEDGER_ACCOUNT_CODE_TAKEN' });
    await post(c, { idempotencyKey: 'a-1', date: '2025-02-01', description: 'Pameran', source: 'manual', lines: [{ account: '5.2.20', debit: 10_000 }, { account: 'CASH', credit: 10_000 }] });
    expect((await updateAccount(ctx, a.id, { name: 'Beban pameran karya' })).name).toBe('Beban pameran karya');
    await expect(deleteAccount(ctx, a.id)).rejects.toMatchObject({ code: 'LEDGER_ACCOUNT_IN_USE' });
    await updateAccount(ctx, a.id, { isActive: false });
    await expect(post(c, { idempotencyKey: 'a-2', date: '2025-02-01', description: 'Pameran', source: 'manual', lines: [{ account: '5.2.20', debit: 10_000 }, { account: 'CASH', credit: 10_000 }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED'
    });
    const b = await addAccount(ctx, { code: '5.2.21', name: 'Salah buat', subgroup: 'beban_usaha' });
    await deleteAccount(ctx, b.id);
    await expect(addAccount(c.ctx('sekretaris'), { code: '5.2.22', name: 'Tidak boleh', subgroup: 'beban_usaha' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
