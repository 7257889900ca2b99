import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cappedWeights, countNetworkVote, decidedBy, mayPropose, mirrored, reconcilePair, rollupDelta, sharedValues, tradeBooks, tradeRefundLines, DEFAULT_TRADE_ACCOUNTS } from './model.js';

const sum = (lines: { debit?: number; credit?: number }[], side: 'debit' | 'credit') => lines.reduce((s, l) => s + (l[side] ?? 0), 0);

describe('governance modes', () => {
  it('sends strategic matters to the members in every mode', () => {
    for (const mode of ['shared', 'lead', 'nao'] as const) {
      for (const kind of ['general', 'budget', 'admission', 'mode_change', 'lead_change'] as const) expect(decidedBy(mode, kind)).toBe('members');
    }
    expect(decidedBy('shared', 'operational')).toBe('members');
    expect(decidedBy('lead', 'operational')).toBe('lead');
    expect(decidedBy('nao', 'operational')).toBe('administration');
  });

  it('lets only the lead propose operational matters in lead mode, and only the team in NAO mode', () => {
    const member = { kind: 'delegate' as const, coopId: 'a', isLead: false };
    const lead = { kind: 'delegate' as const, coopId: 'b', isLead: true };
    const steward = { kind: 'steward' as const };
    expect(mayPropose('shared', 'operational', member)).toBe(true);
    expect(mayPropose('shared', 'general', steward)).toBe(false);
    expect(mayPropose('lead', 'operational', member)).toBe(false);
    expect(mayPropose('lead', 'operational', lead)).toBe(true);
    expect(mayPropose('lead', 'mode_change', member)).toBe(true);
    expect(mayPropose('nao', 'operational', member)).toBe(false);
    expect(mayPropose('nao', 'operational', steward)).toBe(true);
    expect(mayPropose('nao', 'budget', member)).toBe(true);
  });
});

describe('counting a network vote', () => {
  const rule = { quorumBp: 5001, thresholdBp: 5000, weighting: 'one_coop_one_vote' as const, capBp: null };
  const electorate = ['a', 'b', 'c', 'd'].map((coopId) => ({ coopId }));

  it('counts each coop once, whatever weight its ballot carries, under one coop one vote', () => {
    const r = countNetworkVote(rule, electorate, [
      { coopId: 'a', choice: 'yes', weight: 40 },
      { coopId: 'b', choice: 'no', weight: 1 },
      { coopId: 'c', choice: 'no', weight: 1 }
    ]);
    expect(r.tally).toMatchObject({ yes: 1, no: 2, ballots: 3 });
    expect(r.outcome).toBe('rejected');
  });

  it('has no quorum with too few coops, and ignores ballots of coops outside the electorate', () => {
    const r = countNetworkVote(rule, electorate, [{ coopId: 'a', choice: 'yes', weight: 1 }, { coopId: 'x', choice: 'yes', weight: 1 }, { coopId: 'y', choice: 'yes', weight: 1 }]);
    expect(r.outcome).toBe('no_quorum');
    expect(r.inputs.ballots).toBe(1);
  });

  it('weighs by members with a cap in a koperasi sekunder', () => {
    expect(cappedWeights([100, 10, 10], 3000)).toEqual([36, 10, 10]);
    const r = countNetworkVote({ ...rule, weighting: 'members', capBp: 3000 }, electorate, [
      { coopId: 'a', choice: 'yes', weight: 100 },
      { coopId: 'b', choice: 'no', weight: 10 },
      { coopId: 'c', choice: 'no', weight: 10 }
    ]);
    expect(r.tally).toMatchObject({ yes: 36, no: 20 });
    expect(r.outcome).toBe('passed');
  });
});

describe('the two books of a trade', () => {
  const work = { workId: 'w', title: 'Album', unitPrice: 80_000, quantity: 3, commissionBp: 1000, creators: [{ memberId: 'm1', shareBp: 6667 }, { memberId: 'm2', shareBp: 3333 }] };

  it('balances each side and posts the same total in both books', () => {
    const b = tradeBooks([work], DEFAULT_TRADE_ACCOUNTS, { ...DEFAULT_TRADE_ACCOUNTS, purchase: 'GENERAL_EXPENSES' });
    expect(b.total).toBe(240_000);
    expect(sum(b.seller, 'debit')).toBe(sum(b.seller, 'credit'));
    expect(sum(b.buyer, 'debit')).toBe(sum(b.buyer, 'credit'));
    expect(sum(b.seller, 'debit')).toBe(sum(b.buyer, 'debit'));
    expect(b.buyer[0]).toMatchObject({ account: 'GENERAL_EXPENSES', debit: 240_000 });
    expect(b.seller.find((l) => l.account === 'SALES_NON_MEMBER')).toMatchObject({ credit: 24_000 });
  });

  it('mirrors and refunds to zero on both sides, for any prices and shares', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 9999 }), (price, qty, bp, share) => {
        const b = tradeBooks([{ ...work, unitPrice: price, quantity: qty, commissionBp: bp, creators: [{ memberId: 'm1', shareBp: share }, { memberId: 'm2', shareBp: 10_000 - share }] }], DEFAULT_TRADE_ACCOUNTS, DEFAULT_TRADE_ACCOUNTS);
        const m = mirrored(b.seller);
        expect(sum(m, 'debit')).toBe(sum(b.seller, 'credit'));
        const r = tradeRefundLines(b.total, b.seller, b.buyer);
        expect(sum(r.seller, 'debit')).toBe(sum(r.seller, 'credit'));
        expect(sum(r.buyer, 'debit')).toBe(sum(r.buyer, 'credit'));
        expect(sum(r.seller, 'credit')).toBe(b.total);
      })
    );
  });
});

describe('reconciliation and roll-ups', () => {
  const side = (tradeId: string, total: number, status = 'paid') => ({ tradeId, tradeNo: tradeId.toUpperCase(), status, total, entries: 2, posted: total * 2 });

  it('agrees when both sides match and names every difference otherwise', () => {
    expect(reconcilePair('b', [side('t1', 100)], [side('t1', 100)])).toMatchObject({ agree: true, differences: [] });
    const r = reconcilePair('b', [side('t1', 100), side('t2', 50)], [side('t1', 90), side('t3', 10)]);
    expect(r.agree).toBe(false);
    expect(r.differences.map((d) => [d.tradeId, d.issue])).toEqual([
      ['t1', 'total_differs'],
      ['t1', 'posting_differs'],
      ['t2', 'missing_mirror'],
      ['t3', 'missing_mirror']
    ]);
  });

  it('adds a coop on opting in, its changes after, and takes it out on opting out', () => {
    const f = { members: 10, women: 6, youth: 2, capital: 1000, turnover: 500, shu: 50, trade: 0, rat_on_time: 1 };
    expect(rollupDelta(null, { ...f, optIn: false })).toBeNull();
    expect(rollupDelta(null, { ...f, optIn: true })).toMatchObject({ coops: 1, members: 10 });
    expect(rollupDelta({ ...f, optIn: true }, { ...f, members: 12, optIn: true })).toMatchObject({ coops: 0, members: 2, women: 0 });
    expect(rollupDelta({ ...f, optIn: true }, { ...f, optIn: false })).toMatchObject({ coops: -1, members: -10, capital: -1000 });
    expect(sharedValues(f, ['members', 'trade'])).toEqual({ members: 10, trade: 0 });
  });
});
