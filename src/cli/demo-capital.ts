import type { TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { capitalRules } from '../capital/capital-rules.js';
import { dayAfter, periodOf } from '../capital/model.js';
import { listCapitalRegister } from '../capital/list-capital-register.js';
import { getMember } from '../members/get-member.js';
import { recordPokokPayment } from '../capital/record-pokok-payment.js';
import { recordWajibPayment } from '../capital/record-wajib-payment.js';
import { depositSukarela } from '../capital/deposit-sukarela.js';
import { withdrawSukarela } from '../capital/withdraw-sukarela.js';
import { isAppError } from '../kernel/errors.js';

/** A repeatable pseudo-random sequence (the demo is the same on every machine). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

type Planned = { date: string; memberId: string; kind: 'pokok' | 'wajib' | 'deposit' | 'withdrawal'; amount: number };

/**
 * A year of realistic capital movements for the demo cooperative, recorded by the bendahara
 * through the capital use cases (so every one has its receipt and ledger entry): pokok on
 * joining (a few in two instalments, two not yet complete), wajib monthly or by the quarter
 * (three members fell behind lately), and sukarela deposits with occasional withdrawals.
 */
export async function seedCapitalDemo(bendahara: TenantCtx): Promise<number> {
  const today = jakartaDate(bendahara.clock.now());
  const rules = await capitalRules(bendahara);
  if (!rules) return 0;
  const rand = lcg(20_26);
  const register = await listCapitalRegister(bendahara, { status: 'all' });
  const plan: Planned[] = [];
  for (const [i, row] of register.rows.entries()) {
    const member = await getMember(bendahara, row.memberId);
    const joined = member.joinedOn ?? addDays(today, -3);
    // Pokok: in full on joining; every fifth member in two instalments; two still owe part of it.
    const half = Math.floor(rules.pokok / 2);
    if (i === 7 || i === 15) plan.push({ date: joined, memberId: row.memberId, kind: 'pokok', amount: half });
    else if (i % 5 === 2) plan.push({ date: joined, memberId: row.memberId, kind: 'pokok', amount: half }, { date: addDays(joined, 30), memberId: row.memberId, kind: 'pokok', amount: rules.pokok - half });
    else plan.push({ date: joined, memberId: row.memberId, kind: 'pokok', amount: rules.pokok });
    if (row.status !== 'active' || rules.wajib === 0) continue;

    // Wajib: monthly around the 5th–12th, or one payment a quarter; members 4, 11 and 18 stopped three months ago.
    const quarterly = i % 4 === 1;
    const stopsEarly = i === 4 || i === 11 || i === 18;
    const stopAt = stopsEarly ? addDays(today, -95) : today;
    let period = periodOf(joined, 'monthly');
    let owed = 0;
    let n = 0;
    while (period.start <= stopAt) {
      owed += rules.wajib;
      n += 1;
      const payDay = addDays(period.start, 4 + Math.floor(rand() * 8));
      const date = payDay < joined ? joined : payDay;
      if ((!quarterly || n % 3 === 0) && date <= stopAt) {
        plan.push({ date, memberId: row.memberId, kind: 'wajib', amount: owed });
        owed = 0;
      }
      period = periodOf(dayAfter(period.end), 'monthly');
    }

    // Sukarela: some members save regularly, others now and then; a few withdraw.
    if (i % 3 !== 0) {
      let day = addDays(joined, 10 + Math.floor(rand() * 20));
      while (day <= today) {
        const amount = (1 + Math.floor(rand() * 20)) * 25_000;
        plan.push({ date: day, memberId: row.memberId, kind: rand() < 0.25 ? 'withdrawal' : 'deposit', amount });
        day = addDays(day, 30 + Math.floor(rand() * 60));
      }
    }
  }
  plan.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let recorded = 0;
  const run = { pokok: recordPokokPayment, wajib: recordWajibPayment, deposit: depositSukarela, withdrawal: withdrawSukarela };
  for (const p of plan) {
    if (p.date > today) continue;
    try {
      await run[p.kind](bendahara, p.memberId, { amount: p.amount, method: p.amount >= 500_000 ? 'bank' : 'cash', date: p.date, idempotencyKey: `demo-${p.memberId}-${p.kind}-${p.date}-${p.amount}` });
      recorded += 1;
    } catch (err) {
      // A withdrawal larger than what was saved by then is simply not made.
      if (isAppError(err) && err.code === 'CAPITAL_INSUFFICIENT_BALANCE') continue;
      throw err;
    }
  }
  return recorded;
}
