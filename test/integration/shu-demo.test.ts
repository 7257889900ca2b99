import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, signInAs, testApp } from '../support/fixtures.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/cli/demo.js';
import type { App } from '../../src/server/types.js';

let t: TestDb;
let app: App;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  app = await testApp(t.db);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('the demo cooperative’s SHU', () => {
  it('has its last fiscal year closed, distributed by a RAT decision, posted and partly paid; the books still balance', async () => {
    const coop = await t.db.selectFrom('coops').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow();
    const runs = await t.db.selectFrom('shu_runs').select(['id', 'status', 'outcome', 'decision_ref', 'pool']).where('coop_id', '=', coop.id).execute();
    expect(runs).toHaveLength(1);
    expect(['posted', 'paid']).toContain(runs[0]!.status);
    expect(runs[0]!.decision_ref).toMatch(/^Keputusan No\./);
    const tb = await t.db.selectFrom('journal_lines').select(sql<string>`sum(debit - credit)`.as('d')).where('coop_id', '=', coop.id).executeTakeFirstOrThrow();
    expect(Number(tb.d)).toBe(0);

    const s = await signInAs(app, { email: 'bendahara@lumbung.test', password: DEMO_PASSWORD });
    const run = await call(app, s, 'GET', `/api/v1/coops/${coop.id}/shu/runs/${runs[0]!.id}`);
    expect(run.statusCode).toBe(200);
    if (runs[0]!.outcome === 'DISTRIBUTED') {
      const body = run.json();
      const jm = body.components.find((c: { key: string }) => c.key === 'JASA_MODAL')?.amount ?? 0;
      const ju = body.components.find((c: { key: string }) => c.key === 'JASA_USAHA')?.amount ?? 0;
      const moved = body.toCadangan.filter((x: { reason: string }) => x.reason.startsWith('EMPTY')).reduce((a: number, x: { amount: number }) => a + x.amount, 0);
      expect(body.totals.total).toBe(jm + ju - moved);
      expect(body.totals.paidCount).toBeGreaterThan(0);
    }
    // The compliance view now measures the charter's surplus rule on this run.
    const compliance = (await call(app, s, 'GET', `/api/v1/coops/${coop.id}/compliance`)).json() as { items: { ruleKey: string; status: string; evidence: { text: string } }[] };
    const surplus = compliance.items.find((i) => i.ruleKey === 'surplus');
    expect(surplus).toMatchObject({ status: 'pass' });
    expect(surplus!.evidence.text).toContain(runs[0]!.decision_ref!);
  });
});
