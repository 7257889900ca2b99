import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import type { App } from '../../src/server/types.js';
import { withTenant } from '../../src/db/tenant.js';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { updateWork } from '../../src/catalogue/update-work.js';
import { VARIANT_WIDTHS } from '../../src/media/model.js';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import type { Ctx } from '../../src/kernel/context.js';
import { systemClock } from '../../src/kernel/clock.js';
import { silentLog } from '../support/fixtures.js';
import { browseStorefront } from '../../src/catalogue/browse-storefront.js';
import { uploadWorkImage } from '../../src/media/work-images.js';

/**
 * Photos of works (issue #15 item 1): an upload from a phone becomes thumb/card/full variants in
 * WebP and JPEG with no EXIF (no GPS position), served at immutable content addresses with long
 * cache headers and an ETag; the storefront and the work page carry the cover and the srcsets.
 * Bad files are refused by their bytes with a clear 4xx in the user's language and store nothing.
 */
let t: TestDb;
let app: App;
let a: SeededCoop;
let b: SeededCoop;
const work = {} as { shirt: { id: string; slug: string; variantId: string }; album: { id: string; slug: string } };
type Session = Awaited<ReturnType<typeof signInAs>>;

/** A photo-like picture (gradients and shapes) as a phone would send it: 3000×2000 JPEG with camera EXIF and a GPS position. */
async function phonePhoto(sky = '#e8c07a'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2000"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#7a3b12"/><stop offset="1" stop-color="${sky}"/></linearGradient></defs><rect width="3000" height="2000" fill="url(#g)"/><circle cx="1500" cy="1000" r="600" fill="#2c1a0e" opacity=".6"/><path d="M0 1600 Q1500 1200 3000 1700 L3000 2000 L0 2000 Z" fill="#3d5a2a"/></svg>`;
  return sharp(Buffer.from(svg))
    .withExif({ IFD0: { Make: 'PonselUji', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 47/1 2/1', GPSLongitudeRef: 'E', GPSLongitude: '110/1 22/1 5/1' } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

const post = (s: Session | null, coopId: string, workId: string, body: Buffer, q: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/coops/${coopId}/works/${workId}/images?${q}`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers }
  });

async function counts(coopId: string): Promise<{ images: number; blobs: number }> {
  return withTenant(t.db, coopId, async (trx) => ({
    images: Number((await trx.selectFrom('work_images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    blobs: Number((await trx.selectFrom('media_blobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  }));
}

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  a = await seedCoop(t.db);
  b = await seedCoop(t.db);
  const memberId = (await addMember(a.ctx('ketua'), { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' })).id;
  const creators = [{ memberId, creditName: 'Sri', shareBp: 10_000 }];
  const shirt = await createWork(a.ctx('ketua'), {
    productLine: 'busana',
    title: 'Kemeja Batik Sogan',
    publicPrice: 450_000,
    attributes: { material: 'katun' },
    variants: [
      { size: 'M', colour: 'Sogan', sku: 'KBS-M', stock: 3 },
      { size: 'L', colour: 'Indigo', sku: 'KBS-L', stock: 2 }
    ],
    creators
  });
  await publishWork(a.ctx('ketua'), shirt.id);
  work.shirt = { id: shirt.id, slug: shirt.slug, variantId: shirt.variants[1]!.id };
  const album = await createWork(a.ctx('ketua'), { productLine: 'suara', title: 'Album Lereng', publicPrice: 75_000, attributes: { format: 'album', tracks: [{ title: 'Sawah', durationSec: 200 }] }, creators });
  await publishWork(a.ctx('ketua'), album.id);
  work.album = { id: album.id, slug: album.slug };
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('uploading a photo of a work', () => {
  it('makes WebP and JPEG variants within their widths and byte budgets, with no EXIF left, at immutable cacheable addresses', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await post(ketua, a.id, work.shirt.id, original, `alt=${encodeURIComponent('Kemeja batik sogan tampak depan')}`);
    expect(res.statusCode).toBe(201);
    const img = res.json();
    expect(img).toMatchObject({ position: 0, alt: 'Kemeja batik sogan tampak depan', width: 3000, height: 2000, variantId: null });
    const urls = [...`${img.picture.webp}, ${img.picture.jpeg}`.matchAll(/(\S+) (\d+)w/g)].map((m) => ({ url: m[1]!, w: Number(m[2]) }));
    expect(urls.map((u) => u.w).sort((x, y) => x - y)).toEqual([320, 320, 640, 640, 1280, 1280]);
    // Budgets for a light page on a slow connection (bytes).
    const budget: Record<number, number> = { 320: 25_000, 640: 70_000, 1280: 220_000 };
    for (const u of urls) {
      const r = await app.inject({ method: 'GET', url: u.url });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(u.url.endsWith('.webp') ? 'image/webp' : 'image/jpeg');
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
      const meta = await sharp(r.rawPayload).metadata();
      expect(meta.width).toBe(u.w);
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(VARIANT_WIDTHS.full);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(r.rawPayload.includes(Buffer.from('PonselUji'))).toBe(false);
      expect(r.rawPayload.length).toBeLessThan(budget[u.w]!);
      // A revalidation costs no body.
      const again = await app.inject({ method: 'GET', url: u.url, headers: { 'if-none-match': r.headers.etag as string } });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    }
    // The wrong extension for a blob, or a made-up address, is 404.
    expect((await app.inject({ method: 'GET', url: urls.find((u) => u.url.endsWith('.webp'))!.url.replace('.webp', '.jpg') })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/media/${'0'.repeat(64)}.jpg` })).statusCode).toBe(404);
    // Another cooperative's address cannot serve it.
    expect((await app.inject({ method: 'GET', url: urls[0]!.url.replace(`/coops/${a.slug}/`, `/coops/${b.slug}/`) })).statusCode).toBe(404);
  });

  it('turns a sideways phone photo upright (EXIF orientation) before dropping the EXIF', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    const sideways = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#884422' } }).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const res = await post(ketua, a.id, work.album.id, sideways, `alt=${encodeURIComponent('Sampul album, foto tegak')}`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ width: 600, height: 900 });
  });

  it('refuses, by content and in the user language, what is not a usable photo, and stores nothing', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    const before = await counts(a.id);
    const alt = `alt=${encodeURIComponent('Foto yang ditolak')}`;
    // A text file named and typed as a JPEG.
    const text = await post(ketua, a.id, work.shirt.id, Buffer.from('bukan foto, hanya teks '.repeat(20)), alt, { 'content-type': 'image/jpeg' });
    expect(text.statusCode).toBe(415);
    expect(text.json().message).toBe('Berkas ini bukan foto yang didukung. Kirim JPEG, PNG, WebP atau HEIC.');
    // English for who chose it (the locale cookie; the account's own language otherwise wins over Accept-Language).
    const en = await post(ketua, a.id, work.shirt.id, Buffer.from('not a photo at all '.repeat(20)), alt, { cookie: `${ketua.cookie}; lang=en` });
    expect(en.statusCode).toBe(415);
    expect(en.json().message).toBe('This file is not a supported photo. Send a JPEG, PNG, WebP or HEIC.');
    // A JPEG cut in half.
    const whole = await phonePhoto();
    const cut = await post(ketua, a.id, work.shirt.id, whole.subarray(0, Math.floor(whole.length / 3)), alt);
    expect(cut.statusCode).toBe(422);
    expect(cut.json().message).toMatch(/tidak dapat dibaca/);
    // Too big (over 9 MB).
    const big = Buffer.concat([whole, Buffer.alloc(9 * 1024 * 1024)]);
    const tooBig = await post(ketua, a.id, work.shirt.id, big, alt);
    expect(tooBig.statusCode).toBe(413);
    // An HEIC (HEVC) photo this build's libvips cannot decode: named, with what to do instead.
    const avif = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c33' } }).avif().toBuffer();
    const heic = Buffer.from(avif);
    heic.write('heic', 8, 'latin1');
    for (let i = heic.indexOf('av01'); i >= 0; i = heic.indexOf('av01')) heic.write('hvc1', i, 'latin1');
    for (let i = heic.indexOf('av1C'); i >= 0; i = heic.indexOf('av1C')) heic.write('hvcC', i, 'latin1');
    const h = await post(ketua, a.id, work.shirt.id, heic, alt);
    expect(h.statusCode).toBe(415);
    expect(h.json().message).toMatch(/HEIC.*Paling Kompatibel.*JPEG/);
    // Too small, and without a description.
    const tiny = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#fff' } }).png().toBuffer();
    expect((await post(ketua, a.id, work.shirt.id, tiny, alt)).statusCode).toBe(422);
    const noAlt = await post(ketua, a.id, work.shirt.id, whole, 'alt=');
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.json().fields).toEqual([expect.objectContaining({ field: 'alt' })]);
    expect(await counts(a.id)).toEqual(before);
  });

  it('lets only the board of the work’s cooperative add photos', async () => {
    const photo = await phonePhoto();
    const alt = `alt=${encodeURIComponent('Foto orang lain')}`;
    expect((await post(null, a.id, work.shirt.id, photo, alt)).statusCode).toBe(401);
    expect((await post(await signInAs(app, a.accounts.anggota), a.id, work.shirt.id, photo, alt)).statusCode).toBe(403);
    expect((await post(await signInAs(app, a.accounts.pengawas), a.id, work.shirt.id, photo, alt)).statusCode).toBe(403);
    const other = await post(await signInAs(app, b.accounts.ketua), b.id, work.shirt.id, photo, alt);
    expect(other.statusCode).toBe(404);
  });
});

describe('photos on the storefront', () => {
  it('keeps a variant\'s photo as the work\'s when the variant is removed (the write path clears the key; no ON DELETE SET NULL on Citus)', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    const memberId = (await addMember(a.ctx('ketua'), { fullName: 'Dewi Lestari', gender: 'F', asStatus: 'active' })).id;
    const input = {
      productLine: 'busana',
      title: 'Kemeja Lurik',
      publicPrice: 300_000,
      attributes: { material: 'katun' },
      variants: [
        { size: 'M', colour: 'Lurik', sku: 'KL-M', stock: 1 },
        { size: 'L', colour: 'Hitam', sku: 'KL-L', stock: 1 }
      ],
      creators: [{ memberId, creditName: 'Dewi', shareBp: 10_000 }]
    };
    const lurik = await createWork(a.ctx('ketua'), input);
    const photo = await post(ketua, a.id, lurik.id, await phonePhoto('#222222'), `alt=${encodeURIComponent('Kemeja lurik hitam')}&variantId=${lurik.variants[1]!.id}`);
    expect(photo.json()).toMatchObject({ variantId: lurik.variants[1]!.id });
    await updateWork(a.ctx('ketua'), lurik.id, { ...input, variants: [input.variants[0]] });
    const row = await t.db.selectFrom('work_images').select(['variant_id', 'alt']).where('coop_id', '=', a.id).where('id', '=', photo.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ variant_id: null, alt: 'Kemeja lurik hitam' });
  });

  it('orders photos with one cover, gives a Busana variant its own photo, and shows them in the public JSON', async () => {
    const ketua = await signInAs(app, a.accounts.ketua);
    const second = await post(ketua, a.id, work.shirt.id, await phonePhoto('#3a5fa0'), `alt=${encodeURIComponent('Kemeja indigo tampak belakang')}&variantId=${work.shirt.variantId}`);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ position: 1, variantId: work.shirt.variantId });
    const store = (await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/store` })).json();
    const card = store.items.find((i: { slug: string }) => i.slug === work.shirt.slug);
    expect(card.cover).toMatchObject({ alt: 'Kemeja batik sogan tampak depan' });
    expect(card.cover.webp).toMatch(/\.webp 320w, .*\.webp 640w, .*\.webp 1280w$/);
    const page = (await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/store/${work.shirt.slug}` })).json();
    expect(page.images.map((i: { alt: string; variant: string | null }) => [i.alt, i.variant])).toEqual([
      ['Kemeja batik sogan tampak depan', null],
      ['Kemeja indigo tampak belakang', 'L / Indigo']
    ]);

    // Make the second the cover: the storefront follows.
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/coops/${a.id}/works/${work.shirt.id}/images/${second.json().id}`,
      payload: { cover: true },
      headers: { cookie: ketua.cookie, 'x-csrf-token': ketua.csrf }
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().items.map((i: { alt: string; position: number }) => [i.alt, i.position])).toEqual([
      ['Kemeja indigo tampak belakang', 0],
      ['Kemeja batik sogan tampak depan', 1]
    ]);
    const after = (await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/store` })).json();
    expect(after.items.find((i: { slug: string }) => i.slug === work.shirt.slug).cover.alt).toBe('Kemeja indigo tampak belakang');

    // The same photo twice is stored once (content addresses); deleting a photo forgets its blobs, the other photo's stay servable.
    const twice = await post(ketua, a.id, work.shirt.id, await phonePhoto(), `alt=${encodeURIComponent('Foto yang sama sekali lagi')}`);
    const blobsWithTwice = (await counts(a.id)).blobs;
    await app.inject({ method: 'DELETE', url: `/api/v1/coops/${a.id}/works/${work.shirt.id}/images/${twice.json().id}`, headers: { cookie: ketua.cookie, 'x-csrf-token': ketua.csrf } });
    expect((await counts(a.id)).blobs).toBe(blobsWithTwice);
    const blobsBefore = (await counts(a.id)).blobs;
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/coops/${a.id}/works/${work.shirt.id}/images/${second.json().id}`, headers: { cookie: ketua.cookie, 'x-csrf-token': ketua.csrf } });
    expect(del.statusCode).toBe(204);
    expect((await counts(a.id)).blobs).toBe(blobsBefore - 6);
    const left = (await app.inject({ method: 'GET', url: `/api/v1/public/coops/${a.slug}/store/${work.shirt.slug}` })).json();
    expect(left.images).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: left.images[0].src })).statusCode).toBe(200);
  });
});

describe('the storefront with photos', () => {
  it('runs the same number of SQL statements for a page whether one work or many have photos', async () => {
    const measure = async () => {
      // Counted at the driver: every statement sent, BEGIN/SET/COMMIT included.
      let n = 0;
      const pool = new pg.Pool({ connectionString: t.url, max: 4 });
      pool.on('connect', (client) => {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
          n++;
          return query(...args);
        };
      });
      const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
      const ctx: Ctx = { db, clock: systemClock, log: silentLog, locale: 'id', actor: null };
      const page = await browseStorefront(ctx, a.slug, {});
      await db.destroy();
      return { n, covers: page.items.filter((i) => i.cover).length };
    };
    const few = await measure();
    const ketua = a.ctx('ketua');
    const memberId = (await addMember(ketua, { fullName: 'Joko Prasetyo', gender: 'M', asStatus: 'active' })).id;
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#5a7' } }).jpeg().toBuffer();
    for (let i = 0; i < 6; i++) {
      const w = await createWork(ketua, { productLine: 'suara', title: `Lagu Bergambar ${i}`, publicPrice: 20_000, attributes: { format: 'single', tracks: [{ title: `Lagu ${i}`, durationSec: 100 }] }, creators: [{ memberId, creditName: 'Joko', shareBp: 10_000 }] });
      await publishWork(ketua, w.id);
      await uploadWorkImage(ketua, w.id, { data: photo, alt: `Sampul lagu ${i}` });
    }
    const many = await measure();
    expect(many.covers).toBe(few.covers + 6);
    expect(many.n).toBe(few.n);
  });
});
