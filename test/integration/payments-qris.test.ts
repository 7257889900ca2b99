import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { encodeTlv, parseQris, withCrc } from '../../src/payments/qris.js';
import { qrisForAmount } from '../../src/payments/qris-for-amount.js';

const STATIC = withCrc([
  { tag: '00', value: '01' },
  { tag: '01', value: '11' },
  { tag: '26', value: encodeTlv([{ tag: '00', value: 'ID.CO.QRIS.WWW' }, { tag: '01', value: '936009153456789012' }]) },
  { tag: '52', value: '5947' },
  { tag: '53', value: '360' },
  { tag: '58', value: 'ID' },
  { tag: '59', value: 'KOP LUMBUNG SARI' },
  { tag: '60', value: 'SLEMAN' }
]);

let t: TestDb;
let app: App;
let a: SeededCoop;

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const rows = async () => Number((await t.db.selectFrom('qris_settings').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

describe("the cooperative's static QRIS", () => {
  it('refuses a payload with a wrong CRC with a 400 naming the field, and saves nothing', async () => {
    const s = await signInAs(app, a.accounts.bendahara);
    const res = await call(app, s, 'PUT', `/api/v1/coops/${a.id}/payments/qris`, { staticPayload: `${STATIC.slice(0, -4)}FFFF` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'QRIS_INVALID', fields: [{ field: 'staticPayload', code: 'qris_crc' }] });
    expect(res.json().fields[0].message).toContain('CRC');
    expect(await rows()).toBe(0);
  });

  it('lets only ketua and bendahara save and read it', async () => {
    for (const role of ['sekretaris', 'staf', 'anggota', 'pengawas'] as const) {
      const s = await signInAs(app, a.accounts[role]);
      expect((await call(app, s, 'PUT', `/api/v1/coops/${a.id}/payments/qris`, { staticPayload: STATIC })).statusCode).toBe(403);
      expect((await call(app, s, 'GET', `/api/v1/coops/${a.id}/payments/qris`)).statusCode).toBe(403);
    }
    expect(await rows()).toBe(0);
  });

  it('saves a valid static QRIS and derives a dynamic one for an exact amount', async () => {
    await expect(qrisForAmount({ db: t.db } as never, a.id, 10_000)).rejects.toMatchObject({ code: 'QRIS_NOT_CONFIGURED' });
    const s = await signInAs(app, a.accounts.ketua);
    const res = await call(app, s, 'PUT', `/api/v1/coops/${a.id}/payments/qris`, { staticPayload: STATIC });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ merchantName: 'KOP LUMBUNG SARI', merchantCity: 'SLEMAN' });
    expect((await call(app, s, 'GET', `/api/v1/coops/${a.id}/payments/qris`)).json().settings.staticPayload).toBe(STATIC);
    const { payload, svg } = await qrisForAmount({ db: t.db } as never, a.id, 275_000);
    const parsed = parseQris(payload);
    expect(parsed.ok && parsed.value.amount).toBe(275_000);
    expect(parsed.ok && parsed.value.isDynamic).toBe(true);
    expect(svg.startsWith('<svg')).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select(['action']).where('coop_id', '=', a.id).where('action', '=', 'qris.save').execute();
    expect(audit).toHaveLength(1);
  });
});
