import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { call, seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import type { Ctx } from '../../src/kernel/context.js';
import { withTenant } from '../../src/db/tenant.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { checkout } from '../../src/orders/checkout.js';
import { applyPayment } from '../../src/orders/apply-payment.js';
import { grantDownloads, digitalWorkIds, downloadLinksForOrder, revokeDownloads } from '../../src/downloads/order-hooks.js';
import { signDownload } from '../../src/downloads/model.js';
import { signingKey } from '../../src/downloads/store.js';

let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
let memberId: string;
const work = {} as { album: { id: string; slug: string }; print: { id: string } };
const AUDIO = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

const publicCtx = (): Ctx => ({ db: t.db, clock: { now: () => new Date() }, log: a.ctx('ketua').log, locale: 'id', actor: null });
const upload = (s: Awaited<ReturnType<typeof signInAs>> | null, coopId: string, workId: string, kind: string, body: Buffer, type: string, query = 'filename=Album%20Merapi.mp3') =>
  app.inject({ method: 'PUT', url: `/api/v1/coops/${coopId}/works/${workId}/files/${kind}?${query}`, payload: body, headers: { 'content-type': type, ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) } });

async function paidOrder(quantity = 1): Promise<{ orderId: string; orderNo: string }> {
  // Cash: this coop has no QRIS, and QRIS is offered only with one (decision 0155).
  const r = await checkout(publicCtx(), a.slug, { lines: [{ workId: work.album.id, quantity }], paymentMethod: 'cash', buyer: { name: 'Rina Pembeli', email: 'rina@contoh.id' } });
  const paid = await withTenant(t.db, a.id, (trx) => applyPayment(trx, a.id, { orderId: r.orderId, method: 'qris', amount: r.total, reference: `uji-${r.orderNo}` }));
  expect(paid.outcome).toBe('paid');
  return { orderId: r.orderId, orderNo: r.orderNo };
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
  memberId = (await addMember(a.ctx('ketua'), { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' })).id;
  const creators = [{ memberId, creditName: 'Sri', shareBp: 10_000 }];
  const album = await createWork(a.ctx('ketua'), { productLine: 'suara', title: 'Album Lereng Merapi', description: 'Rekaman.', publicPrice: 75_000, attributes: { format: 'album', tracks: [{ title: 'Lagu Sawah', durationSec: 215 }] }, creators });
  await publishWork(a.ctx('ketua'), album.id);
  work.album = { id: album.id, slug: album.slug };
  const print = await createWork(a.ctx('ketua'), { productLine: 'rupa', title: 'Cukil Kayu Sawah', description: 'Cetak.', publicPrice: 300_000, attributes: { kind: 'print', medium: 'cukil kayu', widthMm: 300, heightMm: 400 }, creators });
  work.print = { id: print.id };
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('uploading the downloadable file and the preview', () => {
  it('lets the board upload a Suara file (raw body, stored in PostgreSQL) and a public preview; others are refused', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    const res = await upload(ketua, a.id, work.album.id, 'download', AUDIO, 'audio/mpeg', 'filename=Album%20Merapi.mp3&licenceTerms=' + encodeURIComponent('Untuk didengar pribadi; dilarang disebarkan ulang.'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'download', byteSize: 4096, contentType: 'audio/mpeg', licenceTerms: 'Untuk didengar pribadi; dilarang disebarkan ulang.' });
    expect((await upload(ketua, a.id, work.album.id, 'preview', AUDIO.subarray(0, 100), 'audio/mpeg', 'filename=cuplikan.mp3')).statusCode).toBe(200);

    const preview = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/store/${work.album.slug}/preview` });
    expect(preview.statusCode).toBe(200);
    expect(preview.rawPayload.equals(AUDIO.subarray(0, 100))).toBe(true);

    expect((await upload(await signInAs(app, a.accounts.anggota), a.id, work.album.id, 'download', AUDIO, 'audio/mpeg')).statusCode).toBe(403);
    expect((await upload(await signInAs(app, b.accounts.ketua), a.id, work.album.id, 'download', AUDIO, 'audio/mpeg')).statusCode).toBe(404);
    const notDigital = await upload(ketua, a.id, work.print.id, 'download', AUDIO, 'audio/mpeg');
    expect(notDigital.statusCode).toBe(400);
    expect(notDigital.json().code).toBe('DOWNLOAD_NOT_DIGITAL');
    const exe = await upload(ketua, a.id, work.album.id, 'download', AUDIO, 'application/x-msdownload');
    expect(exe.statusCode).toBe(400);
    expect(exe.json().fields[0]).toMatchObject({ field: 'file', code: 'file_type' });
    await withTenant(t.db, a.id, async (trx) => expect([...(await digitalWorkIds(trx, a.id, [work.album.id, work.print.id]))]).toEqual([work.album.id]));
  });
});

describe('entitlements and signed links', () => {
  it('grants one entitlement per paid digital line exactly once (also under parallel calls), with the licence terms shown at purchase', async () => {
    const o = await paidOrder();
    await Promise.all([withTenant(t.db, a.id, (trx) => grantDownloads(trx, a.id, o.orderId)), withTenant(t.db, a.id, (trx) => grantDownloads(trx, a.id, o.orderId)), withTenant(t.db, a.id, (trx) => grantDownloads(trx, a.id, o.orderId))]);
    const ents = await t.db.selectFrom('download_entitlements').selectAll().where('order_id', '=', o.orderId).execute();
    expect(ents).toHaveLength(1);
    expect(ents[0]!.licence_terms).toBe('Untuk didengar pribadi; dilarang disebarkan ulang.');
    // A later change of the licence never changes a past entitlement.
    const ketua = await signInAs(app, a.accounts.ketua);
    await upload(ketua, a.id, work.album.id, 'download', AUDIO, 'audio/mpeg', 'filename=Album%20Merapi.mp3&licenceTerms=Lisensi%20baru');
    expect((await t.db.selectFrom('download_entitlements').select('licence_terms').where('order_id', '=', o.orderId).executeTakeFirstOrThrow()).licence_terms).toBe('Untuk didengar pribadi; dilarang disebarkan ulang.');
    // The buyer was mailed the entitlement page once.
    const mail = await t.db.selectFrom('mail_outbox').select(['to_address', 'text_body']).where('kind', '=', 'download_granted').where('dedupe_key', 'like', `downloads:${o.orderId}%`).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to_address).toBe('rina@contoh.id');
  });

  it('serves the file through a signed link; a tampered link is 403, an expired one 410, a revoked entitlement 403', async () => {
    const o = await paidOrder();
    await withTenant(t.db, a.id, (trx) => grantDownloads(trx, a.id, o.orderId));
    const [link] = await withTenant(t.db, a.id, (trx) => downloadLinksForOrder(trx, a.id, o.orderId));
    expect(link!.url).toMatch(new RegExp(`^/api/v1/public/coops/${a.slug}/downloads/`));
    const ok = await app.inject({ method: 'GET', url: link!.url });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('audio/mpeg');
    expect(String(ok.headers['content-disposition'])).toContain('attachment');
    expect(ok.rawPayload.equals(AUDIO)).toBe(true);

    const token = link!.url.split('/').pop()!;
    const [id, exp, sig] = token.split('.');
    const tampered = [
      `${id}.${Number(exp) + 3600}.${sig}`, // longer validity
      `${id}.${exp}.${sig!.slice(0, -1)}${sig!.endsWith('A') ? 'B' : 'A'}`, // forged signature
      `00000000-0000-0000-0000-000000000000.${exp}.${sig}`, // other entitlement
      'bukan-tautan'
    ];
    for (const bad of tampered) {
      const r = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/downloads/${bad}` });
      expect(r.statusCode).toBe(403);
    }
    // The same link presented to another cooperative's address is not valid there.
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/coops/${b.slug}/downloads/${token}` })).statusCode).toBe(403);

    const key = await withTenant(t.db, a.id, (trx) => signingKey(trx, a.id));
    const expired = signDownload(key, a.id, id!, Math.floor(Date.now() / 1000) - 60);
    const gone = await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/downloads/${expired}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('DOWNLOAD_LINK_EXPIRED');

    await withTenant(t.db, a.id, (trx) => revokeDownloads(trx, a.id, o.orderId));
    expect((await app.inject({ method: 'GET', url: link!.url })).statusCode).toBe(403);
    const count = await t.db.selectFrom('download_entitlements').select('download_count').where('order_id', '=', o.orderId).executeTakeFirstOrThrow();
    expect(count.download_count).toBe(1);
  });

  it('the buyer entitlement page (access token from the mail) gives a fresh working link', async () => {
    const o = await paidOrder();
    const access = 'x'.repeat(43); // not a real one
    expect((await call(app, null, 'GET', `/api/v1/public/coops/${a.slug}/entitlements/${access}`)).statusCode).toBe(403);
    await withTenant(t.db, a.id, (trx) => grantDownloads(trx, a.id, o.orderId));
    const mail = await t.db.selectFrom('mail_outbox').select('text_body').where('kind', '=', 'download_granted').where('dedupe_key', 'like', `downloads:${o.orderId}%`).executeTakeFirstOrThrow();
    const real = /\/unduh\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)![1];
    const page = await call(app, null, 'GET', `/api/v1/public/coops/${a.slug}/entitlements/${real}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: 'Album Lereng Merapi', revoked: false, licenceTerms: 'Lisensi baru' });
    expect((await app.inject({ method: 'GET', url: page.json().link.url })).statusCode).toBe(200);
  });
});
