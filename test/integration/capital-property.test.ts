import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { isAppError } from '../../src/kernel/errors.js';
import { withTenant } from '../../src/db/tenant.js';
import { adoptCharter } from '../../src/charters/adopt-charter.js';
import { addMember } from '../../src/members/add-member.js';
import { memberBalance } from '../../src/ledger/get-member-ledger-balance.js';
import { depositSukarela } from '../../src/capital/deposit-sukarela.js';
import { withdrawSukarela } from '../../src/capital/withdraw-sukarela.js';
import { getMemberCapital } from '../../src/capital/get-member-capital.js';

/**
 * Properties over random sequences of sukarela deposits and withdrawals, on real PostgreSQL:
 * the balance never goes below zero, equals deposits minus the withdrawals accepted, and
 * equals the member's balance in the ledger. Some steps run at the same moment.
 */
let t: TestDb;
let coop: SeededCoop;

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db);
  await adoptCharter(coop.ctx('ketua'), { template: 'tujuh_prinsip', note: 'Rapat pendiri' });
});
afterAll(async () => {
  await t.drop();
});

type Op = { kind: 'deposit' | 'withdrawal'; amount: number };
const op = fc.record({ kind: fc.constantFrom<'deposit' | 'withdrawal'>('deposit', 'withdrawal'), amount: fc.integer({ min: 1, max: 50_000 }) });

async function run(memberId: string, o: Op): Promise<boolean> {
  const ctx = coop.ctx('bendahara');
  try {
    await (o.kind === 'deposit' ? depositSukarela : withdrawSukarela)(ctx, memberId, { amount: o.amount, method: 'cash' });
    return true;
  } catch (e) {
    if (isAppError(e) && e.code === 'CAPITAL_INSUFFICIENT_BALANCE' && o.kind === 'withdrawal') return false;
    throw e;
  }
}

describe('sukarela over random sequences (property)', () => {
  it('accepts a withdrawal exactly when the balance covers it, one step at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const m = await addMember(coop.ctx('ketua'), { fullName: 'Anggota Uji', gender: 'F', asStatus: 'active' });
        let model = 0;
        for (const o of ops) {
          const accepted = await run(m.id, o);
          const expected = o.kind === 'deposit' || o.amount <= model;
          expect(accepted).toBe(expected);
          if (accepted) model += o.kind === 'deposit' ? o.amount : -o.amount;
        }
        const c = await getMemberCapital(coop.ctx('pengawas'), m.id);
        expect(c.balances.sukarela).toBe(model);
        expect(c.movements.every((x) => x.balancesAfter.sukarela >= 0)).toBe(true);
        expect(await withTenant(t.db, coop.id, (trx) => memberBalance(trx, coop.id, m.id, 'SIMPANAN_SUKARELA'))).toBe(model);
      }),
      { numRuns: 15 }
    );
  });

  it('never goes below zero and matches the ledger when steps run at the same moment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), async (batches) => {
        const m = await addMember(coop.ctx('ketua'), { fullName: 'Anggota Serentak', gender: 'M', asStatus: 'active' });
        let deposits = 0;
        let withdrawn = 0;
        for (const batch of batches) {
          const accepted = await Promise.all(batch.map((o) => run(m.id, o)));
          batch.forEach((o, i) => {
            if (o.kind === 'deposit') deposits += o.amount;
            else if (accepted[i]) withdrawn += o.amount;
          });
        }
        const c = await getMemberCapital(coop.ctx('pengawas'), m.id);
        expect(c.balances.sukarela).toBe(deposits - withdrawn);
        expect(c.balances.sukarela).toBeGreaterThanOrEqual(0);
        // Replaying the statement in order never dips below zero either.
        let running = 0;
        for (const x of c.movements) {
          running += x.deltas.sukarela;
          expect(running).toBeGreaterThanOrEqual(0);
          expect(x.balancesAfter.sukarela).toBe(running);
        }
        expect(await withTenant(t.db, coop.id, (trx) => memberBalance(trx, coop.id, m.id, 'SIMPANAN_SUKARELA'))).toBe(deposits - withdrawn);
      }),
      { numRuns: 12 }
    );
  });
});
