import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { withTenant } from '../../src/db/tenant.js';
import { adoptInitialCharter } from '../../src/charters/adopt-initial-charter.js';

let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db, { name: 'Jamaah Produksi Sido Makmur', coopType: 'jamaah_produksi' });
  await withTenant(t.db, coop.id, (trx) => adoptInitialCharter(trx, coop.ctx('ketua'), 'jamaah_produksi'));
  await t.db
    .insertInto('members')
    .values(Array.from({ length: 41 }, (_, i) => ({ coop_id: coop.id, status: 'active' as const, member_no: i + 1, full_name: `Anggota ${i + 1}`, gender: (i % 2 ? 'M' : 'F') as 'F' | 'M', birth_date: i % 3 === 0 ? '2002-01-01' : '1990-01-01' })))
    .execute();
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('charter pages on a phone, without JavaScript', () => {
  it('shows a member the dashboard with the failed maximum and its evidence', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.anggota);
    await page.goto(`${server.url}/k/${coop.slug}`);
    // The capital rule fails too: none of the 41 has paid simpanan pokok (measured by the capital capability).
    await expect(page.locator('li.rule.fail[data-rule="capital"]').textContent()).resolves.toContain('Simpanan pokok lunas: 0 dari 41 anggota aktif');
    const failed = page.locator('li.rule.fail:not([data-rule="capital"])');
    await expect(failed.count()).resolves.toBe(1);
    await expect(failed.textContent()).resolves.toContain('41 keluarga dari 41 anggota aktif');
    await expect(page.locator('li.rule.pass', { hasText: 'Perempuan 21 dari 41 = 51,21 %' }).count()).resolves.toBe(1);
    // A member reads the charter but gets no form to change it.
    await page.goto(`${server.url}/k/${coop.slug}/anggaran-dasar`);
    await expect(page.getByRole('button', { name: 'Tetapkan versi baru' }).count()).resolves.toBe(0);
    await expect(page.getByText('Hanya ketua dan sekretaris').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('lets the ketua adopt a new version through the form, showing field errors first', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    await page.goto(`${server.url}/k/${coop.slug}/anggaran-dasar`);
    await page.fill('[name="membership.max"]', '45');
    await page.fill('[name="surplus.0.bp"]', '29');
    await page.getByRole('button', { name: 'Tetapkan versi baru' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Data yang dikirim belum benar');
    await expect(page.locator('.error', { hasText: 'tepat 100%' }).count()).resolves.toBe(1);
    await expect(page.locator('#note + .error, textarea#note ~ .error').first().textContent()).resolves.toBe('Wajib diisi.');

    await page.fill('[name="surplus.0.bp"]', '30');
    await page.fill('[name="note"]', 'Keputusan RAT 2025 No. 3');
    await page.getByRole('button', { name: 'Tetapkan versi baru' }).click();
    expect(new URL(page.url()).searchParams.get('diterapkan')).toBe('2');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('versi 2 ditetapkan');
    await expect(page.locator('ol.history li').count()).resolves.toBe(2);

    await page.goto(`${server.url}/k/${coop.slug}`);
    await expect(page.locator('li.rule.fail:not([data-rule="capital"])').count()).resolves.toBe(0);
    await page.context().close();
  });
});
