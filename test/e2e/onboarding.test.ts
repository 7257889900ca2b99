import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../src/members/add-member.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';

/**
 * The bendahara of a cooperative moving to Lumbung uploads its opening balance sheet and savings
 * register on a phone without JavaScript: a sheet off by one rupiah and a member whose register
 * disagrees are named row by row and nothing is posted; the corrected files post, and the
 * statement of financial position then shows the imported figures to the rupiah.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let a: SeededCoop;
const dir = mkdtempSync(path.join(tmpdir(), 'pembukaan-'));
const file = (name: string, rows: string[][]) => {
  const p = path.join(dir, name);
  writeFileSync(p, rows.map((r) => r.join(',')).join('\n'));
  return p;
};

beforeAll(async () => {
  t = await createTestDb();
  a = await seedCoop(t.db);
  for (const fullName of ['Sari Wulandari', 'Budi Santoso']) await addMember(a.ctx('ketua'), { fullName, gender: 'F', villageCode: '34.71.14.1002', rt: 1, rw: 1, asStatus: 'active' });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('onboarding: opening balances', () => {
  it('names the wrong rows, then posts, and the balance sheet matches to the rupiah', async () => {
    const sheet = (cash: string) => [
      ['kode_akun', 'nama_akun', 'nomor_anggota', 'debit', 'kredit'],
      ['1.1.01', 'Kas', '', cash, ''],
      ['1.2.01', 'Peralatan', '', '5.000.000', ''],
      ['3.01', 'Simpanan pokok', '1', '', '100.000'],
      ['3.01', 'Simpanan pokok', '2', '', '100.000'],
      ['2.1.03', 'Simpanan sukarela', '2', '', '550.000'],
      ['3.04', 'Hibah', '', '', '5.400.000']
    ];
    const register = (sukarela: string) => [
      ['nomor_anggota', 'nama', 'simpanan_pokok', 'simpanan_wajib', 'simpanan_sukarela'],
      ['1', 'Sari', '100000', '0', '0'],
      ['2', 'Budi', '100000', '0', sukarela]
    ];
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, a.accounts.bendahara);
    await page.goto(`${server.url}/k/${a.slug}/buku`);
    await page.getByRole('link', { name: 'Neraca pembukaan' }).click();
    await page.fill('#cutOverDate', '2025-12-31');
    await page.setInputFiles('#neraca', file('neraca-salah.csv', sheet('1.050.001')));
    await page.setInputFiles('#simpanan', file('simpanan-salah.csv', register('500000')));
    await page.locator('main form button[type=submit]').click();
    await expect.poll(() => page.locator('#opening-errors tbody tr').count()).toBe(2);
    const errors = await page.locator('#opening-errors tbody').textContent();
    expect(errors).toContain('Neraca tidak seimbang: debit Rp6.050.001, kredit Rp6.150.000');
    expect(errors).toContain('anggota 2 (Budi Santoso)');
    expect(await t.db.selectFrom('journal_entries').select('id').where('coop_id', '=', a.id).execute()).toEqual([]);

    await page.fill('#cutOverDate', '2025-12-31');
    await page.setInputFiles('#neraca', file('neraca.csv', sheet('1.150.000')));
    await page.setInputFiles('#simpanan', file('simpanan.csv', register('550000')));
    await page.locator('main form button[type=submit]').click();
    await expect.poll(() => page.locator('#opening-posted').textContent()).toContain('Rp6.150.000');

    await page.goto(`${server.url}/k/${a.slug}/buku/laporan/posisi-keuangan?from=2025-01-01&to=2025-12-31`);
    const body = (await page.locator('main').textContent()) ?? '';
    for (const figure of ['1.150.000', '5.000.000', '6.150.000', '550.000', '5.400.000']) expect(body, figure).toContain(figure);
  }, 180_000);
});
