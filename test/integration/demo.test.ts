import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, signInAs, testApp } from '../support/fixtures.js';
import { DEMO_PASSWORD, DEMO_SLUG, seedDemo } from '../../src/cli/demo.js';
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

describe('the demo cooperative', () => {
  it('is seeded once through the use cases, with officers who can sign in', async () => {
    // The demo template was made by seedDemo (test/support/db.ts); seeding again changes nothing.
    const first = await seedDemo(t.url);
    const again = await seedDemo(t.url);
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
    // The peer-learning forum (decision 0165): a theme with a thread, replies and one helpful mark.
    const themes = (await call(app, s, 'GET', `/api/v1/coops/${coopId}/forum/themes`)).json().items;
    expect(themes).toHaveLength(1);
    const theme = (await call(app, s, 'GET', `/api/v1/coops/${coopId}/forum/themes/${coopId}/${themes[0].id}`)).json();
    expect(theme.sessionStartsAt).not.toBeNull();
    expect(theme.threads).toHaveLength(1);
    expect(theme.threads[0].replies).toHaveLength(2);
    expect(theme.threads[0].replies.filter((r: { helpful: boolean }) => r.helpful)).toHaveLength(1);
  });

  it('is seeded whole or not at all: interrupted half-way, it leaves no trace', async () => {
    const fresh = await createTestDb();
    onTestFinished(() => fresh.drop());
    const interrupt = new AbortController();
    const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
    await admin.connect();
    onTestFinished(() => admin.end());
    // Interrupt once the seed's transaction has written rows (it has a transaction id).
    const seeding = seedDemo(fresh.url, { signal: interrupt.signal });
    const database = new URL(fresh.url).pathname.slice(1);
    for (;;) {
      const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND backend_xid IS NOT NULL', [database]);
      if (rows[0]!.n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 500));
    interrupt.abort();
    await expect(seeding).rejects.toThrow();
    for (const table of ['coops', 'accounts', 'members', 'audit_log', 'journal_entries'] as const) {
      const { n } = await fresh.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n), table).toBe(0);
    }
  });
});

