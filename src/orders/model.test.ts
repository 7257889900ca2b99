import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../kernel/errors.js';
import { lineCommission, mdrFee, nextStatus, paymentJournalLines, ppnFor, refundJournalLines, refundParts, splitOrder, type OrderEvent, type OrderState } from './model.js';

const sumLines = (lines: { debit?: number; credit?: number }[]) => ({ debit: lines.reduce((s, l) => s + (l.debit ?? 0), 0), credit: lines.reduce((s, l) => s + (l.credit ?? 0), 0) });

describe('rounding rules (marketplace.md #5, #7, #8)', () => {
  it('pins the per-item percent rule: 7.5% on Rp3.333 × 3 = Rp750 (Rp250 per unit, half up)', () => {
    expect(lineCommission(3333, 3, 750)).toBe(750);
    expect(lineCommission(3333, 1, 750)).toBe(250);
    // per line would have given round(749.925) = 750 too, but per unit differs here: 7.5% of 3.330 = 249.75 → 250 × 3 = 750 vs 749.25 per line
    expect(lineCommission(3330, 3, 750)).toBe(750);
  });
  it('PPN: DPP = 11/12 × harga jual, PPN = 12% × DPP, each rounded half up once per line', () => {
    expect(ppnFor(100_000)).toEqual({ dpp: 91_667, ppn: 11_000 });
    expect(ppnFor(12)).toEqual({ dpp: 11, ppn: 1 });
    expect(ppnFor(1_200_000)).toEqual({ dpp: 1_100_000, ppn: 132_000 });
  });
  it('MDR: nothing up to the micro threshold, the rate above it; never charged to the buyer', () => {
    expect(mdrFee(100_000, 70, 100_000)).toBe(0);
    expect(mdrFee(100_001, 70, 100_000)).toBe(700);
    expect(mdrFee(250_000, 0, 0)).toBe(0);
  });
});

describe('split invariant (marketplace.md #2)', () => {
  it('three equal creators on Rp1.000 get 334 + 333 + 333 (not 334 × 3)', () => {
    const s = splitOrder([{ lineTotal: 1000, commission: 0, ppn: 0, creators: [{ memberId: 'a', shareBp: 3334 }, { memberId: 'b', shareBp: 3333 }, { memberId: 'c', shareBp: 3333 }] }], 0);
    expect(s.producers.map((p) => p.amount)).toEqual([334, 333, 333]);
  });

  const creatorsArb = fc.integer({ min: 1, max: 10 }).chain((n) =>
    fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: n, maxLength: n }).map((ws) => {
      const total = ws.reduce((a, b) => a + b, 0);
      const bps = ws.map((w) => Math.floor((w * 10000) / total));
      bps[0]! += 10000 - bps.reduce((a, b) => a + b, 0);
      return bps.map((shareBp, i) => ({ memberId: `m${String(i).padStart(2, '0')}`, shareBp })).filter((c) => c.shareBp > 0);
    })
  );
  const lineArb = fc.record({ unit: fc.integer({ min: 1, max: 50_000_000 }), qty: fc.integer({ min: 1, max: 20 }), bp: fc.integer({ min: 0, max: 10000 }), ppn: fc.boolean(), creators: creatorsArb }).map((l) => {
    const lineTotal = l.unit * l.qty;
    return { lineTotal, commission: lineCommission(l.unit, l.qty, l.bp), ppn: l.ppn ? ppnFor(lineTotal).ppn : 0, creators: l.creators };
  });

  it('Σ producers + commission + PPN = amount paid; the journal entry balances; refunds reverse exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 200 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 4 }), fc.constantFrom('member', 'non_member' as const), (lines, feeBp, cuts, kind) => {
        const amount = lines.reduce((s, l) => s + l.lineTotal + l.ppn, 0);
        const fee = Math.floor((amount * feeBp) / 10000);
        const split = splitOrder(lines, fee);
        expect(split.amount).toBe(amount);
        expect(split.producers.reduce((s, p) => s + p.amount, 0) + split.commission + split.tax).toBe(amount);
        const jl = paymentJournalLines(split, 'qris', kind as 'member');
        const t = sumLines(jl);
        expect(t.debit).toBe(amount);
        expect(t.credit).toBe(amount);
        // Refund in several random steps, then the rest: every step balances, and together they reverse every part exactly.
        const weights = cuts.map((c) => c);
        const wsum = weights.reduce((a, b) => a + b, 0) + 1;
        let refunded = 0;
        const totals = new Map<string, number>();
        const steps = [...weights.map((w) => Math.floor((amount * w) / wsum)).filter((x) => x > 0)];
        for (const step of [...steps, -1]) {
          const r = step === -1 ? amount - refunded : Math.min(step, amount - refunded);
          if (r <= 0) continue;
          const parts = refundParts(split, refunded, r);
          expect(parts.producers.reduce((s, p) => s + p.amount, 0) + parts.commission + parts.tax).toBe(r);
          const rl = refundJournalLines(parts, 'qris', kind as 'member');
          const rt = sumLines(rl);
          expect(rt.debit).toBe(rt.credit);
          for (const p of parts.producers) totals.set(p.memberId, (totals.get(p.memberId) ?? 0) + p.amount);
          totals.set('commission', (totals.get('commission') ?? 0) + parts.commission);
          totals.set('tax', (totals.get('tax') ?? 0) + parts.tax);
          totals.set('fee', (totals.get('fee') ?? 0) + parts.fee);
          refunded += r;
        }
        expect(refunded).toBe(amount);
        for (const p of split.producers) expect(totals.get(p.memberId)).toBe(p.amount);
        expect(totals.get('commission')).toBe(split.commission);
        expect(totals.get('tax')).toBe(split.tax);
        expect(totals.get('fee')).toBe(split.fee);
      }),
      { numRuns: 300 }
    );
  });
});

describe('order state machine (marketplace.md #29)', () => {
  const code = (s: OrderState, e: OrderEvent) => {
    try {
      return nextStatus(s, e);
    } catch (err) {
      return isAppError(err) ? err.code : 'other';
    }
  };
  it('allows the documented transitions', () => {
    expect(code({ status: 'awaiting_payment', paid: false, method: 'qris' }, 'pay')).toBe('paid');
    expect(code({ status: 'paid', paid: true, method: 'qris' }, 'fulfil')).toBe('fulfilled');
    expect(code({ status: 'awaiting_payment', paid: false, method: 'cod' }, 'fulfil')).toBe('fulfilled');
    expect(code({ status: 'fulfilled', paid: false, method: 'cod' }, 'pay')).toBe('fulfilled');
    expect(code({ status: 'awaiting_payment', paid: false, method: 'qris' }, 'cancel')).toBe('cancelled');
    expect(code({ status: 'fulfilled', paid: true, method: 'qris' }, 'refund_full')).toBe('refunded');
  });
  it('rejects illegal ones with ORDER_TRANSITION_INVALID', () => {
    expect(code({ status: 'awaiting_payment', paid: false, method: 'qris' }, 'fulfil')).toBe('ORDER_TRANSITION_INVALID');
    expect(code({ status: 'cancelled', paid: false, method: 'qris' }, 'pay')).toBe('ORDER_TRANSITION_INVALID');
    expect(code({ status: 'fulfilled', paid: true, method: 'qris' }, 'fulfil')).toBe('ORDER_TRANSITION_INVALID');
    expect(code({ status: 'refunded', paid: true, method: 'qris' }, 'refund_full')).toBe('ORDER_TRANSITION_INVALID');
    expect(code({ status: 'paid', paid: true, method: 'qris' }, 'cancel')).toBe('ORDER_TRANSITION_INVALID');
    expect(code({ status: 'paid', paid: true, method: 'qris' }, 'pay')).toBe('ORDER_TRANSITION_INVALID');
    expect(code({ status: 'cancelled', paid: false, method: 'qris' }, 'expire')).toBe('ORDER_TRANSITION_INVALID');
  });
});
