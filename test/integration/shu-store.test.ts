import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { createDb } from '../../src/db/connection.js';
import { withTenant } from '../../src/db/tenant.js';
import { closePeriod } from '../../src/ledger/close-period.js';
import { recordBusinessVolume, VOLUME_CATEGORIES } from '../../src/surplus/business-volume.js';
import { computeRunIn } from '../../src/surplus/compute-shu-run.js';
import {
  capitalChangesForPeriod,
  inExportedSnapshot,
  membersForPeriod,
  mergeVolumeParts,
  spareConnections,
  volumePart,
  volumeTotalsForPeriod,
  type VolumePartRow
} from '../../src/surplus/store.js';
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
  it('sums each member’s volume per category over their days of membership only, dated at the first of them', async () => {
    const [m1, m2, m3, m4] = coop.m as [string, string, string, string];
    const expected = sortRows([
      { memberId: m1, category: W, amount: 950_000, date: '2025-01-01' },
      { memberId: m1, category: P, amount: 25_000, date: '2025-01-01' },
      { memberId: m2, category: P, amount: 500_000, date: '2025-01-01' },
      { memberId: m3, category: W, amount: 200_000, date: '2025-07-01' },
      { memberId: m4, category: W, amount: 100_000, date: '2025-01-01' }
    ]);
    await withTenant(t.db, coop.id, async (trx) => {
      expect(sortRows(await volumeTotalsForPeriod(trx, coop.id, '2025-01-01', '2025-12-31'))).toEqual(expected);
      // Any split of the table's pages adds up to the same sums.
      const parts = [await volumePart(trx, coop.id, '2025-01-01', '2025-12-31', { from: 0, to: 1 }), await volumePart(trx, coop.id, '2025-01-01', '2025-12-31', { from: 1, to: null })];
      expect(parts[1]).toEqual([]);
      expect(sortRows(mergeVolumeParts(parts))).toEqual(expected);
      expect(sortRows(mergeVolumeParts([parts[1]!, parts[0]!]))).toEqual(expected);
    });
  });

  it('merges parts exactly, listed by member or not, beyond 2^53 too', () => {
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    const row = (member_id: string, category: string, amount: string): VolumePartRow => ({ member_id, category, amount, day: '2025-01-01' });
    const sorted = [
      [row(a, W, '5'), row(a, P, '-7'), row(b, W, '9007199254740991')],
      [row(a, W, '10'), row(b, W, '2'), row(b, P, '3')]
    ];
    const expected = sortRows([
      { memberId: a, category: W, amount: 15, date: '2025-01-01' },
      { memberId: a, category: P, amount: -7, date: '2025-01-01' },
      { memberId: b, category: W, amount: Number(9007199254740993n), date: '2025-01-01' },
      { memberId: b, category: P, amount: 3, date: '2025-01-01' }
    ]);
    expect(sortRows(mergeVolumeParts(sorted))).toEqual(expected);
    expect(sortRows(mergeVolumeParts([[...sorted[0]!].reverse(), sorted[1]!]))).toEqual(expected);
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

  it('computes the same run reading the volume in parallel (exported snapshot) as in its own transaction', async () => {
    await closePeriod(coop.ctx('bendahara'), { throughDate: '2025-12-31' });
    const ctx = coop.ctx('bendahara');
    const read = async (withDb: boolean) =>
      withTenant(t.db, coop.id, async (trx) => {
        const id = await computeRunIn(trx, withDb ? ctx : { coopId: ctx.coopId, actor: ctx.actor }, 2025);
        const run = await sql<Record<string, unknown>>`SELECT outcome, pool, total_capital_weight, total_volume_weight, inputs, result FROM shu_runs WHERE id = ${id}`.execute(trx);
        const members = await sql<Record<string, unknown>>`SELECT member_id, member_no, full_name, join_date, exit_date, capital_weight, volume_weight, jasa_modal, jasa_usaha, total, payable, withholding, net_payout, flags
                                                             FROM shu_run_members WHERE run_id = ${id} ORDER BY member_no`.execute(trx);
        return { run: run.rows[0], members: members.rows };
      });
    const sequential = await read(false);
    const parallel = await read(true);
    expect(parallel).toEqual(sequential);
    const [m1, m2, m3, m4] = coop.m as [string, string, string, string];
    expect(sequential.members.map((m) => m.member_id)).toEqual([m1, m2, m3, m4]);
    expect(sequential.members.map((m) => m.volume_weight)).toEqual(['9750000000', '5000000000', '2000000000', '1000000000']);
    expect(sequential.members.map((m) => m.capital_weight)).toEqual(['54860000', '36500000', '18400000', '27300000']);
    expect(sequential.members.map((m) => m.flags)).toEqual([[], [], [], ['LEAVER']]);
    expect((sequential.run!.inputs as { counts: unknown }).counts).toEqual({ members: 4, capitalChanges: 5, volumeRows: 5 });
    expect((sequential.run!.inputs as { volumeByCategory: unknown }).volumeByCategory).toEqual({ [W]: 1_250_000, [P]: 525_000 });
  });

  it('reads in its own transaction when the pool cannot spare connections, and a snapshot import sees the exporter’s rows', async () => {
    const small = createDb(t.url, { max: 2 });
    try {
      await small.db.connection().execute(async () => {
        // One connection held here: the pool cannot spare two more.
        expect(await spareConnections(small.db, 2, 50)).toBeNull();
      });
      const spare = await spareConnections(small.db, 2, 1000);
      expect(spare?.conns).toHaveLength(2);
      spare!.release();
    } finally {
      await small.db.destroy();
    }
    await withTenant(t.db, coop.id, async (trx) => {
      await recordBusinessVolume(trx, coop.id, 'test', 'uncommitted', [{ memberId: coop.m[1]!, category: W, amount: 1, occurredOn: '2025-04-04' }]);
      const { rows } = await sql<{ snapshot: string }>`SELECT pg_export_snapshot() AS snapshot`.execute(trx);
      const spare = (await spareConnections(t.db, 1, 1000))!;
      try {
        const n = await inExportedSnapshot(spare.conns[0]!, coop.id, rows[0]!.snapshot, async (helper) =>
          (await sql<{ n: string }>`SELECT count(*) AS n FROM member_business_volume`.execute(helper)).rows[0]!.n
        );
        // The exporter's own uncommitted row is not in its snapshot; every committed one is (11 of this coop).
        expect(Number(n)).toBe(11);
      } finally {
        spare.release();
      }
      throw new Error('roll back');
    }).catch((e: Error) => expect(e.message).toBe('roll back'));
  });
});
