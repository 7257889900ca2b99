import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/cli/demo.js';

/**
 * Photos and sound on the storefront, in a real browser at phone width (issue #15 items 1, 2, 7):
 * the demo's works show their photos (WebP from the srcset, decoded by the browser), the album's
 * preview plays in the browser's own <audio>, the work page carries Open Graph tags and a wa.me
 * link; the board adds a photo from the phone through the plain form and the buyer sees it.
 * The first screen stays light: its bytes (HTML, CSS, images in view) are measured.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
const store = () => `${server.url}/koperasi/${DEMO_SLUG}/toko`;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

/** A phone with a 2× screen, JavaScript off; counts the bytes of every response by URL. */
async function phone(js = false): Promise<{ page: Page; bytes: Map<string, number> }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, javaScriptEnabled: js, locale: 'id-ID' });
  const page = await context.newPage();
  const bytes = new Map<string, number>();
  page.on('response', async (r) => {
    const body = await r.body().catch(() => null);
    if (body) bytes.set(r.url(), body.length);
  });
  return { page, bytes };
}

describe('photos and sound of the works', () => {
  it('shows every demo work with its photo on the storefront, light on the first screen', async () => {
    const { page, bytes } = await phone();
    await page.goto(store(), { waitUntil: 'networkidle' });
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const imgs = page.locator('ul.works img');
    const n = await imgs.count();
    expect(n).toBe(await page.locator('ul.works > li').count());
    // Each has a description, a WebP source with three widths, sizes, and lazy loading after the first two.
    for (let i = 0; i < n; i++) {
      const img = imgs.nth(i);
      expect((await img.getAttribute('alt'))!.length).toBeGreaterThan(3);
      expect(await img.getAttribute('sizes')).toBe('7.5rem');
      expect(await img.getAttribute('loading')).toBe(i < 2 ? 'eager' : 'lazy');
      expect(await page.locator('ul.works picture source[type="image/webp"]').nth(i).getAttribute('srcset')).toMatch(/ 320w, .* 640w, .* 1280w$/);
    }
    // The browser picked a small WebP (2× screen, 7.5rem slot → 320 px) and decoded it.
    const first = await imgs.first().evaluate((el: HTMLImageElement) => ({ src: el.currentSrc, ok: el.complete && el.naturalWidth > 0 }));
    const smallest = (await page.locator('ul.works picture source').first().getAttribute('srcset'))!.split(' ')[0]!;
    expect(first.ok).toBe(true);
    expect(new URL(first.src).pathname).toBe(smallest);
    // First screen: HTML + CSS + the images that are in view.
    const inView: string[] = await page.evaluate(() =>
      [...document.querySelectorAll('img')].filter((i) => i.getBoundingClientRect().top < innerHeight).map((i) => i.currentSrc)
    );
    const html = bytes.get(page.url()) ?? 0;
    const css = [...bytes].filter(([u]) => u.endsWith('.css')).reduce((s, [, b]) => s + b, 0);
    const firstScreenImages = inView.reduce((s, u) => s + (bytes.get(u) ?? 0), 0);
    const allImages = [...bytes].filter(([u]) => /\/media\//.test(u)).reduce((s, [, b]) => s + b, 0);
    console.log(`storefront at 390 px, 2×: HTML ${html} B, CSS ${css} B, first-screen images ${firstScreenImages} B (${inView.length}), all images loaded ${allImages} B`);
    expect(html + css).toBeLessThan(45_000);
    expect(firstScreenImages).toBeGreaterThan(0);
    expect(firstScreenImages).toBeLessThan(120_000);
  });

  it('lets a buyer see the photos and listen to the album preview with the browser’s own player', async () => {
    // The demo album with a preview (the downloads demo gives one to the first Suara album).
    const api = `${server.url}/api/v1/public/coops/${DEMO_SLUG}/store`;
    const suara = ((await (await fetch(`${api}?line=suara`)).json()) as { items: { slug: string }[] }).items;
    const works = await Promise.all(suara.map(async (w) => (await fetch(`${api}/${w.slug}`)).json() as Promise<{ slug: string; title: string; preview: unknown }>));
    const album = works.find((w) => w.preview)!;
    const { page } = await phone(true);
    await page.goto(`${store()}/${album.slug}`, { waitUntil: 'networkidle' });
    const cover = page.locator('[data-cover] img');
    expect(await cover.getAttribute('alt')).toBe(`Sampul album "${album.title}"`);
    expect(await cover.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    const audio = page.locator('[data-preview] audio');
    expect(await audio.getAttribute('controls')).not.toBeNull();
    expect(await audio.getAttribute('preload')).toBe('none');
    // The preview really plays (muted for the test): a few seconds of a synthesized melody.
    const duration = await audio.evaluate(async (el: HTMLAudioElement) => {
      el.muted = true;
      await el.play();
      el.pause();
      return el.duration;
    });
    expect(duration).toBeGreaterThan(3);
    // Sharing: Open Graph with the cover (absolute), the price and the coop; a plain wa.me link.
    const og = async (p: string) => page.locator(`meta[property="${p}"]`).getAttribute('content');
    expect(await og('og:title')).toMatch(new RegExp(`^${album.title} — Rp`));
    expect(await og('og:image')).toMatch(new RegExp(`^${server.url}/api/v1/public/coops/${DEMO_SLUG}/media/[0-9a-f]{64}\\.jpg$`));
    expect(await og('og:site_name')).toBe('Koperasi Produsen Budaya Lumbung Sari');
    const og404 = await fetch((await og('og:image'))!);
    expect(og404.headers.get('content-type')).toBe('image/jpeg');
    const wa = new URL((await page.locator('[data-share-wa]').getAttribute('href'))!);
    expect(wa.origin + wa.pathname).toBe('https://wa.me/');
    expect(wa.searchParams.get('text')).toContain(`${server.url}/koperasi/${DEMO_SLUG}/toko/${album.slug}`);
    await page.screenshot({ path: '/tmp/store-shot-work.png', fullPage: false });
  });

  it('lets the board add a photo from the phone through the plain form, and the buyer sees it', async () => {
    const board = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(board, server.url, { email: 'bendahara@lumbung.test', password: DEMO_PASSWORD });
    await board.goto(`${server.url}/k/${DEMO_SLUG}/karya`);
    await Promise.all([board.waitForURL(/\/karya\/[0-9a-f-]{36}$/), board.getByRole('link', { name: 'Kemeja Batik Tulis Parang' }).first().click()]);
    const dir = await mkdtemp(join(tmpdir(), 'lumbung-photo-'));
    const file = join(dir, 'IMG_2041.JPG');
    await writeFile(
      file,
      await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#2b4a7a' } })
        .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 49/1 0/1' } })
        .jpeg()
        .toBuffer()
    );
    await board.getByLabel('Foto', { exact: true }).setInputFiles(file);
    await board.locator('#alt').fill('Kemeja parang dilipat, tampak belakang');
    await Promise.all([board.waitForURL(/selesai=imageUploaded/), board.getByRole('button', { name: 'Unggah foto' }).click()]);
    await expect(board.locator('[data-photo]').count()).resolves.toBe(3);
    // Make it the cover; the storefront card now shows it.
    await Promise.all([board.waitForURL(/selesai=imageSaved/), board.locator('[data-photo]').nth(2).getByRole('button', { name: 'Jadikan sampul' }).click()]);
    // A text file pretending to be a photo is refused on the page, in Indonesian.
    const fake = join(dir, 'foto.jpg');
    await writeFile(fake, 'bukan foto');
    await board.getByLabel('Foto', { exact: true }).setInputFiles(fake);
    await board.locator('#alt').fill('Foto palsu');
    await board.getByRole('button', { name: 'Unggah foto' }).click();
    await expect(board.getByRole('alert').textContent()).resolves.toContain('bukan foto yang didukung');
    // The work's own edit form below is untouched by the refused photo.
    await expect(board.locator('input[name="title"]').inputValue()).resolves.toBe('Kemeja Batik Tulis Parang');
    await board.screenshot({ path: '/tmp/store-shot-board.png', fullPage: true });

    const { page } = await phone();
    await page.goto(store(), { waitUntil: 'networkidle' });
    const card = page.locator('ul.works > li', { has: page.getByRole('link', { name: 'Kemeja Batik Tulis Parang' }) });
    expect(await card.locator('img').getAttribute('alt')).toBe('Kemeja parang dilipat, tampak belakang');
    const served = await fetch(new URL((await card.locator('img').getAttribute('src'))!, server.url));
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif).toBeUndefined();
    await page.screenshot({ path: '/tmp/store-shot-storefront.png', fullPage: false });
  });
});

describe('the coop is reachable from every order page', () => {
  it('shows the cooperative’s phone, a WhatsApp link with the order number, and its email', async () => {
    const api = `${server.url}/api/v1/public/coops/${DEMO_SLUG}`;
    const works = ((await (await fetch(`${api}/store?line=aksara`)).json()) as { items: { slug: string }[] }).items;
    const ids = await (await fetch(`${api}/store/${works[0]!.slug}`)).json();
    expect(ids.slug).toBe(works[0]!.slug);
    // The test connection owns the tables (RLS is not in the way of a fixture lookup).
    const workId = (
      await t.db
        .selectFrom('works as w')
        .innerJoin('coops as c', 'c.id', 'w.coop_id')
        .select('w.id')
        .where('c.slug', '=', DEMO_SLUG)
        .where('w.slug', '=', works[0]!.slug)
        .executeTakeFirstOrThrow()
    ).id;
    const res = await fetch(`${api}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: [{ workId, quantity: 1 }], paymentMethod: 'cash', buyer: { name: 'Nining Pembeli', phone: '081311112222' }, shipping: { method: 'pickup' } })
    });
    expect(res.status).toBe(201);
    const order = (await res.json()) as { token: string; orderNo: string };
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/pesanan/${order.token}`);
    const contact = page.locator('[data-coop-contact]');
    await expect(contact.getByRole('link', { name: '081234567890' }).getAttribute('href')).resolves.toBe('tel:081234567890');
    const wa = new URL((await contact.getByRole('link', { name: 'Kirim pesan WhatsApp' }).getAttribute('href'))!);
    expect(wa.origin + wa.pathname).toBe('https://wa.me/6281234567890');
    expect(wa.searchParams.get('text')).toContain(order.orderNo);
    await expect(contact.getByRole('link', { name: 'halo@lumbungsari.test' }).getAttribute('href')).resolves.toMatch(/^mailto:halo@lumbungsari\.test\?subject=/);
  });
});
