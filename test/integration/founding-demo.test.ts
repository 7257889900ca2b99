import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOUNDING_DEMO_EMAIL } from '../../src/cli/demo-founding.js';
import { DEMO_PASSWORD } from '../../src/cli/demo.js';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, signInAs, testApp } from '../support/fixtures.js';

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

describe('the demo founding group', () => {
  it('is halfway: ten founders, the vision agreed, seven needs surveys in the map, links proposed; not an active coop', async () => {
    const s = await signInAs(app, { email: FOUNDING_DEMO_EMAIL, password: DEMO_PASSWORD });
    const mine = (await call(app, s, 'GET', '/api/v1/founding')).json().items;
    expect(mine).toEqual([expect.objectContaining({ name: 'Koperasi Produsen Budaya Prenggan', status: 'founding' })]);
    const id = mine[0].coopId;
    const g = (await call(app, s, 'GET', `/api/v1/founding/${id}`)).json();
    expect(g.founders).toHaveLength(10);
    expect(g.progress.current).toBe('usaha');
    const map = (await call(app, s, 'GET', `/api/v1/founding/${id}/needs-map`)).json();
    expect(map).toMatchObject({ respondents: 7, founders: 10 });
    expect(map.items.length).toBe(6);
    const biz = (await call(app, s, 'GET', `/api/v1/founding/${id}/businesses`)).json();
    expect(biz.links.some((l: { kind: string }) => l.kind === 'supply')).toBe(true);
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.body).not.toContain('Prenggan</');
  });
});
