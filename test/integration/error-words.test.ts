import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, PASSWORD, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { translateError } from '../../src/kernel/i18n.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';

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

const GENERIC = ['Format tidak valid.', 'Not a valid format.'];

describe('"already taken" says so (issue 12 item 14)', () => {
  it('an email or phone number that has an account', async () => {
    await createAccount(t.db, { name: 'Pemilik Nomor', email: 'pemilik@contoh.id', phone: '081277778888', password: PASSWORD });
    const email = await createAccount(t.db, { name: 'Orang Lain', email: 'PEMILIK@contoh.id', password: PASSWORD }).catch((e: unknown) => e);
    const phone = await createAccount(t.db, { name: 'Orang Lain', phone: '+62 812 7777 8888', password: PASSWORD }).catch((e: unknown) => e);
    for (const [err, code, field] of [[email, 'EMAIL_TAKEN', 'email'], [phone, 'PHONE_TAKEN', 'phone']] as const) {
      const id = translateError('id', err);
      const en = translateError('en', err);
      expect(id.code).toBe(code);
      expect(id.status).toBe(409);
      expect(id.fields).toEqual([{ field, code: 'taken', message: 'Sudah terdaftar pada akun lain.' }]);
      expect(en.fields[0]!.message).toBe('Already registered to another account.');
    }
    // Through the API: phone-only sign-up (decision 0102) answers in the user's language.
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', headers: { 'accept-language': 'en' }, payload: { name: 'Orang Lain', phone: '0812-7777-8888', password: 'Lumbung padi di lereng Merapi' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PHONE_TAKEN', message: 'This phone number is already used by another account.' });
    expect(res.json().fields[0].message).toBe('Already registered to another account.');
  });

  it('a ledger account code that another account uses', async () => {
    const s = await signInAs(app, a.accounts.bendahara);
    const body = { code: '5.9.77', name: 'Beban Sewa Panggung', subgroup: 'beban_usaha' };
    const first = await call(app, s, 'POST', `/api/v1/coops/${a.id}/ledger/accounts`, body);
    expect(first.statusCode).toBe(201);
    const again = await call(app, s, 'POST', `/api/v1/coops/${a.id}/ledger/accounts`, { ...body, name: 'Beban Lain' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LEDGER_ACCOUNT_CODE_TAKEN');
    expect(again.json().fields).toEqual([{ field: 'code', code: 'account_code_taken', message: 'Kode akun ini sudah dipakai akun lain.' }]);
    // A signed-in person's language is their account's, or the language cookie.
    const en = await call(app, s, 'POST', `/api/v1/coops/${a.id}/ledger/accounts`, body, { cookie: `${s.cookie}; lang=en` });
    expect(en.json().fields[0].message).toBe('Another account already uses this code.');
    expect(GENERIC).not.toContain(en.json().fields[0].message);
  });
});

describe('a gateway checkout without a gateway (issue 12 item 14)', () => {
  it('is refused with a clear 409 and writes no order; with the gateway on it goes through', async () => {
    const m = await addMember(a.ctx('ketua'), { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' });
    const w = await createWork(a.ctx('ketua'), {
      productLine: 'suara',
      title: 'Album Gerbang',
      description: 'Rekaman.',
      publicPrice: 150_000,
      attributes: { format: 'album', tracks: [{ title: 'Lagu', durationSec: 215 }] },
      creators: [{ memberId: m.id, creditName: 'Sri', shareBp: 10_000 }]
    });
    await publishWork(a.ctx('ketua'), w.id);
    const orders = async () => (await t.db.selectFrom('orders').select('id').where('coop_id', '=', a.id).execute()).length;
    const body = { lines: [{ workId: w.id, quantity: 1 }], paymentMethod: 'gateway', buyer: { name: 'Pembeli Umum', email: 'pembeli@contoh.id' } };
    const res = await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/checkout`, body);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ORDER_GATEWAY_NOT_CONFIGURED', message: 'Koperasi ini belum mengatur gerbang pembayaran. Pilih cara bayar lain.' });
    expect(res.json().fields).toEqual([{ field: 'paymentMethod', code: 'gateway_not_configured', message: 'Gerbang pembayaran belum diatur untuk koperasi ini.' }]);
    const en = await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/checkout`, body, { 'accept-language': 'en' });
    expect(en.json().message).toBe('This cooperative has no payment gateway set up. Choose another way to pay.');
    expect(await orders()).toBe(0);

    // Switched off counts as not configured; switched on, the same checkout is taken.
    const s = await signInAs(app, a.accounts.bendahara);
    expect((await call(app, s, 'PUT', `/api/v1/coops/${a.id}/payments/providers/midtrans`, { serverKey: 'SB-Mid-server-Kunci123', enabled: false })).statusCode).toBe(200);
    expect((await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/checkout`, body)).statusCode).toBe(409);
    expect((await call(app, s, 'PUT', `/api/v1/coops/${a.id}/payments/providers/midtrans`, { enabled: true })).statusCode).toBe(200);
    const ok = await call(app, null, 'POST', `/api/v1/public/coops/${a.slug}/checkout`, body);
    expect(ok.statusCode).toBe(201);
    expect(await orders()).toBe(1);
  });
});

