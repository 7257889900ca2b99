import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { withTenant } from '../../src/db/tenant.js';
import { postEntry } from '../../src/ledger/post-entry.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';

/** The RAT report and the books in a phone-sized browser, without JavaScript. */

let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;
const YEAR = 2025;

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db, { name: 'Koperasi Tenun Sumba' });
  await withTenant(t.db, coop.id, async (trx) => {
    const people: [string, 'F' | 'M', string][] = [
      ['Ina Kahi', 'F', '2023-04-01'],
      ['Rambu Ana', 'F', `${YEAR}-05-01`],
      ['Umbu Dedi', 'M', '2022-01-01']
    ];
    let no = 0;
    for (const [name, gender, joined] of people) {
      await trx.insertInto('members').values({ coop_id: coop.id, member_no: ++no, status: 'active', full_name: name, gender, joined_on: joined, account_id: name === 'Ina Kahi' ? coop.accounts.anggota.id : null }).execute();
    }
    await postEntry(trx, coop.ctx('bendahara'), {
      idempotencyKey: 'e2e-sale',
      date: `${YEAR}-06-01`,
      description: 'Penjualan kain tenun',
      source: 'sales',
      lines: [{ account: 'CASH', debit: 2_500_000 }, { account: 'SALES_MEMBER', credit: 2_500_000, businessUnit: 'busana' }]
    });
  });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('the RAT report in the browser', () => {
  it('lets a member read the key figures and download the PDF at phone width', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.anggota);
    await page.goto(`${server.url}/k/${coop.slug}/laporan-rat?year=${YEAR}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(`Tahun Buku ${YEAR}`);
    const row = page.getByRole('row', { name: /Anggota pada akhir tahun/ });
    await expect(row.textContent()).resolves.toMatch(/Anggota pada akhir tahun\s*3\s*2/);
    await expect(page.getByRole('row', { name: /Volume usaha/ }).textContent()).resolves.toContain('2.500.000');
    // A member sees no Ministry export and no link to the books.
    expect(await page.getByTestId('ministry-csv').count()).toBe(0);
    // The page fits the phone: nothing wider than the viewport.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rat-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`laporan-rat_${coop.slug}_${YEAR}.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)!.length).toBeGreaterThanOrEqual(9);
    // The books hold other members' personal data: not for a member.
    const res = await page.goto(`${server.url}/k/${coop.slug}/buku-administrasi/daftar-anggota`);
    expect(res?.status()).toBe(403);
    await page.context().close();
  });

  it('gives the secretary the Ministry CSV and the administration books', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.sekretaris);
    await page.goto(`${server.url}/k/${coop.slug}/laporan-rat?year=${YEAR}`);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ministry-csv').click()]);
    const text = await readFile((await csv.path())!, 'utf8');
    const [head, line] = text.split('\r\n');
    const row = Object.fromEntries(head!.split(',').map((c, i) => [c, line!.split(',')[i]]));
    expect(row).toMatchObject({ tahun_buku: String(YEAR), jumlah_anggota: '3', anggota_perempuan: '2', anggota_laki_laki: '1', volume_usaha: '2500000' });
    await page.goto(`${server.url}/k/${coop.slug}/buku-administrasi`);
    await expect(page.getByText('Buku Tamu').textContent()).resolves.toContain('Buku Tamu');
    await page.getByRole('link', { name: 'Buku Daftar Anggota' }).click();
    await page.waitForURL(/daftar-anggota/);
    await expect(page.getByRole('cell', { name: 'Rambu Ana' }).count()).resolves.toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`buku-daftar-anggota_${coop.slug}.xlsx`);
    await page.context().close();
  });
});
