import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { withTenant } from '../../src/db/tenant.js';
import { closePeriod } from '../../src/ledger/close-period.js';
import { recordBusinessVolume, VOLUME_CATEGORIES } from '../../src/surplus/business-volume.js';
import { computeRunIn } from '../../src/surplus/compute-shu-run.js';
import { getRunIn } from '../../src/surplus/get-run.js';
import { capitalChangesForPeriod, membersForPeriod, volumeTotalsForYear } from '../../src/surplus/store.js';
import { shuYearOfBusiness, type ShuCoop } from './shu-fixture.js';

/**
 * The SHU computation's reads and writes (src/surplus/store.ts) on the hand-worked year of
 * shu-fixture: m1 and m2 members all year (m1 with a refund), m3 joined on 1 July 2025, m4 left
 * on 30 September 2025; plus a former member (left in 2024) and an applicant, whose 2025
 * business must not count.
 */

let t: TestDb;
let coop: ShuCoop;
let former: string;
let applicant: string;
const W = VOLUME_CATEGORIES.WORK_SALES;
const P = VOLUME_CATEGORIES.MEMBER_PURCHASES;

beforeAll(async () => {
  t = await createTestDb();
  coop = await shuYearOfBusiness(t.db);
  const add = async (values: { member_no: number | null; status: 'resigned' | 'applicant'; joined_on: string | null; left_on: string | null }) =>
    (
      await t.db
        .insertInto('members')
        .values({ coop_id: coop.id, full_name: `Bukan anggota ${values.status}`, gender: 'F', ...values })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  former = await add({ member_no: 90, status: 'resigned', joined_on: '2023-01-01', left_on: '2024-10-01' });
  applicant = await add({ member_no: null, status: 'applicant', joined_on: null, left_on: null });
  await withTenant(t.db, coop.id, async (trx) => {
    await recordBusinessVolume(trx, coop.id, 'test', 'x1', [{ memberId: former, category: W, amount: 700_000, occurredOn: '2025-02-01' }]);
    await recordBusinessVolume(trx, coop.id, 'test', 'x2', [{ memberId: applicant, category: P, amount: 300_000, occurredOn: '2025-03-03' }]);
    // A second category for m1, on the day m3 joined (counts for m1, who was a member all year).
    await recordBusinessVolume(trx, coop.id, 'test', 'x3', [{ memberId: coop.m[0]!, category: P, amount: 25_000, occurredOn: '2025-07-01' }]);
  });
});
afterAll(async () => {
  await t.drop();
});

const sortRows = <T extends { memberId: string; category: string }>(rows: T[]) => [...rows].sort((a, b) => (a.memberId + a.category < b.memberId + b.category ? -1 : 1));

describe('the SHU store', () => {
  it('reads each member’s volume per fiscal year and category over their days of membership only, listed by member', async () => {
    const [m1, m2, m3, m4] = coop.m as [string, string, string, string];
    const expected = sortRows([
      { memberId: m1, category: W, amount: 950_000 },
      { memberId: m1, category: P, amount: 25_000 },
      { memberId: m2, category: P, amount: 500_000 },
      { memberId: m3, category: W, amount: 200_000 },
      { memberId: m4, category: W, amount: 100_000 }
    ]);
    await withTenant(t.db, coop.id, async (trx) => {
      const totals = await volumeTotalsForYear(trx, coop.id, 2025);
      expect(sortRows(totals)).toEqual(expected);
      expect(totals.map((v) => v.memberId)).toEqual([...totals.map((v) => v.memberId)].sort());
      // 2024: only m1's 31 December (m1 was a member then); nobody's 2026.
      expect(await volumeTotalsForYear(trx, coop.id, 2024)).toEqual([{ memberId: m1, category: W, amount: 9_000_000 }]);
      expect(await volumeTotalsForYear(trx, coop.id, 2026)).toEqual([]);
    });
  });

  it('lists members by number and each one’s capital balance: the last before the year, then each day’s last', async () => {
    const [m1, m2, m3, m4] = coop.m as [string, string, string, string];
    await withTenant(t.db, coop.id, async (trx) => {
      const members = await membersForPeriod(trx, coop.id, '2025-01-01', '2025-12-31');
      expect(members.map((m) => m.id)).toEqual([m1, m2, m3, m4]);
      expect(members.map((m) => [m.joinDate, m.exitDate])).toEqual([
        ['2024-06-01', null],
        ['2024-06-01', null],
        ['2025-07-01', null],
        ['2024-06-01', '2025-09-30']
      ]);
      const changes = await capitalChangesForPeriod(trx, coop.id, '2025-01-01', '2025-12-31', ['pokok', 'wajib']);
      const by = (id: string) => changes.filter((c) => c.memberId === id).map((c) => [c.date, c.balance]);
      expect(by(m1)).toEqual([
        ['2024-06-01', 100_000],
        ['2025-03-01', 160_000]
      ]);
      expect(by(m2)).toEqual([['2025-01-01', 100_000]]);
      expect(by(m3)).toEqual([['2025-07-01', 100_000]]);
      expect(by(m4)).toEqual([['2024-06-01', 100_000]]);
      expect(changes).toHaveLength(5);
      // Listed member by member.
      const order = changes.map((c) => c.memberId).filter((id, i, all) => i === 0 || all[i - 1] !== id);
      expect(new Set(order).size).toBe(order.length);
    });
  });

  it('computes the run from the kept totals: weights, leaver flag and the volume inputs', async () => {
    await closePeriod(coop.ctx('bendahara'), { throughDate: '2025-12-31' });
    const ctx = coop.ctx('bendahara');
    const stored = await withTenant(t.db, coop.id, async (trx) => {
      const id = await computeRunIn(trx, ctx, 2025);
      const run = await sql<Record<string, unknown>>`SELECT outcome, pool, inputs FROM shu_runs WHERE id = ${id}`.execute(trx);
      const members = await sql<Record<string, unknown>>`SELECT member_id, capital_weight, volume_weight, flags FROM shu_run_members WHERE run_id = ${id} ORDER BY member_no`.execute(trx);
      return { run: run.rows[0]!, members: members.rows, view: (await getRunIn(trx, coop.id, id))!, stored: (await sql<{ result: { journal: { memberId?: string }[] } }>`SELECT result FROM shu_runs WHERE id = ${id}`.execute(trx)).rows[0]!.result };
    });
    const [m1, m2, m3, m4] = coop.m as [string, string, string, string];
    expect(stored.members.map((m) => m.member_id)).toEqual([m1, m2, m3, m4]);
    expect(stored.members.map((m) => m.volume_weight)).toEqual(['9750000000', '5000000000', '2000000000', '1000000000']);
    expect(stored.members.map((m) => m.capital_weight)).toEqual(['54860000', '36500000', '18400000', '27300000']);
    expect(stored.members.map((m) => m.flags)).toEqual([[], [], [], ['LEAVER']]);
    expect((stored.run.inputs as { counts: unknown }).counts).toEqual({ members: 4, capitalChanges: 5, volumeRows: 5 });
    expect((stored.run.inputs as { volumeByCategory: unknown }).volumeByCategory).toEqual({ [W]: 1_250_000, [P]: 525_000 });
    // The journal as the model made it: Dr SHU, Cr cadangan, each member's payable in member order, then the funds; balanced.
    const journal = stored.view.journal;
    expect(stored.stored.journal.some((l) => l.memberId)).toBe(false);
    expect(journal[0]).toEqual({ account: 'SHU_TAHUN_BERJALAN', debit: 10_000_001 });
    expect(journal[1]!.account).toBe('CADANGAN');
    expect(journal.slice(2, 6)).toEqual(stored.view.members.map((m) => ({ account: 'UTANG_SHU_ANGGOTA', credit: m.payable, memberId: m.memberId })));
    expect(journal.slice(6).every((l) => !l.memberId && l.credit! > 0)).toBe(true);
    expect(journal.reduce((s, l) => s + (l.debit ?? 0), 0)).toBe(journal.reduce((s, l) => s + (l.credit ?? 0), 0));
  });
});
