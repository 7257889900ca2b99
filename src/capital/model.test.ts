import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateWajib,
  applyDeltas,
  computeRefund,
  deltasOf,
  formatReceiptNo,
  formatRupiahId,
  periodOf,
  pokokStatus,
  postingLines,
  rateFor,
  rupiahInWords,
  terbilang,
  wajibSchedule,
  ZERO_BALANCES,
  ZMovementRequest
} from './model.js';

describe('terbilang (amount in Indonesian words)', () => {
  const cases: [number, string][] = [
    [0, 'nol'],
    [1, 'satu'],
    [2, 'dua'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [15, 'lima belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [119, 'seratus sembilan belas'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [1111, 'seribu seratus sebelas'],
    [2000, 'dua ribu'],
    [10_000, 'sepuluh ribu'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [101_000, 'seratus satu ribu'],
    [999_999, 'sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan'],
    [1_000_000, 'satu juta'],
    [1_001_000, 'satu juta seribu'],
    [1_250_000, 'satu juta dua ratus lima puluh ribu'],
    [20_000_000, 'dua puluh juta'],
    [1_000_000_000, 'satu miliar'],
    [2_000_000_000, 'dua miliar'],
    [2_000_000_001, 'dua miliar satu'],
    [
      999_999_999_999,
      'sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan'
    ],
    [1_000_000_000_000, 'satu triliun'],
    [1_000_001_000_000, 'satu triliun satu juta']
  ];
  it.each(cases)('writes %d as "%s"', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('writes an amount of money with "rupiah"', () => {
    expect(rupiahInWords(1_250_000)).toBe('satu juta dua ratus lima puluh ribu rupiah');
    expect(rupiahInWords(0)).toBe('nol rupiah');
    expect(rupiahInWords(1000)).toBe('seribu rupiah');
  });

  it('refuses fractions, negatives and amounts beyond 999 triliun', () => {
    expect(() => terbilang(1.5)).toThrow(RangeError);
    expect(() => terbilang(-1)).toThrow(RangeError);
    expect(() => terbilang(1e15)).toThrow(RangeError);
  });

  it('says "seribu" for a lone thousand, never "satu ratus/puluh/belas", and no stray spaces (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (n) => {
        const w = terbilang(n);
        const loneSatuRibu = /(^|juta |miliar |triliun )satu ribu/.test(w);
        return !w.includes('  ') && w === w.trim() && !/\bsatu (ratus|puluh|belas)\b/.test(w) && !loneSatuRibu;
      })
    );
  });

  it('gives different words to different numbers (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }), (a, b) => a === b || terbilang(a) !== terbilang(b)));
  });
});

describe('amounts in figures and receipt numbers', () => {
  it('groups thousands with dots', () => {
    expect(formatRupiahId(1_250_000)).toBe('Rp1.250.000');
    expect(formatRupiahId(0)).toBe('Rp0');
    expect(formatRupiahId(999)).toBe('Rp999');
    expect(formatRupiahId(1000)).toBe('Rp1.000');
  });
  it('numbers receipts per year with six digits', () => {
    expect(formatReceiptNo(2026, 7)).toBe('KW/2026/000007');
  });
});

describe('periods', () => {
  it('knows month ends, leap years, quarters and years', () => {
    expect(periodOf('2026-01-31', 'monthly')).toEqual({ key: '2026-01', start: '2026-01-01', end: '2026-01-31' });
    expect(periodOf('2028-02-10', 'monthly').end).toBe('2028-02-29');
    expect(periodOf('2026-02-10', 'monthly').end).toBe('2026-02-28');
    expect(periodOf('2026-05-15', 'quarterly')).toEqual({ key: '2026-Q2', start: '2026-04-01', end: '2026-06-30' });
    expect(periodOf('2026-12-31', 'yearly')).toEqual({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
  });
});

describe('simpanan wajib schedule and arrears', () => {
  const rates = [{ from: '2020-01-01', amount: 20_000 }];

  it('makes the month a member joined in due in full, even when they joined on its last day', () => {
    const s = wajibSchedule({ joinedOn: '2026-01-31', asOf: '2026-01-31', period: 'monthly', rates, paid: 0 });
    expect(s.lines.map((l) => l.key)).toEqual(['2026-01']);
    expect(s.totalDue).toBe(20_000);
    // Not yet in arrears: January has not ended.
    expect(s.arrears).toBe(0);
    expect(s.outstanding).toBe(20_000);
  });

  it('puts a month in arrears on the day after its last day', () => {
    const endOfFeb = wajibSchedule({ joinedOn: '2026-01-31', asOf: '2026-02-28', period: 'monthly', rates, paid: 0 });
    expect(endOfFeb.lines.map((l) => [l.key, l.overdue])).toEqual([
      ['2026-01', true],
      ['2026-02', false]
    ]);
    expect(endOfFeb.arrears).toBe(20_000);
    const firstOfMarch = wajibSchedule({ joinedOn: '2026-01-31', asOf: '2026-03-01', period: 'monthly', rates, paid: 0 });
    expect(firstOfMarch.arrears).toBe(40_000);
    expect(firstOfMarch.arrearsPeriods).toBe(2);
    expect(firstOfMarch.outstanding).toBe(60_000);
  });

  it('handles a leap-year February (a member who joined on 29 February)', () => {
    const s = wajibSchedule({ joinedOn: '2028-02-29', asOf: '2028-03-01', period: 'monthly', rates, paid: 0 });
    expect(s.lines.map((l) => [l.key, l.end, l.overdue])).toEqual([
      ['2028-02', '2028-02-29', true],
      ['2028-03', '2028-03-31', false]
    ]);
  });

  it('applies payments to the oldest periods first, a part payment leaving the rest outstanding', () => {
    const s = wajibSchedule({ joinedOn: '2026-01-15', asOf: '2026-04-10', period: 'monthly', rates, paid: 50_000 });
    expect(s.lines.map((l) => [l.key, l.paid, l.outstanding, l.overdue])).toEqual([
      ['2026-01', 20_000, 0, false],
      ['2026-02', 20_000, 0, false],
      ['2026-03', 10_000, 10_000, true],
      ['2026-04', 0, 20_000, false]
    ]);
    expect(s.arrears).toBe(10_000);
    expect(s.advance).toBe(0);
  });

  it('reports money paid beyond every period due as paid in advance', () => {
    const s = wajibSchedule({ joinedOn: '2026-01-15', asOf: '2026-02-01', period: 'monthly', rates, paid: 100_000 });
    expect(s.outstanding).toBe(0);
    expect(s.advance).toBe(60_000);
  });

  it('stops at the period a member left in', () => {
    const s = wajibSchedule({ joinedOn: '2026-01-15', asOf: '2026-12-01', leftOn: '2026-03-02', period: 'monthly', rates, paid: 0 });
    expect(s.lines.map((l) => l.key)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('counts quarters and years', () => {
    const q = wajibSchedule({ joinedOn: '2026-03-31', asOf: '2026-04-01', period: 'quarterly', rates, paid: 0 });
    expect(q.lines.map((l) => [l.key, l.overdue])).toEqual([
      ['2026-Q1', true],
      ['2026-Q2', false]
    ]);
    const y = wajibSchedule({ joinedOn: '2025-12-31', asOf: '2026-06-01', period: 'yearly', rates, paid: 20_000 });
    expect(y.lines.map((l) => [l.key, l.outstanding, l.overdue])).toEqual([
      ['2025', 0, false],
      ['2026', 20_000, false]
    ]);
  });

  it('uses the amount in force at the start of each period when the charter changes it', () => {
    const changing = [
      { from: '2026-01-01', amount: 10_000 },
      { from: '2026-03-15', amount: 25_000 }
    ];
    expect(rateFor(changing, '2025-06-01')).toBe(10_000);
    const s = wajibSchedule({ joinedOn: '2026-01-01', asOf: '2026-04-02', period: 'monthly', rates: changing, paid: 0 });
    expect(s.lines.map((l) => l.due)).toEqual([10_000, 10_000, 10_000, 25_000]);
  });

  it('owes nothing when the charter asks no wajib', () => {
    const s = wajibSchedule({ joinedOn: '2026-01-01', asOf: '2026-06-01', period: 'monthly', rates: [{ from: '2026-01-01', amount: 0 }], paid: 0 });
    expect(s.outstanding).toBe(0);
    expect(s.arrears).toBe(0);
  });

  it('never has negative figures and always adds up (property)', () => {
    const day = fc.integer({ min: 0, max: 1500 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.nat(2_000_000), fc.constantFrom('monthly', 'quarterly', 'yearly' as const), (a, b, paid, period) => {
        const [joinedOn, asOf] = a <= b ? [a, b] : [b, a];
        const s = wajibSchedule({ joinedOn, asOf, period, rates, paid });
        const sumPaid = s.lines.reduce((x, l) => x + l.paid, 0);
        return (
          s.lines.every((l) => l.paid >= 0 && l.outstanding >= 0 && l.paid + l.outstanding === l.due) &&
          sumPaid + s.advance === paid &&
          s.arrears <= s.outstanding &&
          s.outstanding === s.totalDue - sumPaid &&
          // Oldest first: no period is paid while an older one is unpaid.
          s.lines.every((l, i) => i === 0 || l.paid === 0 || s.lines[i - 1]!.outstanding === 0)
        );
      })
    );
  });
});

describe('allocating a wajib payment', () => {
  const rates = [{ from: '2020-01-01', amount: 20_000 }];
  it('pays the oldest unpaid periods, then the current, then ahead', () => {
    const r = allocateWajib({ joinedOn: '2026-01-10', asOf: '2026-03-05', period: 'monthly', rates, paidBefore: 30_000, amount: 70_000 });
    expect(r).toEqual({
      ok: true,
      allocation: [
        { key: '2026-02', amount: 10_000 },
        { key: '2026-03', amount: 20_000 },
        { key: '2026-04', amount: 20_000 },
        { key: '2026-05', amount: 20_000 }
      ]
    });
  });
  it('refuses a payment reaching more than 12 periods ahead', () => {
    expect(allocateWajib({ joinedOn: '2026-01-10', asOf: '2026-01-10', period: 'monthly', rates, paidBefore: 0, amount: 13 * 20_000 }).ok).toBe(true);
    expect(allocateWajib({ joinedOn: '2026-01-10', asOf: '2026-01-10', period: 'monthly', rates, paidBefore: 0, amount: 13 * 20_000 + 1 })).toEqual({ ok: false, code: 'CAPITAL_WAJIB_TOO_FAR_AHEAD' });
  });
  it('refuses any wajib payment when the charter asks none', () => {
    expect(allocateWajib({ joinedOn: '2026-01-10', asOf: '2026-02-10', period: 'monthly', rates: [{ from: '2020-01-01', amount: 0 }], paidBefore: 0, amount: 1000 })).toEqual({
      ok: false,
      code: 'CAPITAL_WAJIB_NOT_REQUIRED'
    });
  });
  it('allocates exactly the amount paid, and agrees with the schedule (property)', () => {
    fc.assert(
      fc.property(fc.nat(300_000), fc.integer({ min: 1, max: 200_000 }), (paidBefore, amount) => {
        const r = allocateWajib({ joinedOn: '2026-01-10', asOf: '2026-06-10', period: 'monthly', rates, paidBefore, amount });
        if (!r.ok) return true;
        const after = wajibSchedule({ joinedOn: '2026-01-10', asOf: '2026-06-10', period: 'monthly', rates, paid: paidBefore + amount });
        const before = wajibSchedule({ joinedOn: '2026-01-10', asOf: '2026-06-10', period: 'monthly', rates, paid: paidBefore });
        const sum = r.allocation.reduce((s, a) => s + a.amount, 0);
        // What the schedule shows newly paid (within the due periods) is exactly what the allocation says.
        const inSchedule = r.allocation.filter((a) => after.lines.some((l) => l.key === a.key)).reduce((s, a) => s + a.amount, 0);
        return sum === amount && inSchedule === after.lines.reduce((s, l) => s + l.paid, 0) - before.lines.reduce((s, l) => s + l.paid, 0);
      })
    );
  });
});

describe('simpanan pokok', () => {
  it('is paid in full once the instalments reach the charter amount', () => {
    expect(pokokStatus(100_000, 0)).toEqual({ required: 100_000, paid: 0, outstanding: 100_000, paidInFull: false });
    expect(pokokStatus(100_000, 60_000)).toEqual({ required: 100_000, paid: 60_000, outstanding: 40_000, paidInFull: false });
    expect(pokokStatus(100_000, 100_000).paidInFull).toBe(true);
    expect(pokokStatus(0, 0).paidInFull).toBe(true);
  });
});

describe('movements, balances and ledger lines', () => {
  it('refuses a withdrawal that would take sukarela below zero', () => {
    expect(applyDeltas({ ...ZERO_BALANCES, sukarela: 50_000 }, deltasOf('withdrawal', 50_001))).toEqual({ ok: false, type: 'sukarela' });
    expect(applyDeltas({ ...ZERO_BALANCES, sukarela: 50_000 }, deltasOf('withdrawal', 50_000))).toEqual({ ok: true, after: ZERO_BALANCES });
  });

  it('refunds every balance on leaving, and nothing when there is nothing', () => {
    expect(computeRefund({ pokok: 100_000, wajib: 240_000, sukarela: 15_000 })).toEqual({ pokok: 100_000, wajib: 240_000, sukarela: 15_000, total: 355_000 });
    expect(computeRefund(ZERO_BALANCES)).toBeNull();
  });

  it('posts cash against the member simpanan, balanced', () => {
    expect(postingLines(deltasOf('deposit', 5000), 'cash', 'm1')).toEqual([
      { account: 'CASH', debit: 5000 },
      { account: 'SIMPANAN_SUKARELA', credit: 5000, memberId: 'm1' }
    ]);
    expect(postingLines(deltasOf('withdrawal', 5000), 'bank', 'm1')).toEqual([
      { account: 'SIMPANAN_SUKARELA', debit: 5000, memberId: 'm1' },
      { account: 'BANK', credit: 5000 }
    ]);
    const refund = postingLines({ pokok: -100, wajib: -200, sukarela: -30 }, 'cash', 'm1');
    expect(refund).toEqual([
      { account: 'SIMPANAN_POKOK', debit: 100, memberId: 'm1' },
      { account: 'SIMPANAN_WAJIB', debit: 200, memberId: 'm1' },
      { account: 'SIMPANAN_SUKARELA', debit: 30, memberId: 'm1' },
      { account: 'CASH', credit: 330 }
    ]);
  });

  it('balances the ledger lines of any movement (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), (pokok, wajib, sukarela) => {
        const lines = postingLines({ pokok, wajib, sukarela }, 'cash', 'm');
        const dr = lines.reduce((s, l) => s + (l.debit ?? 0), 0);
        const cr = lines.reduce((s, l) => s + (l.credit ?? 0), 0);
        return dr === cr && lines.every((l) => (l.debit ?? 0) >= 0 && (l.credit ?? 0) >= 0);
      })
    );
  });
});

describe('payment requests', () => {
  it('accepts whole rupiah only', () => {
    expect(ZMovementRequest.safeParse({ amount: 1000.5, method: 'cash' }).success).toBe(false);
    expect(ZMovementRequest.safeParse({ amount: 0, method: 'cash' }).success).toBe(false);
    expect(ZMovementRequest.safeParse({ amount: 1000, method: 'cheque' }).success).toBe(false);
    expect(ZMovementRequest.safeParse({ amount: 1000, method: 'bank', date: '2026-02-30' }).success).toBe(false);
    expect(ZMovementRequest.safeParse({ amount: 1000, method: 'bank', date: '2026-02-28', idempotencyKey: 'abc' }).success).toBe(false);
    expect(ZMovementRequest.safeParse({ amount: 1000, method: 'bank', date: '2026-02-28', idempotencyKey: 'form-1234567' }).success).toBe(true);
  });
});
