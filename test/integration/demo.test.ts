import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, signInAs, testApp } from '../support/fixtures.js';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../../src/cli/demo.js';
import type { App } from '../../src/server/types.js';

let t: TestDb;
let app: App;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('the demo cooperative', () => {
  it('is seeded once through the use cases, with officers who can sign in', async () => {
    const first = await seedDemo(t.db);
    const again = await seedDemo(t.db);
    expect(again).toEqual(first);
    const coops = await t.db.selectFrom('coops').select('id').where('slug', '=', DEMO_SLUG).execute();
    expect(coops).toHaveLength(1);

    const s = await signInAs(app, { email: 'ketua@lumbung.test', password: DEMO_PASSWORD });
    const me = await call(app, s, 'GET', '/api/v1/me');
    const coopId = me.json().coops[0].id as string;
    const members = await call(app, s, 'GET', `/api/v1/coops/${coopId}/members?status=active&pageSize=100`);
    expect(members.statusCode).toBe(200);
    expect(members.json().total).toBe(22);
    const audit = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('coop_id', '=', coopId).executeTakeFirstOrThrow();
    expect(Number(audit.n)).toBeGreaterThan(22);
    const charter = await t.db.selectFrom('charters').select(['version', 'template']).where('coop_id', '=', coopId).execute();
    expect(charter).toEqual([{ version: 1, template: 'tujuh_prinsip' }]);
    // Education (decision 0120): two programmes, past sessions with attendance, a certificate, a meeting that is a session.
    const programmes = (await call(app, s, 'GET', `/api/v1/coops/${coopId}/education/programmes`)).json().items;
    expect(programmes).toHaveLength(2);
    const basics = (await call(app, s, 'GET', `/api/v1/coops/${coopId}/education/programmes/${programmes.find((p: { kind: string }) => p.kind === 'perkoperasian').id}`)).json();
    expect(basics.sessions.map((x: { present: number }) => x.present)).toEqual([5, 4]);
    expect(basics.participants.filter((p: { certificateCode: string | null }) => p.certificateCode)).toHaveLength(1);
    const linked = await t.db.selectFrom('edu_sessions').select('meeting_id').where('coop_id', '=', coopId).where('meeting_id', 'is not', null).execute();
    expect(linked).toHaveLength(1);
  });
});
