import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addMember } from '../../src/members/add-member.js';
import { createWork } from '../../src/catalogue/create-work.js';
import { publishWork } from '../../src/catalogue/publish-work.js';
import { setWorkCreators } from '../../src/catalogue/set-work-creators.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { withTenant } from '../../src/db/tenant.js';
import { upsertQrisSettings } from '../../src/payments/qris-store.js';
import { encodeTlv, withCrc } from '../../src/payments/qris.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, signInAs, testApp, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer, waitForHydration } from '../support/web.js';
import type { App } from '../../src/server/types.js';

/**
 * The Content-Security-Policy (decision 0103): every page and the API docs send a strict one
 * (only our own scripts and styles, no inline script but the hashed ones SvelteKit writes, no
 * inline styles, never framed), and the pages that use JavaScript — the journal entry's live
 * balance, the meeting page, the region picker — and the order page's QRIS image and the API docs
 * still work under it, with no violation reported in the browser's console. Needs a build.
 */
let t: TestDb;
let app: App;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;
let meetingId: string;
let orderToken: string;

const STATIC_QRIS = withCrc([
  { tag: '00', value: '01' },
  { tag: '01', value: '11' },
  { tag: '26', value: encodeTlv([{ tag: '00', value: 'ID.CO.QRIS.WWW' }, { tag: '01', value: '936009153456789012' }, { tag: '02', value: 'ID1024567890123' }, { tag: '03', value: 'UMI' }]) },
  { tag: '52', value: '5947' },
  { tag: '53', value: '360' },
  { tag: '58', value: 'ID' },
  { tag: '59', value: 'KOPERASI LUMBUNG SARI' },
  { tag: '60', value: 'YOGYAKARTA' },
  { tag: '61', value: '55281' }
]);

beforeAll(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  coop = await seedCoop(t.db, { name: 'Koperasi Batik Giriloyo' });
  const ketua = coop.ctx('ketua');
  const m = await addMember(ketua, { fullName: 'Sri Wahyuni', gender: 'F', asStatus: 'active' });
  const w = await createWork(ketua, { productLine: 'busana', title: 'Kaos Panen Raya', publicPrice: 150_000, attributes: { material: 'katun' }, variants: [{ size: 'M', colour: 'Hitam', sku: 'KPR-M', stock: 7 }] } as never);
  await setWorkCreators(ketua, w.id, { creators: [{ memberId: m.id, shareBp: 10_000 }] });
  await publishWork(ketua, w.id);
  await withTenant(t.db, coop.id, (trx) => upsertQrisSettings(trx, coop.id, { static_payload: STATIC_QRIS, merchant_name: 'KOPERASI LUMBUNG SARI', merchant_city: 'YOGYAKARTA', updated_by: null }));
  const order = await app.inject({ method: 'POST', url: `/api/v1/public/coops/${coop.slug}/checkout`, payload: { lines: [{ workId: w.id, variantId: (w as unknown as { variants: { id: string }[] }).variants[0]!.id, quantity: 1 }], paymentMethod: 'qris', buyer: { name: 'Rina Pembeli', phone: '081300000001' } } });
  expect(order.statusCode, order.body).toBe(201);
  orderToken = order.json().token;
  meetingId = (await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat bulanan', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), agenda: ['Laporan'] })).id;
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
  await t?.drop();
});

/** The policy's directives as a map: name → sources. */
function directives(header: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name, sources);
  }
  return out;
}

function expectStrict(header: string | null, where: string): void {
  const d = directives(header);
  expect(d.get('default-src'), where).toEqual(["'self'"]);
  expect(d.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(d.get('object-src'), where).toEqual(["'none'"]);
  const scripts = d.get('script-src') ?? [];
  expect(scripts[0], where).toBe("'self'");
  // Beyond 'self', only hashes of SvelteKit's own inline scripts: no 'unsafe-inline', no nonce-less wildcard.
  expect(scripts.slice(1).every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s)), `${where}: ${scripts.join(' ')}`).toBe(true);
  // Styles: our own files, and at most named inline ones by hash (never 'unsafe-inline').
  const styles = d.get('style-src') ?? [];
  expect(styles[0], where).toBe("'self'");
  expect(styles.slice(1).every((s) => s === "'unsafe-hashes'" || /^'sha256-[A-Za-z0-9+/=]+'$/.test(s)), `${where}: ${styles.join(' ')}`).toBe(true);
}

describe('Content-Security-Policy', () => {
  it('is sent, strict, on the sign-in page, the storefront, a coop page, an order page and the API docs', async () => {
    const session = await signInAs(app, coop.accounts.ketua);
    const pages: [string, string, boolean][] = [
      ['/masuk', 'sign-in', false],
      [`/koperasi/${coop.slug}/toko`, 'storefront', false],
      [`/koperasi/${coop.slug}/pesanan/${orderToken}`, 'order page (QRIS)', false],
      [`/k/${coop.slug}`, 'coop home', true],
      [`/k/${coop.slug}/buku/jurnal/baru`, 'journal entry (JavaScript on)', true],
      ['/api/docs', 'API docs', false]
    ];
    for (const [path, what, signedIn] of pages) {
      const res = await fetch(`${server.url}${path}`, { headers: signedIn ? { cookie: session.cookie } : {}, redirect: 'manual' });
      expect(res.status, what).toBe(200);
      expectStrict(res.headers.get('content-security-policy'), what);
    }
    // The page with JavaScript allows its bootstrap script by hash, and the hash is that script's.
    const journal = await fetch(`${server.url}/k/${coop.slug}/buku/jurnal/baru`, { headers: { cookie: session.cookie } });
    const hashes = directives(journal.headers.get('content-security-policy')).get('script-src')!.slice(1);
    expect(hashes.length).toBeGreaterThan(0);
    const { createHash } = await import('node:crypto');
    const inline = [...(await journal.text()).matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    expect(inline.length).toBeGreaterThan(0);
    for (const h of inline) expect(hashes).toContain(h);
    // The JSON API and the docs' redirect carry a policy too (never framed).
    const api = await fetch(`${server.url}/api/v1/public/coops/${coop.slug}`);
    expect(directives(api.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets the pages with JavaScript, the QRIS image and the API docs work, with no violation in the console', async () => {
    const page = await phonePage(browser);
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content.Security.Policy|Refused to/i.test(msg.text()) || msg.type() === 'error') violations.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => violations.push(`${page.url()}: ${err.message}`));
    await signInThroughForm(page, server.url, coop.accounts.ketua);

    // Journal entry: the live balance runs in the browser.
    await page.goto(`${server.url}/k/${coop.slug}/buku/jurnal/baru`);
    await waitForHydration(page);
    await page.locator('select[name="lines.0.account"]').selectOption('1.2.01');
    await page.locator('input[name="lines.0.debit"]').fill('400000');
    await expect.poll(() => page.getByTestId('balance').textContent()).toContain('Belum seimbang');
    await page.locator('select[name="lines.1.account"]').selectOption('1.1.01');
    await page.locator('input[name="lines.1.credit"]').fill('400000');
    await expect.poll(() => page.getByTestId('balance').textContent()).toContain('Seimbang');

    // Region picker: choosing a province loads its regencies without pressing "Pilih".
    await page.goto(`${server.url}/k/${coop.slug}/pengaturan`);
    await waitForHydration(page);
    await page.getByLabel('Provinsi').selectOption('11');
    await page.waitForSelector('#regencyCode option[value="11.01"]', { state: 'attached' });

    // Meeting page (attendance) hydrates.
    await page.goto(`${server.url}/k/${coop.slug}/rapat/${meetingId}`);
    await waitForHydration(page);

    // Pages without JavaScript render with their stylesheets.
    await page.goto(`${server.url}/k/${coop.slug}`);
    expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    await page.goto(`${server.url}/koperasi/${coop.slug}/toko`);

    // The order page's QRIS code is a data: image, and it loads.
    await page.goto(`${server.url}/koperasi/${coop.slug}/pesanan/${orderToken}`);
    const qr = page.locator('img.qr');
    await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    // The API docs: Swagger UI draws the operations from /api/docs/json.
    await page.goto(`${server.url}/api/docs`);
    const drawn = await page.waitForSelector('.opblock', { state: 'visible', timeout: 60_000 }).then(() => true, (e: Error) => e.message);

    await page.context().close();
    expect(violations).toEqual([]);
    expect(drawn).toBe(true);
  }, 180_000);

  it('is not given up on a page with an error (the 404 page is strict too)', async () => {
    const res = await fetch(`${server.url}/koperasi/tidak-ada-koperasi-ini/toko`);
    expect(res.status).toBe(404);
    expectStrict(res.headers.get('content-security-policy'), '404 page');
  });
});

