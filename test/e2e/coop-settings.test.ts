import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { withTenant } from '../../src/db/tenant.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD, seedCoop, seedPlatformAdmin, type SeededAccount, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer, waitForHydration } from '../support/web.js';

let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;
let admin: SeededAccount;

async function submit(page: Page, button: ReturnType<Page['locator']>): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), button.click()]);
}

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db, { name: 'Koperasi Busana Laweyan' });
  admin = await seedPlatformAdmin(t.db);
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('cooperative settings in the browser', () => {
  it('picks the address region by region without JavaScript, keeping what was typed, and saves', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    await page.goto(`${server.url}/k/${coop.slug}/pengaturan`);
    await page.getByLabel('Nomor badan hukum (SK AHU)').fill('AHU-0000777.AH.01.29');
    await page.getByLabel('Provinsi').selectOption('33');
    await submit(page, page.getByRole('button', { name: 'Pilih' }).first());
    // The regencies of Jawa Tengah are loaded, and the typed legal number survived the reload.
    await expect(page.getByLabel('Nomor badan hukum (SK AHU)').inputValue()).resolves.toBe('AHU-0000777.AH.01.29');
    await page.getByLabel('Kabupaten/kota').selectOption('33.72');
    await submit(page, page.getByRole('button', { name: 'Pilih' }).nth(1));
    await page.getByLabel('Kecamatan').selectOption('33.72.01');
    await submit(page, page.getByRole('button', { name: 'Pilih' }).nth(2));
    const village = await page.locator('#villageCode option').nth(1).getAttribute('value');
    expect(village).toMatch(/^33\.72\.01\.\d{4}$/);
    await page.getByLabel('Desa/kelurahan').selectOption(village!);
    await page.locator('#rt').fill('7');
    await page.getByLabel('Aksara — sastra dan buku').check();
    await submit(page, page.getByRole('button', { name: 'Simpan' }).last());
    await expect(page.getByRole('status').textContent()).resolves.toContain('Data koperasi tersimpan');

    const row = await t.db.selectFrom('coops').selectAll().where('id', '=', coop.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ legal_number: 'AHU-0000777.AH.01.29', province_code: '33', regency_code: '33.72', district_code: '33.72.01', village_code: village, rt: 7 });
    expect(row.product_lines).toEqual(['suara', 'aksara', 'busana']);
    await page.context().close();
  });

  it('shows a message beside each wrong field and saves nothing', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.sekretaris);
    await page.goto(`${server.url}/k/${coop.slug}/pengaturan`);
    const before = await t.db.selectFrom('coops').selectAll().where('id', '=', coop.id).executeTakeFirstOrThrow();
    await page.locator('#nikKoperasi').fill('12345');
    await page.locator('#postalCode').fill('9');
    await submit(page, page.getByRole('button', { name: 'Simpan' }).last());
    await expect(page.locator('.error').allTextContents()).resolves.toEqual(expect.arrayContaining(['Nomor Induk Koperasi harus 16 angka.', 'Kode pos harus 5 angka.']));
    await expect(page.locator('#nikKoperasi').inputValue()).resolves.toBe('12345');
    expect(await t.db.selectFrom('coops').selectAll().where('id', '=', coop.id).executeTakeFirstOrThrow()).toEqual(before);
    await page.context().close();
  });

  it('with JavaScript, choosing a province loads its regencies at once', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: true });
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    await page.goto(`${server.url}/k/${coop.slug}/pengaturan`);
    await waitForHydration(page);
    await page.getByLabel('Provinsi').selectOption('11');
    await page.waitForSelector('#regencyCode option[value="11.01"]', { state: 'attached' });
    await page.context().close();
  });

  it('creates an API token whose secret is shown once, then revokes it', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    await page.goto(`${server.url}/k/${coop.slug}/pengaturan/token`);
    await page.getByLabel('Nama token (untuk apa)').fill('Kasir');
    await submit(page, page.getByRole('button', { name: 'Buat token' }));
    const secret = await page.locator('.notice input').inputValue();
    expect(secret).toMatch(/^lt_/);
    const api = await fetch(`${server.url}/api/v1/coops/${coop.id}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(api.status).toBe(200);
    await page.goto(`${server.url}/k/${coop.slug}/pengaturan/token`);
    expect(await page.content()).not.toContain(secret);
    await submit(page, page.getByRole('button', { name: 'Cabut' }).first());
    expect((await fetch(`${server.url}/api/v1/coops/${coop.id}`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    await page.goto(`${server.url}/k/${coop.slug}/pengaturan/audit?entity=api_token`);
    await expect(page.locator('td code').allTextContents()).resolves.toEqual(['api_token.revoke', 'api_token.create']);
    await page.context().close();
  });

  it('keeps the settings closed to a member', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.anggota);
    const res = await page.goto(`${server.url}/k/${coop.slug}/pengaturan`);
    expect(res?.status()).toBe(403);
    const audit = await page.goto(`${server.url}/k/${coop.slug}/pengaturan/audit`);
    expect(audit?.status()).toBe(403);
    await page.context().close();
  });
});

describe('founding and the public profile in the browser', () => {
  it('lets the platform administrator found a coop with a new ketua through the form', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, admin);
    await page.goto(`${server.url}/admin/koperasi/baru`);
    await page.getByLabel('Nama koperasi').fill('Koperasi Pekerja Aksara');
    await page.getByLabel('Alamat singkat (slug)').fill('pekerja-aksara');
    await page.getByLabel('Jenis koperasi').selectOption('pekerja');
    await page.getByLabel('Email ketua').fill('ratna@aksara.id');
    await submit(page, page.getByRole('button', { name: 'Dirikan koperasi' }));
    // No account yet: the form asks for the new ketua's name and password, keeping the rest.
    await expect(page.locator('.error').count()).resolves.toBe(2);
    await expect(page.getByLabel('Alamat singkat (slug)').inputValue()).resolves.toBe('pekerja-aksara');
    await page.getByLabel('Nama ketua').fill('Ratna Sari');
    await page.getByLabel('Kata sandi awal ketua').fill(PASSWORD);
    await submit(page, page.getByRole('button', { name: 'Dirikan koperasi' }));
    expect(new URL(page.url()).pathname).toBe('/k/pekerja-aksara/pengaturan');
    const created = await t.db.selectFrom('coops').select(['id', 'coop_type']).where('slug', '=', 'pekerja-aksara').executeTakeFirstOrThrow();
    expect(created.coop_type).toBe('pekerja');
    const charter = await withTenant(t.db, created.id, (trx) => trx.selectFrom('charters').select('template').executeTakeFirst());
    expect(charter?.template).toBe('pekerja');
    await page.context().close();
  });

  it('refuses the founding page to someone who is not a platform administrator', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    expect((await page.goto(`${server.url}/admin/koperasi/baru`))?.status()).toBe(403);
    await page.context().close();
  });

  it('shows a public coop to anyone without signing in, and hides a private one', async () => {
    await withTenant(t.db, coop.id, (trx) => trx.insertInto('members').values({ coop_id: coop.id, status: 'active', full_name: 'Sri Lestari', gender: 'F', member_no: 1 }).execute());
    await t.db.updateTable('coops').set({ is_public: true, description: 'Batik tulis Laweyan.' }).where('id', '=', coop.id).execute();
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/koperasi/${coop.slug}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Koperasi Busana Laweyan');
    const text = await page.locator('main').textContent();
    expect(text).toContain('Batik tulis Laweyan.');
    expect(text).toContain('anggota aktif');
    expect(text).not.toContain('Sri Lestari');
    await t.db.updateTable('coops').set({ is_public: false }).where('id', '=', coop.id).execute();
    expect((await page.goto(`${server.url}/koperasi/${coop.slug}`))?.status()).toBe(404);
    await page.context().close();
  });
});
