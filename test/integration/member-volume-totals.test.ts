import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import { withTenant } from '../../src/db/tenant.js';
import type { Clock } from '../../src/kernel/clock.js';
import { resignMember } from '../../src/members/resign-member.js';
import { rejoinMember } from '../../src/members/rejoin-member.js';
import { updateCoop } from '../../src/coops/update-coop.js';
import { recordBusinessVolume, VOLUME_CATEGORIES } from '../../src/surplus/business-volume.js';

/**
 * member_volume_totals (migration 0094): each member's business per fiscal year and category
 * over their days of membership, kept by triggers as business is written, as windows change
 * and as the fiscal year's start month changes. Every check compares it with the same sums
 * worked out here, in JavaScript, from the business rows, the windows and the start month.
 */

let t: TestDb;
let coop: GovCoop;
let other: GovCoop;
let ref = 0;
const W = VOLUME_CATEGORIES.WORK_SALES;
const P = VOLUME_CATEGORIES.MEMBER_PURCHASES;
const at = (day: string): Clock => ({ now: () => new Date(`${day}T05:00:00Z`) });

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 1 });
  other = await seedGovernanceCoop(t.db, { members: 1, accounts: 1 });
  await t.db.updateTable('members').set({ joined_on: '2025-01-01' }).where('coop_id', 'in', [coop.id, other.id]).execute();
});
afterAll(async () => {
  await t.drop();
});

function dayOf(offset: number): string {
  return new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

async function sale(coopId: string, memberId: string, category: string, amount: number, day: string): Promise<void> {
  await withTenant(t.db, coopId, (trx) => recordBusinessVolume(trx, coopId, 'test', `s${++ref}`, [{ memberId, category, amount, occurredOn: day }]));
}

/** What the totals must hold, worked out from the business rows (as the superuser, past row-level security). */
async function expected(coopId: string): Promise<string[]> {
  const { rows } = await sql<{ member_id: string; category: string; amount: string; day: string; joined: string | null; left: string | null; start_month: number }>`
    SELECT v.member_id, v.category, v.amount, to_char(v.occurred_on, 'YYYY-MM-DD') AS day,
           to_char(m.joined_on, 'YYYY-MM-DD') AS joined, to_char(m.left_on, 'YYYY-MM-DD') AS left, c.fiscal_year_start_month AS start_month
      FROM member_business_volume v JOIN members m ON m.id = v.member_id JOIN coops c ON c.id = v.coop_id
     WHERE v.coop_id = ${coopId}`.execute(t.db);
  // A member's ended membership periods count too (a person who left and joined again, decision 0105).
  const { rows: ended } = await sql<{ member_id: string; joined: string; left: string }>`
    SELECT member_id, to_char(joined_on, 'YYYY-MM-DD') AS joined, to_char(left_on, 'YYYY-MM-DD') AS left
      FROM membership_periods WHERE coop_id = ${coopId} AND left_on IS NOT NULL`.execute(t.db);
  const sums = new Map<string, bigint>();
  for (const r of rows) {
    const inCurrent = r.joined !== null && r.day >= r.joined && (!r.left || r.day <= r.left);
    if (!inCurrent && !ended.some((p) => p.member_id === r.member_id && r.day >= p.joined && r.day <= p.left)) continue;
    const year = Number(r.day.slice(0, 4)) - (Number(r.day.slice(5, 7)) < r.start_month ? 1 : 0);
    const key = `${year} ${r.member_id} ${r.category}`;
    sums.set(key, (sums.get(key) ?? 0n) + BigInt(r.amount));
  }
  return [...sums].map(([k, v]) => `${k} ${v}`).sort();
}

async function totals(coopId: string): Promise<string[]> {
  const { rows } = await sql<{ fiscal_year: number; member_id: string; category: string; amount: string }>`
    SELECT fiscal_year, member_id, category, amount FROM member_volume_totals WHERE coop_id = ${coopId}`.execute(t.db);
  return rows.map((r) => `${r.fiscal_year} ${r.member_id} ${r.category} ${r.amount}`).sort();
}

describe('member business volume totals', () => {
  it('count business as it is written, only on the days of membership, per fiscal year', async () => {
    const [a, b] = coop.voters.map((v) => v.memberId) as [string, string];
    await sale(coop.id, a, W, 100_000, '2025-03-01');
    await sale(coop.id, a, W, -20_000, '2025-03-09');
    await sale(coop.id, a, P, 5_000, '2026-02-01');
    await sale(coop.id, b, W, 70_000, '2024-12-31'); // before b joined: not counted
    expect(await totals(coop.id)).toEqual([`2025 ${a} ${W} 80000`, `2026 ${a} ${P} 5000`].sort());
    expect(await totals(coop.id)).toEqual(await expected(coop.id));
  });

  it('recount a member whose window changes: resigning drops later business, rejoining and approval start anew', async () => {
    const c = coop.voters[2]!.memberId;
    await sale(coop.id, c, W, 10_000, '2025-04-01');
    await sale(coop.id, c, W, 20_000, '2025-08-01');
    await resignMember(coop.ctx('ketua', at('2025-06-30')), c, { reason: 'pindah' });
    expect((await totals(coop.id)).filter((r) => r.includes(c))).toEqual([`2025 ${c} ${W} 10000`]);
    // Business written for a former member counts nothing.
    await sale(coop.id, c, W, 40_000, '2025-09-01');
    expect((await totals(coop.id)).filter((r) => r.includes(c))).toEqual([`2025 ${c} ${W} 10000`]);
    // Rejoining and being admitted on 15 August: a new membership period. The first period's
    // business still counts, and business from that day on; the gap (1 August) does not.
    await rejoinMember(coop.ctx('ketua', at('2025-08-15')), c, { activate: true });
    expect((await totals(coop.id)).filter((r) => r.includes(c))).toEqual([`2025 ${c} ${W} 50000`]);
    expect(await totals(coop.id)).toEqual(await expected(coop.id));
  });

  it('move business to other fiscal years when the coop changes its start month', async () => {
    const ketua = coop.ctx('ketua');
    await updateCoop(ketua, { fiscalYearStartMonth: 7 });
    const now = await totals(coop.id);
    expect(now).toEqual(await expected(coop.id));
    // a's March 2025 business is in the year that began in July 2024 now.
    expect(now).toContain(`2024 ${coop.voters[0]!.memberId} ${W} 80000`);
    await updateCoop(ketua, { fiscalYearStartMonth: 1 });
    expect(await totals(coop.id)).toEqual(await expected(coop.id));
  });

  it('stay equal to the business rows under any sequence of sales, refunds, window and start-month changes', async () => {
    const ids = coop.voters.map((v) => v.memberId);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('sale' as const), member: fc.nat(3), category: fc.constantFrom(W, P), amount: fc.integer({ min: -500_000, max: 5_000_000 }).filter((x) => x !== 0), day: fc.nat(729) }),
      fc.record({ kind: fc.constant('window' as const), member: fc.nat(3), joined: fc.option(fc.nat(729)), left: fc.option(fc.nat(729)) }),
      fc.record({ kind: fc.constant('start' as const), month: fc.integer({ min: 1, max: 12 }) })
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'sale') await sale(coop.id, ids[o.member]!, o.category, o.amount, dayOf(o.day));
          else if (o.kind === 'window') {
            await t.db
              .updateTable('members')
              .set({ joined_on: o.joined === null ? null : dayOf(o.joined), left_on: o.left === null ? null : dayOf(o.left) })
              .where('id', '=', ids[o.member]!)
              .execute();
          } else await t.db.updateTable('coops').set({ fiscal_year_start_month: o.month }).where('id', '=', coop.id).execute();
        }
        expect(await totals(coop.id)).toEqual(await expected(coop.id));
      }),
      { numRuns: 15 }
    );
  });

  it('lose nothing and never deadlock under parallel sales to the same members, with a resignation among them', async () => {
    await t.db.updateTable('members').set({ joined_on: '2025-01-01', left_on: null }).where('coop_id', '=', coop.id).execute();
    await t.db.updateTable('coops').set({ fiscal_year_start_month: 1 }).where('id', '=', coop.id).execute();
    const [a, b, , d] = coop.voters.map((v) => v.memberId) as [string, string, string, string];
    const before = await totals(coop.id);
    // Each sale pays two producers, listed in either order, and holds its transaction open a little.
    const sales = Array.from({ length: 16 }, (_, i) =>
      withTenant(t.db, coop.id, async (trx) => {
        const pair = i % 2 === 0 ? [a, b] : [b, a];
        await recordBusinessVolume(
          trx,
          coop.id,
          'test',
          `par${i}`,
          pair.map((m, k) => ({ memberId: m, category: W, amount: 1_000 + k, occurredOn: i < 8 ? '2025-05-01' : '2025-07-01' }))
        );
        await recordBusinessVolume(trx, coop.id, 'test', `par${i}-d`, [{ memberId: d, category: P, amount: 7, occurredOn: '2025-05-01' }]);
        await sql`SELECT pg_sleep(0.02)`.execute(trx);
      })
    );
    // b resigns on 1 June while the sales are being written: b's July business must not count.
    const resign = resignMember(coop.ctx('ketua', at('2025-06-01')), b, {});
    const results = await Promise.allSettled([...sales, resign]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const after = await totals(coop.id);
    expect(after).toEqual(await expected(coop.id));
    expect(after).not.toEqual(before);
    const dTotal = (rows: string[]) => BigInt(rows.find((r) => r.startsWith(`2025 ${d} ${P} `))?.split(' ')[3] ?? '0');
    expect(dTotal(after) - dTotal(before)).toBe(16n * 7n);
  });

  it('count a sale written while a resignation is not yet committed by the window it commits', async () => {
    const a = coop.voters[0]!.memberId;
    await t.db.updateTable('members').set({ left_on: null }).where('id', '=', a).execute();
    let sold: Promise<void> | undefined;
    await withTenant(t.db, coop.id, async (trx) => {
      await trx.updateTable('members').set({ left_on: '2025-06-01' }).where('id', '=', a).execute();
      // The sale (dated after the exit) starts while the exit is uncommitted; it must wait for it.
      sold = sale(coop.id, a, W, 333_000, '2025-10-10');
      await sql`SELECT pg_sleep(0.3)`.execute(trx);
    });
    await sold;
    expect(await totals(coop.id)).toEqual(await expected(coop.id));
  });

  it('count a sale written while a start-month change is not yet committed in the fiscal year it commits', async () => {
    let sold: Promise<void> | undefined;
    await withTenant(t.db, coop.id, async (trx) => {
      await trx.updateTable('coops').set({ fiscal_year_start_month: 4 }).where('id', '=', coop.id).execute();
      sold = sale(coop.id, coop.voters[3]!.memberId, W, 444_000, '2025-02-02');
      await sql`SELECT pg_sleep(0.3)`.execute(trx);
    });
    await sold;
    expect(await totals(coop.id)).toEqual(await expected(coop.id));
  });

  it('are each cooperative’s own: another coop sees none of them under row-level security', async () => {
    await sale(other.id, other.voters[0]!.memberId, W, 1_234, '2025-02-02');
    const seen = await withTenant(t.db, other.id, (trx) => trx.selectFrom('member_volume_totals').select(['member_id', 'amount']).execute());
    expect(seen).toEqual([{ member_id: other.voters[0]!.memberId, amount: 1234 }]);
    const leaked = await withTenant(t.db, other.id, (trx) => trx.selectFrom('member_volume_totals').select('member_id').where('coop_id', '=', coop.id).execute());
    expect(leaked).toEqual([]);
  });
});
