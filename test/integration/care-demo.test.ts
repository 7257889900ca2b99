import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { testApp } from '../support/fixtures.js';
import { DEMO_SLUG } from '../../src/cli/demo.js';
import type { App } from '../../src/server/types.js';

let t: TestDb;
let app: App;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  app = await testApp(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the demo cooperative’s community funds', () => {
  it('has a programme with budget vs actual, donations, a grant, two paid applications, one refused by the state-aid rule, and a public page without names', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${DEMO_SLUG}/care` });
    expect(r.statusCode).toBe(200);
    const c = r.json();
    expect(c.programmes[0]).toMatchObject({ title: 'Posyandu lansia RW 05', budget: 3_000_000, actual: 600_000, received: 1_500_000 });
    expect(c.movements.map((m: { kind: string }) => m.kind).sort()).toEqual(['disbursement', 'disbursement', 'disbursement', 'donation', 'donation', 'grant']);
    expect(c.movements.find((m: { counterparty: string | null }) => m.counterparty === 'Toko Batik Sekar')).toBeTruthy();
    expect(c.funds.find((f: { kind: string }) => f.kind === 'hibah')).toMatchObject({ isStateAid: true, balance: 1_800_000 });
    const apps = await t.db.selectFrom('care_applications').select(['status', 'refused_rule']).orderBy('created_at').execute();
    expect(apps).toEqual([
      { status: 'paid', refused_rule: null },
      { status: 'paid', refused_rule: null },
      { status: 'refused', refused_rule: 'noStateAidForWellOff' }
    ]);
    const page = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${DEMO_SLUG}/care.csv` });
    for (const text of [r.body, page.body]) for (const name of ['Mbah Painem', 'Pak Suyatno', 'Bu Juragan Perak', 'Hamba Allah']) expect(text).not.toContain(name);
  });
});
