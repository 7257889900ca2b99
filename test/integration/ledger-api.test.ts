import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/types.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop, type Session } from '../support/fixtures.js';

let t: TestDb;
let app: App;
let coop: SeededCoop;
let bendahara: Session;

const entry = (key: string, debit: number, credit = debit) => ({
  idempotencyKey: key,
  date: '2025-05-02',
  description: 'Honor penampil',
  lines: [
    { account: 'SALARIES', debit },
    { account: 'CASH', credit }
  ]
});

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  coop = await seedCoop(t.db);
  bendahara = await signInAs(app, coop.accounts.bendahara);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('ledger API', () => {
  const base = () => `/api/v1/coops/${coop.id}/ledger`;

  it('posts an entry (201), answers a repeat with the same entry (200)', async () => {
    const first = await call(app, bendahara, 'POST', `${base()}/entries`, entry('api-1', 75_000));
    expect(first.statusCode).toBe(201);
    expect(first.json().lines.map((l: { accountCode: string }) => l.accountCode)).toEqual(['5.2.01', '1.1.01']);
    const again = await call(app, bendahara, 'POST', `${base()}/entries`, entry('api-1', 75_000));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
  });

  it('rejects a fractional amount with 400 and a message for the field, writing nothing', async () => {
    const res = await call(app, bendahara, 'POST', `${base()}/entries`, entry('api-frac', 1000.5));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toEqual(['lines.0.debit', 'lines.1.credit']);
    expect(await t.db.selectFrom('journal_entries').select('id').where('idempotency_key', '=', 'api-frac').execute()).toEqual([]);
  });

  it('answers an unbalanced entry with 422 LEDGER_UNBALANCED in rupiah', async () => {
    const res = await call(app, bendahara, 'POST', `${base()}/entries`, entry('api-unb', 1000, 900));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'LEDGER_UNBALANCED' });
    expect(res.json().message).toContain('Rp');
  });

  it('lets the pengawas read statements and verify, but not post', async () => {
    const pengawas = await signInAs(app, coop.accounts.pengawas);
    expect((await call(app, pengawas, 'POST', `${base()}/entries`, entry('api-p', 1))).statusCode).toBe(403);
    const bs = await call(app, pengawas, 'GET', `${base()}/statements/posisi-keuangan?from=2025-01-01&to=2025-12-31`);
    expect(bs.statusCode).toBe(200);
    expect(bs.json().balanced).toBe(true);
    expect((await call(app, pengawas, 'GET', `${base()}/statements/tidak-ada`)).statusCode).toBe(404);
    const v = await call(app, pengawas, 'GET', `${base()}/verify`);
    expect(v.json()).toMatchObject({ ok: true, entries: 1 });
  });

  it('exports a statement as PDF and XLSX', async () => {
    const pdf = await call(app, bendahara, 'GET', `${base()}/statements/hasil-usaha/export?format=pdf&from=2025-01-01&to=2025-12-31`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await call(app, bendahara, 'GET', `${base()}/statements/neraca-saldo/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('reverses through the API once', async () => {
    const posted = await call(app, bendahara, 'POST', `${base()}/entries`, entry('api-r', 5_000));
    const rev = await call(app, bendahara, 'POST', `${base()}/entries/${posted.json().id}/reverse`, { reason: 'Salah akun' });
    expect(rev.statusCode).toBe(201);
    expect(rev.json().reversesEntryId).toBe(posted.json().id);
    expect((await call(app, bendahara, 'POST', `${base()}/entries/${posted.json().id}/reverse`, { reason: 'Lagi' })).statusCode).toBe(409);
  });
});
