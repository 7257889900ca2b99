import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import type { Page } from 'playwright-core';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../src/cli/demo.js';

/**
 * Someone of the community, on a phone without JavaScript, asks the demo cooperative for aid
 * through the public form; two named officers approve it on the board's pages (each signed
 * in on their own phone, without JavaScript), the bendahara pays it with the receipt ticked;
 * the payment's line appears on the public page by category and village, without the
 * applicant's name or phone.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

/** An officer signed in on their own phone (no JavaScript), on the application's board page. */
async function officerOn(role: string, path: string): Promise<Page> {
  const page = await phonePage(browser, { javaScriptEnabled: false });
  await signInThroughForm(page, server.url, { email: `${role}@lumbung.test`, password: DEMO_PASSWORD });
  await page.goto(`${server.url}${path}`);
  return page;
}

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

describe('aid from a public application to its line on the public page', () => {
  it('applies without an account, is approved by two officers, paid, and shown without personal data', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/kepedulian`);
    await Promise.all([page.waitForURL(/\/kepedulian\/ajukan$/), page.getByRole('link', { name: 'Ajukan permohonan bantuan' }).click()]);

    // A fractional amount is refused in Indonesian, and nothing is kept.
    await page.getByLabel('Nama pemohon').fill('Warsini Lestari');
    await page.getByLabel('Nomor HP (boleh kosong)').fill('081377665544');
    await page.getByLabel('Nomor KK atau kode rumah tangga').fill('3471140101990007');
    await page.getByLabel('Kode desa/kelurahan (Kemendagri)').fill('34.71.14.1002');
    await page.getByLabel('Jenis bantuan').selectOption('bencana');
    await page.getByLabel('Jumlah yang diminta (Rp, angka bulat)').fill('350000,5');
    await page.getByLabel('Alasan').fill('Dapur rumah terbakar, perlu perabot masak.');
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await expect(page.locator('.alert').textContent()).resolves.toContain('Periksa isian');
    expect(await t.db.selectFrom('care_applications').select('id').where('applicant_name', '=', 'Warsini Lestari').execute()).toEqual([]);

    await page.getByLabel('Jumlah yang diminta (Rp, angka bulat)').fill('350000');
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await expect(page.locator('#care-apply-result').textContent()).resolves.toContain('Permohonan diterima');

    const appl = await t.db.selectFrom('care_applications').select(['id', 'status', 'submitted_via']).where('applicant_name', '=', 'Warsini Lestari').executeTakeFirstOrThrow();
    expect(appl).toMatchObject({ status: 'open', submitted_via: 'public' });
    // The ketua finds it through the coop menu, sees the checks with their evidence, and approves.
    const ketua = await officerOn('ketua', `/k/${DEMO_SLUG}`);
    // The home page puts the officer's work first and folds the menu (issue 14 item 9): open it.
    await ketua.locator('nav.coop summary').click();
    await Promise.all([ketua.waitForURL(/\/kepedulian$/), ketua.locator('nav.coop').getByRole('link', { name: 'Kepedulian (dana sosial)' }).click()]);
    await ketua.screenshot({ path: '/tmp/care-board.png', fullPage: true });
    await Promise.all([ketua.waitForURL(/\/permohonan$/), ketua.getByRole('link', { name: 'Permohonan bantuan' }).first().click()]);
    await Promise.all([ketua.waitForURL(new RegExp(appl.id)), ketua.getByRole('link', { name: 'Warsini Lestari' }).click()]);
    expect(await ketua.locator('main').textContent()).toContain('Pemeriksaan syarat dan buktinya');
    expect(await ketua.locator('main').textContent()).toContain('Permohonan lain yang masih terbuka di rumah tangga ini: 0.');
    // More than asked is refused in Indonesian and nothing is stored.
    await ketua.getByLabel('Jumlah disetujui (Rp; kosong: sebesar yang diminta)').fill('400000');
    await ketua.getByRole('button', { name: 'Simpan keputusan' }).click();
    await expect(ketua.locator('.alert').first().textContent()).resolves.toContain('tidak boleh melebihi');
    expect(await t.db.selectFrom('care_decisions').select('id').where('application_id', '=', appl.id).execute()).toEqual([]);
    await ketua.getByLabel('Jumlah disetujui (Rp; kosong: sebesar yang diminta)').fill('');
    await ketua.getByRole('button', { name: 'Simpan keputusan' }).click();
    await expect(ketua.locator('.notice').textContent()).resolves.toContain('Keputusan disimpan');
    await ketua.screenshot({ path: '/tmp/care-application.png', fullPage: true });
    // Having decided, the ketua is offered no second vote.
    expect(await ketua.getByRole('button', { name: 'Simpan keputusan' }).count()).toBe(0);

    const pengawas = await officerOn('pengawas', `/k/${DEMO_SLUG}/kepedulian/permohonan/${appl.id}`);
    await pengawas.getByRole('button', { name: 'Simpan keputusan' }).click();
    await expect(pengawas.locator('main').textContent()).resolves.toContain('Disetujui');

    const bendahara = await officerOn('bendahara', `/k/${DEMO_SLUG}/kepedulian/permohonan/${appl.id}`);
    await bendahara.getByLabel('Jumlah (Rp, angka bulat)').fill('350000');
    await bendahara.getByLabel('Penerima sudah menandatangani kuitansi (saya yang menyerahkan)').check();
    await bendahara.getByRole('button', { name: 'Salurkan', exact: true }).click();
    const notice = (await bendahara.locator('.notice').textContent()) ?? '';
    expect(notice).toContain('Bantuan disalurkan, kuitansi KP-');
    const paid = { receiptNo: /KP-\d{4}-\d{5}/.exec(notice)![0] };
    expect(await t.db.selectFrom('care_applications').select('status').where('id', '=', appl.id).executeTakeFirstOrThrow()).toEqual({ status: 'paid' });

    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/kepedulian`);
    const row = page.locator('tr', { hasText: paid.receiptNo });
    const text = (await row.textContent()) ?? '';
    for (const part of ['Bantuan', 'Bencana', 'Prenggan', 'Tanpa nama', '350.000']) expect(text).toContain(part);
    const html = await page.content();
    for (const secret of ['Warsini', '081377665544', '3471140101990007']) expect(html).not.toContain(secret);
    expect(await page.locator('script').count()).toBe(0);
  });

  it('a donor gives by exact QRIS without an account; the bendahara confirms; the donor gets the receipt; the scorecard is public', async () => {
    const donor = await phonePage(browser, { javaScriptEnabled: false });
    await donor.goto(`${server.url}/koperasi/${DEMO_SLUG}/kepedulian`);
    await Promise.all([donor.waitForURL(/\/donasi\//), donor.getByRole('link', { name: 'Donasi', exact: true }).first().click()]);
    await donor.getByLabel('Jumlah donasi (Rp, angka bulat, paling sedikit 1.000)').fill('75.000');
    await donor.getByLabel('Nama Anda (boleh kosong)').fill('Dermawan Rahasia');
    await Promise.all([donor.waitForURL(/\/donasi\/d\//), donor.getByRole('button', { name: 'Lanjut ke pembayaran' }).click()]);
    expect(await donor.locator('img[data-qris-amount="75000"]').count()).toBe(1);
    await donor.screenshot({ path: '/tmp/care-donation.png', fullPage: true });
    const donorUrl = donor.url();

    const bendahara = await officerOn('bendahara', `/k/${DEMO_SLUG}/kepedulian`);
    const item = bendahara.locator('li', { hasText: 'Rp75.000' });
    await item.getByRole('button', { name: 'Dana sudah masuk' }).click();
    await expect(bendahara.locator('.notice').textContent()).resolves.toContain('Donasi dicatat dengan kuitansi KP-');

    await donor.goto(donorUrl);
    await expect(donor.locator('#donation-paid').textContent()).resolves.toContain('Terima kasih');
    const pdf = await donor.request.get(`${donorUrl}/kuitansi`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await donor.goto(`${server.url}/koperasi/${DEMO_SLUG}/kepedulian`);
    expect(await donor.content()).not.toContain('Dermawan Rahasia');

    await donor.goto(`${server.url}/koperasi/${DEMO_SLUG}/tujuh-prinsip`);
    const main = (await donor.locator('main').textContent()) ?? '';
    for (const part of ['Tujuh prinsip koperasi', 'Keanggotaan sukarela dan terbuka', 'Kerja sama antarkoperasi', 'belum diukur', 'Kepedulian terhadap masyarakat', 'Rumah tangga penerima bantuan']) expect(main).toContain(part);
    expect(await donor.locator('script').count()).toBe(0);
    await donor.screenshot({ path: '/tmp/care-scorecard.png', fullPage: true });
  });
});
