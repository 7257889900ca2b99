import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalEntry,
  checkChain,
  checkEntryLines,
  CHART_TEMPLATE,
  entryHash,
  fiscalYearOf,
  GENESIS_HASH,
  groupOf,
  isFiscalYearEnd,
  previousPeriod,
  reverseLines,
  SYSTEM_KEYS,
  templateSubgroup,
  type EntryLine,
  type JournalLineRequest,
  type LedgerAccount,
  type StoredEntry
} from './model.js';
import { buildBalanceSheet, buildTrialBalance, type Movements } from './report-model.js';

const accounts: LedgerAccount[] = CHART_TEMPLATE.map((a, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  code: a.code,
  name: a.name,
  nameEn: a.nameEn,
  group: groupOf(a.subgroup),
  subgroup: a.subgroup,
  normalSide: a.normalSide ?? (['aset', 'beban'].includes(groupOf(a.subgroup)) ? 'debit' : 'credit'),
  systemKey: a.systemKey,
  cashFlow: a.cashFlow,
  isActive: true
}));
const find = (ref: string) => accounts.find((a) => a.systemKey === ref || a.code === ref);
const t = (key: string) => key;

describe('the chart of accounts template', () => {
  it('has every system key once, with unique codes', () => {
    const keys = CHART_TEMPLATE.map((a) => a.systemKey).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...SYSTEM_KEYS].sort());
    expect(new Set(CHART_TEMPLATE.map((a) => a.code)).size).toBe(CHART_TEMPLATE.length);
  });

  it('keeps simpanan pokok and wajib in equity unless the AD makes them a liability', () => {
    const pokok = CHART_TEMPLATE.find((a) => a.systemKey === 'SIMPANAN_POKOK')!;
    expect(templateSubgroup(pokok, 'equity')).toBe('ekuitas');
    expect(templateSubgroup(pokok, 'liability')).toBe('kewajiban_jangka_panjang');
    const sukarela = CHART_TEMPLATE.find((a) => a.systemKey === 'SIMPANAN_SUKARELA')!;
    expect(groupOf(templateSubgroup(sukarela, 'equity'))).toBe('kewajiban');
  });
});

describe('checking an entry', () => {
  it('accepts a balanced entry and resolves accounts by key or code', () => {
    const r = checkEntryLines(
      [
        { account: 'CASH', debit: 1000 },
        { account: '4.2.01', credit: 1000 }
      ],
      find
    );
    expect(r).toMatchObject({ ok: true, total: 1000 });
    if (r.ok) expect(r.lines.map((l) => [l.lineNo, l.debit, l.credit])).toEqual([
      [1, 1000, 0],
      [2, 0, 1000]
    ]);
  });

  it('reports an unbalanced entry with both sums', () => {
    expect(checkEntryLines([{ account: 'CASH', debit: 1000 }, { account: 'BANK', credit: 999 }], find)).toMatchObject({ ok: false, unbalanced: true, debit: 1000, credit: 999 });
  });

  it('refuses one line, both sides, no side, fractions, zero, unsafe and unknown accounts', () => {
    const codes = (lines: JournalLineRequest[]) => {
      const r = checkEntryLines(lines, find);
      return r.ok ? [] : r.fields.map((f) => `${f.field}:${f.code}`);
    };
    expect(codes([{ account: 'CASH', debit: 1 }])).toContain('lines:ledger_min_lines');
    expect(codes([{ account: 'CASH', debit: 1, credit: 1 }, { account: 'BANK', credit: 0 }])).toEqual(['lines.0.credit:ledger_debit_xor_credit', 'lines.1.debit:ledger_debit_xor_credit']);
    expect(codes([{ account: 'CASH', debit: 1.5 }, { account: 'BANK', credit: 1.5 }])).toEqual(['lines.0.debit:ledger_amount_invalid', 'lines.1.credit:ledger_amount_invalid']);
    expect(codes([{ account: 'CASH', debit: -5 }, { account: 'BANK', credit: -5 }])).toHaveLength(2);
    expect(codes([{ account: 'CASH', debit: 2 ** 53 }, { account: 'BANK', credit: 2 ** 53 }])).toHaveLength(2);
    expect(codes([{ account: 'CASH', debit: Number.MAX_SAFE_INTEGER }, { account: 'BANK', debit: Number.MAX_SAFE_INTEGER }, { account: 'SALES_MEMBER', credit: 1 }])).toContain('lines:ledger_total_too_large');
    expect(codes([{ account: 'NOPE', debit: 1 }, { account: 'BANK', credit: 1 }])).toEqual(['lines.0.account:ledger_account_unknown']);
  });

  it('refuses an inactive account', () => {
    const inactive = (ref: string) => {
      const a = find(ref);
      return a && ref === 'BANK' ? { ...a, isActive: false } : a;
    };
    const r = checkEntryLines([{ account: 'CASH', debit: 1 }, { account: 'BANK', credit: 1 }], inactive);
    expect(r.ok ? [] : r.fields.map((f) => f.code)).toEqual(['ledger_account_inactive']);
  });
});

const line = (lineNo: number, accountId: string, debit: number, credit: number): EntryLine => ({ lineNo, accountId, debit, credit, memberId: null, businessUnit: null, memo: null });

describe('the entry hash', () => {
  const base = {
    coopId: 'c',
    id: 'e',
    seq: 1,
    date: '2025-01-02',
    description: 'Jual',
    source: 'manual',
    sourceRef: null,
    idempotencyKey: 'k',
    reversesEntryId: null,
    createdBy: null,
    lines: [line(1, 'a', 5, 0), line(2, 'b', 0, 5)]
  };

  it('does not depend on the order lines are given in', () => {
    expect(entryHash({ ...base, lines: [...base.lines].reverse() }, GENESIS_HASH)).toBe(entryHash(base, GENESIS_HASH));
  });

  it('changes with any content, the place in the chain, or the previous hash', () => {
    const h = entryHash(base, GENESIS_HASH);
    expect(entryHash({ ...base, description: 'Jual!' }, GENESIS_HASH)).not.toBe(h);
    expect(entryHash({ ...base, seq: 2 }, GENESIS_HASH)).not.toBe(h);
    expect(entryHash({ ...base, lines: [line(1, 'a', 6, 0), line(2, 'b', 0, 6)] }, GENESIS_HASH)).not.toBe(h);
    expect(entryHash(base, 'f'.repeat(64))).not.toBe(h);
    expect(canonicalEntry(base, GENESIS_HASH)).toContain('"lumbung-ledger-v1"');
  });
});

describe('periods', () => {
  it('takes the previous period of the same length', () => {
    expect(previousPeriod({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(previousPeriod({ from: '2025-03-01', to: '2025-03-31' })).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(previousPeriod({ from: '2024-07-01', to: '2025-06-30' })).toEqual({ from: '2023-07-01', to: '2024-06-30' });
    expect(previousPeriod({ from: '2025-03-10', to: '2025-03-19' })).toEqual({ from: '2025-02-28', to: '2025-03-09' });
  });

  it('finds the financial year and its last day', () => {
    expect(fiscalYearOf('2025-03-10', 1)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(fiscalYearOf('2025-03-10', 7)).toEqual({ from: '2024-07-01', to: '2025-06-30' });
    expect(isFiscalYearEnd('2025-06-30', 7)).toBe(true);
    expect(isFiscalYearEnd('2025-12-31', 7)).toBe(false);
  });
});

// ---- properties: random postings and reversals, sealed into a chain ----

type Op = { kind: 'post'; lines: { account: number; amount: number; side: 'd' | 'c' }[] } | { kind: 'reverse'; target: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.record({ account: fc.nat({ max: accounts.length - 1 }), amount: fc.integer({ min: 1, max: 10_000_000_000 }) }), { minLength: 1, maxLength: 5 })
      .chain((debits) =>
        fc.nat({ max: accounts.length - 1 }).map((creditAccount) => ({
          kind: 'post' as const,
          lines: [...debits.map((d) => ({ ...d, side: 'd' as const })), { account: creditAccount, amount: debits.reduce((s, d) => s + d.amount, 0), side: 'c' as const }]
        }))
      )
  },
  { weight: 1, arbitrary: fc.nat({ max: 50 }).map((target) => ({ kind: 'reverse' as const, target })) }
);

function simulate(ops: Op[]): StoredEntry[] {
  const entries: StoredEntry[] = [];
  const reversed = new Set<number>();
  let prev = GENESIS_HASH;
  for (const op of ops) {
    let lines: EntryLine[];
    let reversesEntryId: string | null = null;
    if (op.kind === 'post') {
      const req = op.lines.map((l) => ({ account: accounts[l.account]!.code, ...(l.side === 'd' ? { debit: l.amount } : { credit: l.amount }) }));
      const r = checkEntryLines(req, find);
      if (!r.ok) throw new Error(`generated an invalid entry: ${JSON.stringify(r)}`);
      lines = r.lines;
    } else {
      const target = entries.length ? op.target % entries.length : -1;
      if (target < 0 || reversed.has(target)) continue;
      reversed.add(target);
      lines = reverseLines(entries[target]!.lines);
      reversesEntryId = entries[target]!.id;
    }
    const seq = entries.length + 1;
    const e = {
      coopId: 'c',
      id: `e${seq}`,
      seq,
      date: '2025-01-01',
      description: op.kind,
      source: 'test',
      sourceRef: null,
      idempotencyKey: `k${seq}`,
      reversesEntryId,
      createdBy: null,
      lines,
      lineCount: lines.length,
      total: lines.reduce((s, l) => s + l.debit, 0)
    };
    const hash = entryHash(e, prev);
    entries.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

function movementsOf(entries: StoredEntry[]): Movements {
  const m = new Map<string, { debit: number; credit: number }>();
  for (const e of entries)
    for (const l of e.lines) {
      const v = m.get(l.accountId) ?? { debit: 0, credit: 0 };
      m.set(l.accountId, { debit: v.debit + l.debit, credit: v.credit + l.credit });
    }
  return m;
}

describe('properties over random postings and reversals', () => {
  it('keeps the trial balance at zero, the balance sheet balanced and the chain verifying', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const entries = simulate(ops);
        const mov = movementsOf(entries);
        const balances = new Map([...mov].map(([id, v]) => [id, v.debit - v.credit]));
        const period = { from: '2025-01-01', to: '2025-12-31' };
        const prev = { from: '2024-01-01', to: '2024-12-31' };
        const c = { accounts, t, locale: 'id' as const };
        const tb = buildTrialBalance(c, period, prev, mov, balances, new Map());
        expect(tb.balanced).toBe(true);
        expect([...balances.values()].reduce((s, v) => s + v, 0)).toBe(0);
        expect(buildBalanceSheet(c, period, prev, balances, new Map()).balanced).toBe(true);
        expect(checkChain(entries, 0, GENESIS_HASH)).toEqual({ lastSeq: entries.length, lastHash: entries.at(-1)?.hash ?? GENESIS_HASH });
      }),
      { numRuns: 150 }
    );
  });

  it('nets every reversed entry to zero on each account', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 20 }), (ops) => {
        const posted = simulate(ops.filter((o) => o.kind === 'post'));
        const both = [...posted, ...posted.map((e) => ({ ...e, lines: reverseLines(e.lines) }))];
        for (const v of movementsOf(both).values()) expect(v.debit).toBe(v.credit);
      })
    );
  });

  it('finds the first entry changed anywhere in the chain', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 2, maxLength: 30 }), fc.nat(), fc.integer({ min: 1, max: 1000 }), (ops, pick, delta) => {
        const entries = simulate(ops);
        fc.pre(entries.length > 0);
        const i = pick % entries.length;
        const target = entries[i]!;
        const tampered = entries.map((e, j) =>
          j === i ? { ...e, lines: e.lines.map((l, k) => (k === 0 ? { ...l, debit: l.debit ? l.debit + delta : 0, credit: l.credit ? l.credit + delta : 0 } : l)) } : e
        );
        const r = checkChain(tampered, 0, GENESIS_HASH);
        expect('problem' in r && r.problem.entryId).toBe(target.id);
      })
    );
  });
});
