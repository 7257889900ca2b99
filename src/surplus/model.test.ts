import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeShuDistribution, type ShuInput } from './model.js';

const TEXTBOOK = [
  { key: 'CADANGAN', bp: 4000, order: 1 },
  { key: 'JASA_MODAL', bp: 2000, order: 2 },
  { key: 'JASA_USAHA', bp: 2500, order: 3 },
  { key: 'DANA_PENGURUS', bp: 500, order: 4 },
  { key: 'DANA_KARYAWAN', bp: 500, order: 5 },
  { key: 'DANA_PENDIDIKAN', bp: 250, order: 6 },
  { key: 'DANA_SOSIAL', bp: 250, order: 7 }
];

function input(over: Partial<ShuInput> = {}): ShuInput {
  const pool = over.pool ?? 10_000_000;
  return {
    period: { start: '2025-01-01', end: '2025-12-31' },
    pool,
    ledger: { periodClosed: true, netShu: pool, cadanganBalance: 0 },
    components: TEXTBOOK,
    capitalMethod: 'AVG_DAILY',
    members: [],
    capitalChanges: [],
    volumes: [],
    usahaCategories: [{ code: 'PENJUALAN_KARYA', weightBp: 10_000 }],
    ...over
  };
}

const member = (memberNo: string, joinDate = '2020-01-01', exitDate: string | null = null) => ({ id: `m${memberNo}`, memberNo, joinDate, exitDate, eligible: true });

function distributed(r: ReturnType<typeof computeShuDistribution>) {
  if (!r.ok || r.status !== 'DISTRIBUTED') throw new Error(`expected a distribution, got ${JSON.stringify(r)}`);
  return r;
}

function byNo(r: ReturnType<typeof distributed>, no: string) {
  return r.members.find((m) => m.memberNo === no)!;
}

describe('SHU distribution (docs/domain/surplus.md)', () => {
  it('T1: splits the pool by the charter’s components exactly', () => {
    const r = distributed(computeShuDistribution(input({ pool: 10_000_001, members: [member('0001')], capitalChanges: [{ memberId: 'm0001', date: '2020-01-01', balance: 100_000 }], volumes: [{ memberId: 'm0001', category: 'PENJUALAN_KARYA', amount: 1, date: '2025-03-01' }] })));
    expect(r.components.map((c) => c.amount)).toEqual([4_000_001, 2_000_000, 2_500_000, 500_000, 500_000, 250_000, 250_000]);
  });

  it('counts a member who left and joined again only on the days of their two periods, never in the gap (decision 0105)', () => {
    // m0002 was a member 1 Jan–30 Apr and again from 1 Sep: 120 + 122 days, with the same
    // balance all year as m0001 over exactly those days in one period (242 days).
    const twice = { ...member('0002', '2025-01-01'), periods: [{ joinDate: '2025-01-01', exitDate: '2025-04-30' }, { joinDate: '2025-09-01', exitDate: null }] };
    const once = member('0001', '2025-05-04');
    const r = distributed(
      computeShuDistribution(
        input({
          members: [once, twice],
          capitalChanges: [
            { memberId: 'm0001', date: '2025-01-01', balance: 100_000 },
            { memberId: 'm0002', date: '2025-01-01', balance: 100_000 }
          ],
          volumes: [
            { memberId: 'm0001', category: 'PENJUALAN_KARYA', amount: 50_000, date: '2025-06-01' },
            { memberId: 'm0002', category: 'PENJUALAN_KARYA', amount: 50_000, date: '2025-02-01' },
            { memberId: 'm0002', category: 'PENJUALAN_KARYA', amount: 999_000, date: '2025-06-01' }
          ]
        })
      )
    );
    expect(byNo(r, '0002').capitalWeight).toBe(String(100_000 * 242));
    expect(byNo(r, '0002').capitalWeight).toBe(byNo(r, '0001').capitalWeight);
    // The sale in the gap (1 June) does not count: both have 50,000 of business.
    expect(byNo(r, '0002').volumeWeight).toBe(byNo(r, '0001').volumeWeight);
    expect(byNo(r, '0002').total).toBe(byNo(r, '0001').total);
  });

  it('counts an undated volume (a total already limited to the member’s days) in full, and a dated one only on those days', () => {
    // m0002 joined on 1 July: a dated sale of June does not count, the undated total does.
    const members = [member('0001'), member('0002', '2025-07-01')];
    const r = distributed(
      computeShuDistribution(
        input({
          members,
          capitalChanges: members.map((m) => ({ memberId: m.id, date: m.joinDate, balance: 100_000 })),
          volumes: [
            { memberId: 'm0001', category: 'PENJUALAN_KARYA', amount: 300_000 },
            { memberId: 'm0002', category: 'PENJUALAN_KARYA', amount: 100_000, date: '2025-06-30' },
            { memberId: 'm0002', category: 'PENJUALAN_KARYA', amount: 100_000 }
          ]
        })
      )
    );
    expect(r.members.map((m) => m.volumeWeight)).toEqual(['3000000000', '1000000000']);
    expect(r.totalWeights.volume).toBe('4000000000');
    expect(BigInt(r.totalWeights.capital)).toBe(r.members.reduce((s, m) => s + BigInt(m.capitalWeight), 0n));
  });

  it('T2: gives the extra rupiah of three equal jasa usaha shares to the lowest member number', () => {
    const members = [member('0003'), member('0001'), member('0002')];
    const r = distributed(
      computeShuDistribution(
        input({
          members,
          capitalChanges: members.map((m) => ({ memberId: m.id, date: '2020-01-01', balance: 100_000 })),
          volumes: members.map((m) => ({ memberId: m.id, category: 'PENJUALAN_KARYA', amount: 500_000, date: '2025-05-05' }))
        })
      )
    );
    expect(['0001', '0002', '0003'].map((n) => byNo(r, n).jasaUsaha)).toEqual([833_334, 833_333, 833_333]);
  });

  it('T4: a member with no business gets no jasa usaha but still gets jasa modal', () => {
    const members = [member('0001'), member('0002')];
    const r = distributed(
      computeShuDistribution(
        input({
          members,
          capitalChanges: members.map((m) => ({ memberId: m.id, date: '2020-01-01', balance: 100_000 })),
          volumes: [{ memberId: 'm0001', category: 'PENJUALAN_KARYA', amount: 750_000, date: '2025-02-02' }]
        })
      )
    );
    expect(byNo(r, '0002').jasaUsaha).toBe(0);
    expect(byNo(r, '0002').jasaModal).toBe(1_000_000);
    expect(byNo(r, '0001').jasaUsaha).toBe(2_500_000);
  });

  it('T5: with no member business at all, moves the jasa usaha pool to cadangan and says so', () => {
    const r = distributed(computeShuDistribution(input({ members: [member('0001')], capitalChanges: [{ memberId: 'm0001', date: '2020-01-01', balance: 100_000 }] })));
    expect(r.toCadangan).toEqual([{ reason: 'EMPTY_JASA_USAHA', amount: 2_500_000 }]);
    expect(r.cadangan).toBe(6_500_000);
    expect(byNo(r, '0001').total).toBe(2_000_000);
  });

  it('T6: distributes nothing from a loss and proposes covering it from cadangan, carrying the rest', () => {
    const r = computeShuDistribution(input({ pool: -5_000_000, ledger: { periodClosed: true, netShu: -5_000_000, cadanganBalance: 3_000_000 }, members: [member('0001')] }));
    expect(r).toEqual({ ok: true, status: 'NO_DISTRIBUTION', pool: -5_000_000, coverage: { fromCadangan: 3_000_000, carriedForward: 2_000_000 } });
  });

  it('T7: refuses components summing to 9,999 or 10,001 bp, fractional bp, duplicates, an open period and a pool that is not the ledger’s', () => {
    const codes = (over: Partial<ShuInput>) => {
      const r = computeShuDistribution(input(over));
      return r.ok ? [] : r.errors.map((e) => e.code);
    };
    expect(codes({ components: [{ key: 'CADANGAN', bp: 9999, order: 1 }] })).toEqual(['BP_SUM_INVALID']);
    expect(codes({ components: [{ key: 'CADANGAN', bp: 10_001, order: 1 }] })).toEqual(['BP_SUM_INVALID']);
    expect(codes({ components: [{ key: 'CADANGAN', bp: 9999.5, order: 1 }, { key: 'JASA_MODAL', bp: 0.5, order: 2 }] })).toEqual(['BP_NOT_INTEGER']);
    expect(codes({ components: [{ key: 'CADANGAN', bp: 5000, order: 1 }, { key: 'CADANGAN', bp: 5000, order: 2 }] })).toEqual(['COMPONENT_DUPLICATE']);
    expect(codes({ ledger: { periodClosed: false, netShu: 10_000_000, cadanganBalance: 0 } })).toEqual(['PERIOD_NOT_CLOSED']);
    expect(codes({ ledger: { periodClosed: true, netShu: 9_999_999, cadanganBalance: 0 } })).toEqual(['POOL_MISMATCH']);
  });

  it('weights capital by the days it was held: a member who joined on 1 July gets 184/549 of jasa modal', () => {
    const r = distributed(
      computeShuDistribution(
        input({
          members: [member('0001'), member('0002', '2025-07-01')],
          capitalChanges: [
            { memberId: 'm0001', date: '2020-01-01', balance: 1_000_000 },
            { memberId: 'm0002', date: '2025-07-01', balance: 1_000_000 }
          ]
        })
      )
    );
    // 2,000,000 × 365/549 = 1,329,690.35 and × 184/549 = 670,309.65: the extra rupiah goes to the larger remainder.
    expect(byNo(r, '0001').capitalWeight).toBe(String(365 * 1_000_000));
    expect(byNo(r, '0002').capitalWeight).toBe(String(184 * 1_000_000));
    expect([byNo(r, '0001').jasaModal, byNo(r, '0002').jasaModal]).toEqual([1_329_690, 670_310]);
  });

  it('follows balance changes inside the year, day by day', () => {
    const r = distributed(
      computeShuDistribution(
        input({
          members: [member('0001'), member('0002')],
          capitalChanges: [
            { memberId: 'm0001', date: '2020-01-01', balance: 100_000 },
            { memberId: 'm0001', date: '2025-12-01', balance: 1_100_000 },
            { memberId: 'm0002', date: '2020-01-01', balance: 200_000 }
          ]
        })
      )
    );
    // 334 days at 100,000 then 31 days at 1,100,000.
    expect(byNo(r, '0001').capitalWeight).toBe(String(334 * 100_000 + 31 * 1_100_000));
    expect(byNo(r, '0002').capitalWeight).toBe(String(365 * 200_000));
  });

  const leaverInput = (leaver: 'PRO_RATA' | 'FORFEIT_TO_CADANGAN') =>
    input({
      members: [member('0001'), member('0002', '2020-01-01', '2025-06-30')],
      capitalChanges: [
        { memberId: 'm0001', date: '2020-01-01', balance: 1_000_000 },
        { memberId: 'm0002', date: '2020-01-01', balance: 1_000_000 },
        { memberId: 'm0002', date: '2025-07-01', balance: 0 }
      ],
      volumes: [
        { memberId: 'm0001', category: 'PENJUALAN_KARYA', amount: 300_000, date: '2025-09-01' },
        { memberId: 'm0002', category: 'PENJUALAN_KARYA', amount: 200_000, date: '2025-03-01' },
        { memberId: 'm0002', category: 'PENJUALAN_KARYA', amount: 999_000, date: '2025-08-01' }
      ],
      policy: { leaver }
    });

  it('keeps what a leaver earned until the exit date under PRO_RATA', () => {
    const r = distributed(computeShuDistribution(leaverInput('PRO_RATA')));
    // Capital: 365 vs 181 days of Rp1,000,000 → 1,336,996.34 and 663,003.66. Volume after the exit does not count: 300,000 vs 200,000.
    expect([byNo(r, '0001').jasaModal, byNo(r, '0002').jasaModal]).toEqual([1_336_996, 663_004]);
    expect([byNo(r, '0001').jasaUsaha, byNo(r, '0002').jasaUsaha]).toEqual([1_500_000, 1_000_000]);
    expect(byNo(r, '0002').payable).toBe(1_663_004);
    expect(byNo(r, '0002').flags).toEqual(['LEAVER']);
  });

  it('moves a leaver’s amounts to cadangan under FORFEIT_TO_CADANGAN, leaving every other member’s unchanged', () => {
    const pro = distributed(computeShuDistribution(leaverInput('PRO_RATA')));
    const r = distributed(computeShuDistribution(leaverInput('FORFEIT_TO_CADANGAN')));
    expect(byNo(r, '0001')).toEqual(byNo(pro, '0001'));
    expect(byNo(r, '0002').payable).toBe(0);
    expect(r.toCadangan).toEqual([{ reason: 'FORFEITED_BY_LEAVERS', amount: 1_663_004 }]);
    expect(r.cadangan).toBe(4_000_000 + 1_663_004);
  });

  it('rounds payouts down to Rp100 and puts the residues in cadangan, recorded', () => {
    const r = distributed(computeShuDistribution({ ...leaverInput('PRO_RATA'), policy: { payoutRoundTo: 100 } }));
    expect([byNo(r, '0001').payable, byNo(r, '0002').payable]).toEqual([2_836_900, 1_663_000]);
    expect(r.toCadangan).toEqual([{ reason: 'PAYOUT_ROUNDING', amount: 96 + 4 }]);
    expect(r.cadangan).toBe(4_000_100);
  });

  it('withholds tax by the rate, rounding down, and pays the rest', () => {
    const r = distributed(computeShuDistribution({ ...leaverInput('PRO_RATA'), policy: { withholdingBp: 1000 } }));
    expect(byNo(r, '0001')).toMatchObject({ payable: 2_836_996, withholding: 283_699, netPayout: 2_553_297 });
  });

  it('T8: gives the same result for the members listed in reverse', () => {
    const a = computeShuDistribution(leaverInput('PRO_RATA'));
    const b = computeShuDistribution({ ...leaverInput('PRO_RATA'), members: [...leaverInput('PRO_RATA').members].reverse() });
    expect(b).toEqual(a);
  });

  it('T9: posts one balanced journal whose credits are the allocations', () => {
    const r = distributed(computeShuDistribution(leaverInput('PRO_RATA')));
    const debit = r.journal.reduce((s, l) => s + (l.debit ?? 0), 0);
    const credit = r.journal.reduce((s, l) => s + (l.credit ?? 0), 0);
    expect(debit).toBe(10_000_000);
    expect(credit).toBe(debit);
    const owed = r.journal.filter((l) => l.account === 'UTANG_SHU_ANGGOTA');
    expect(owed.map((l) => [l.memberId, l.credit])).toEqual(r.members.map((m) => [m.memberId, m.payable]));
    expect(r.journal.find((l) => l.account === 'DANA_PENDIDIKAN')?.credit).toBe(250_000);
  });

  it('never lets a capital or savings multiplier in: the same business and capital give the same share', () => {
    const r = distributed(
      computeShuDistribution(
        input({
          members: [member('0001'), member('0002')],
          capitalChanges: [
            { memberId: 'm0001', date: '2020-01-01', balance: 500_000 },
            { memberId: 'm0002', date: '2024-01-01', balance: 500_000 }
          ],
          volumes: [
            { memberId: 'm0001', category: 'PENJUALAN_KARYA', amount: 10_000, date: '2025-01-10' },
            { memberId: 'm0002', category: 'PENJUALAN_KARYA', amount: 10_000, date: '2025-01-10' }
          ]
        })
      )
    );
    expect(byNo(r, '0001').total).toBe(byNo(r, '0002').total);
  });

  it('T10: adds up to the pool exactly with nothing negative, for random members, capital and business', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000_000 }),
        fc.array(
          fc.record({
            join: fc.integer({ min: 0, max: 500 }),
            stay: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
            balance: fc.integer({ min: 0, max: 50_000_000 }),
            volume: fc.integer({ min: -100_000, max: 90_000_000 })
          }),
          { minLength: 1, maxLength: 15 }
        ),
        fc.constantFrom<1 | 100>(1, 100),
        fc.constantFrom<'PRO_RATA' | 'FORFEIT_TO_CADANGAN'>('PRO_RATA', 'FORFEIT_TO_CADANGAN'),
        (pool, people, payoutRoundTo, leaver) => {
          const day = (n: number) => new Date(Date.UTC(2024, 6, 1) + n * 86_400_000).toISOString().slice(0, 10);
          const members = people.map((p, i) => ({ id: `m${i}`, memberNo: String(i + 1).padStart(4, '0'), joinDate: day(p.join), exitDate: p.stay === null ? null : day(p.join + p.stay), eligible: true }));
          const r = computeShuDistribution(
            input({
              pool,
              members,
              capitalChanges: people.map((p, i) => ({ memberId: `m${i}`, date: day(p.join), balance: p.balance })),
              volumes: people.map((p, i) => ({ memberId: `m${i}`, category: 'PENJUALAN_KARYA', amount: p.volume, date: day(p.join) })),
              policy: { payoutRoundTo, leaver }
            })
          );
          const d = distributed(r);
          const credit = d.journal.reduce((s, l) => s + (l.credit ?? 0), 0);
          expect(credit).toBe(pool);
          for (const m of d.members) {
            expect(m.jasaModal).toBeGreaterThanOrEqual(0);
            expect(m.jasaUsaha).toBeGreaterThanOrEqual(0);
            expect(m.payable % payoutRoundTo).toBe(0);
          }
        }
      ),
      { numRuns: 200 }
    );
  });
});
