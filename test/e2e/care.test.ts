import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, phonePage, startWebServer } from '../support/web.js';
import { silentLog } from '../support/fixtures.js';
import { DEMO_SLUG } from '../../src/cli/demo.js';
import { systemClock } from '../../src/kernel/clock.js';
import type { TenantCtx } from '../../src/kernel/context.js';
import type { Role } from '../../src/db/schema.js';
import { decideApplication, disburseAid } from '../../src/care/applications.js';

/**
 * Someone of the community, on a phone without JavaScript, asks the demo cooperative for aid
 * through the public form; two named officers approve it and the bendahara pays it (through
 * the use cases: the board's screens are not built yet); the payment's line appears on the
 * public page by category and village, without the applicant's name or phone.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

async function officer(role: Role): Promise<TenantCtx> {
  const coop = await t.db.selectFrom('coops').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow();
  const acc = await t.db.selectFrom('accounts').select(['id', 'name']).where('email', '=', `${role}@lumbung.test`).executeTakeFirstOrThrow();
  return { db: t.db, clock: systemClock, log: silentLog, locale: 'id', coopId: coop.id, roles: [role], actor: { accountId: acc.id, name: acc.name, isPlatformAdmin: false, via: 'session' } };
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
    await decideApplication(await officer('ketua'), appl.id, { vote: 'approve' });
    await decideApplication(await officer('pengawas'), appl.id, { vote: 'approve' });
    const paid = await disburseAid(await officer('bendahara'), appl.id, { amount: 350_000, method: 'cash', receiptSigned: 'tick' });

    await page.goto(`${server.url}/koperasi/${DEMO_SLUG}/kepedulian`);
    const row = page.locator('tr', { hasText: paid.receiptNo });
    const text = (await row.textContent()) ?? '';
    for (const part of ['Bantuan', 'Bencana', 'Prenggan', 'Tanpa nama', '350.000']) expect(text).toContain(part);
    const html = await page.content();
    for (const secret of ['Warsini', '081377665544', '3471140101990007']) expect(html).not.toContain(secret);
    expect(await page.locator('script').count()).toBe(0);
  });
});
