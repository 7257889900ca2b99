import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { listFunds } from '../../src/care/funds.js';
import { createProgramme } from '../../src/care/programmes.js';
import { confirmDonation } from '../../src/care/donations.js';
import { careReceiptDocument } from '../../src/care/receipt.js';
import { saveQrisSettings } from '../../src/payments/qris-save-settings.js';
import { encodeTlv, parseTlv, withCrc } from '../../src/payments/qris.js';
import { getOrderSettings, saveOrderSettings } from '../../src/orders/order-settings.js';

/**
 * A public donation to a programme: an exact QRIS (the coop's saved QRIS, as orders use it) or
 * the coop's transfer account; the bendahara's confirmation posts it once through postEntry as a
 * numbered receipt; the donor's page then gives the receipt (PDF, amount in words); the public
 * page shows the donation without the donor's name unless they chose so.
 */
const STATIC_QRIS = withCrc([
  { tag: '00', value: '01' },
  { tag: '01', value: '11' },
  { tag: '26', value: encodeTlv([{ tag: '00', value: 'ID.CO.QRIS.WWW' }, { tag: '01', value: '936009153456789012' }, { tag: '02', value: 'ID1024567890123' }, { tag: '03', value: 'UMI' }]) },
  { tag: '52', value: '5947' },
  { tag: '53', value: '360' },
  { tag: '58', value: 'ID' },
  { tag: '59', value: 'KOPERASI PEDULI UJI' },
  { tag: '60', value: 'YOGYAKARTA' }
]);

let t: TestDb;
let app: App;
let a: SeededCoop;
let programmeId: string;
let social: string;
const post = (url: string, body: unknown) => app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body as object });
const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}` });

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  social = (await listFunds(a.ctx('ketua'))).find((f) => f.kind === 'sosial')!.id;
  programmeId = (await createProgramme(a.ctx('ketua'), { title: 'Sembako lansia', fundId: social, lines: [{ description: 'Beras', amount: 2_000_000 }] })).id;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('public donations', () => {
  it('refuses a way of paying the coop does not offer, and bad amounts, in Indonesian, keeping nothing', async () => {
    const none = await post(`/public/coops/${a.slug}/care/programmes/${programmeId}/donations`, { amount: 50_000, method: 'qris' });
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toBe('Cara pembayaran ini belum disediakan koperasi.');
    await saveQrisSettings(a.ctx('ketua'), { staticPayload: STATIC_QRIS });
    for (const amount of [-1000, 2500.5, 500]) {
      const r = await post(`/public/coops/${a.slug}/care/programmes/${programmeId}/donations`, { amount, method: 'qris' });
      expect(r.statusCode).toBe(400);
      expect(r.json().fields[0].field).toBe('amount');
    }
    expect(await t.db.selectFrom('care_donations').select('id').where('coop_id', '=', a.id).execute()).toEqual([]);
  });

  it('gives the exact QRIS, posts once however many confirmations run, and then the receipt', async () => {
    const r = await post(`/public/coops/${a.slug}/care/programmes/${programmeId}/donations`, { amount: 250_000, method: 'qris', donorName: 'Ibu Sekar Arum', donorPublic: false });
    expect(r.statusCode).toBe(201);
    const { token } = r.json();
    const page = (await get(`/public/coops/${a.slug}/care/donations/${token}`)).json();
    expect(page).toMatchObject({ status: 'pending', amount: 250_000, method: 'qris', receiptNo: null });
    expect((parseTlv(page.qris.payload) ?? []).find((x: { tag: string }) => x.tag === '54')?.value).toBe('250000');
    expect((await get(`/public/coops/${a.slug}/care/donations/${token}/receipt.pdf`)).statusCode).toBe(409);

    const pending = await t.db.selectFrom('care_donations').select('id').where('coop_id', '=', a.id).executeTakeFirstOrThrow();
    const before = (await listFunds(a.ctx('ketua'))).find((f) => f.id === social)!.balance;
    const results = await Promise.all(Array.from({ length: 10 }, () => confirmDonation(a.ctx('bendahara'), pending.id)));
    expect(results.filter((x) => x.created)).toHaveLength(1);
    expect(new Set(results.map((x) => x.receiptNo)).size).toBe(1);
    expect((await listFunds(a.ctx('ketua'))).find((f) => f.id === social)!.balance).toBe(before + 250_000);
    expect(await t.db.selectFrom('care_movements').select('id').where('coop_id', '=', a.id).where('kind', '=', 'donation').execute()).toHaveLength(1);

    const paid = (await get(`/public/coops/${a.slug}/care/donations/${token}`)).json();
    expect(paid).toMatchObject({ status: 'paid', receiptNo: results[0]!.receiptNo, qris: null });
    const pdf = await get(`/public/coops/${a.slug}/care/donations/${token}/receipt.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    // On the public page and CSV: the donation to the programme, without the donor's name.
    const pub = await get(`/public/coops/${a.slug}/care`);
    expect(pub.json().programmes[0]).toMatchObject({ title: 'Sembako lansia', received: 250_000 });
    const csv = await get(`/public/coops/${a.slug}/care.csv`);
    for (const body of [pub.body, csv.body]) expect(body).not.toContain('Sekar Arum');
    // A wrong link finds nothing.
    expect((await get(`/public/coops/${a.slug}/care/donations/${'x'.repeat(32)}`)).statusCode).toBe(404);
  });

  it('shows the coop’s transfer account for a transfer pledge', async () => {
    await saveOrderSettings(a.ctx('bendahara'), { ...(await getOrderSettings(a.ctx('ketua'))), bankAccounts: [{ bankName: 'BPD DIY', accountNo: '001.222.333', accountName: 'Koperasi Peduli' }] });
    const { token } = (await post(`/public/coops/${a.slug}/care/programmes/${programmeId}/donations`, { amount: 100_000, method: 'transfer' })).json();
    expect((await get(`/public/coops/${a.slug}/care/donations/${token}`)).json()).toMatchObject({ method: 'transfer', qris: null, transferAccount: { bankName: 'BPD DIY', accountNo: '001.222.333' } });
  });

  it('writes the amount in words on the receipt', () => {
    const doc = careReceiptDocument({ locale: 'id', coopName: 'Koperasi', receiptNo: 'KP-2026-00001', date: '2026-12-01', kind: 'donation', amount: 1_250_000, party: 'Tanpa nama', purpose: 'Donasi', fund: 'Dana sosial', programme: null, method: 'transfer', signed: null });
    expect(JSON.stringify(doc.content)).toContain('Satu juta dua ratus lima puluh ribu rupiah');
  });
});
