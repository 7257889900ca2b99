import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedPlatformAdmin, silentLog } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { createCoop } from '../../src/coops/create-coop.js';
import { addMember } from '../../src/members/add-member.js';
import { approveMember } from '../../src/members/approve-member.js';
import { systemClock } from '../../src/kernel/clock.js';
import type { TenantCtx } from '../../src/kernel/context.js';

/**
 * The journeys of the foundation issue, in Debian's Chromium at phone width:
 * sign in → add a member → the charter's compliance changes; and a CSV import with
 * one bad row that imports nothing and shows the row's error.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
const ketua = { email: 'ketua@jp-ngudi.test', password: 'rahasia-koperasi-1' };
let slug: string;
let ctx: TenantCtx;

beforeAll(async () => {
  t = await createTestDb();
  const admin = await seedPlatformAdmin(t.db);
  const { coop, ketua: k } = await createCoop(
    { db: t.db, clock: systemClock, log: silentLog, locale: 'id', actor: { accountId: admin.id, name: admin.name, isPlatformAdmin: true, via: 'session' } },
    { name: 'Jamaah Produksi Ngudi Rejeki', slug: 'jp-ngudi-rejeki', coopType: 'jamaah_produksi', ketua: { email: ketua.email, name: 'Sumarni', password: ketua.password } }
  );
  slug = coop.slug;
  ctx = { db: t.db, clock: systemClock, log: silentLog, locale: 'id', actor: { accountId: k.accountId, name: 'Sumarni', isPlatformAdmin: false, via: 'session' }, coopId: coop.id, roles: ['ketua'] };
  // 19 households, 9 of them represented by women: short of the charter's 20 and of its 50 % women.
  for (let i = 0; i < 19; i++) {
    const m = await addMember(ctx, { fullName: `Anggota ${i + 1}`, gender: i < 9 ? 'F' : 'M', householdCode: `KK-${i + 1}` });
    await approveMember(ctx, m.id, { meetingRef: 'Rapat anggota 1 November 2026' });
  }
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

async function ruleStatus(page: Page, rule: string): Promise<string | null> {
  return page.locator(`[data-rule="${rule}"]`).getAttribute('data-status');
}

describe('the board in the browser', () => {
  it('signs in, adds and admits a member, and sees the compliance view change', async () => {
    const page = await phonePage(browser);
    await signInThroughForm(page, server.url, ketua);
    await page.goto(`${server.url}/k/${slug}`);
    expect(await ruleStatus(page, 'membership.min')).toBe('fail');
    expect(await ruleStatus(page, 'womenMinBp')).toBe('fail');
    await expect(page.locator('[data-rule="womenMinBp"]').textContent()).resolves.toContain('Perempuan 9 dari 19');

    await page.goto(`${server.url}/k/${slug}/anggota/baru`);
    await page.getByLabel('Nama lengkap').fill('Tri Wahyuningsih');
    await page.getByLabel('Jenis kelamin').selectOption('F');
    await page.getByLabel('Kode rumah tangga').fill('KK-20');
    await Promise.all([page.waitForURL(/\/anggota\/[0-9a-f-]{36}/), page.getByRole('button', { name: 'Simpan' }).click()]);
    // This charter admits members by a members' meeting: the board records the meeting's decision.
    await page.getByLabel('Keputusan rapat anggota').fill('Rapat anggota 23 November 2026, keputusan no. 4');
    await page.getByRole('button', { name: 'Setujui' }).click();
    await expect(page.locator('#member-status').textContent()).resolves.toMatch(/Aktif/i);

    await page.goto(`${server.url}/k/${slug}`);
    expect(await ruleStatus(page, 'membership.min')).toBe('pass');
    expect(await ruleStatus(page, 'womenMinBp')).toBe('pass');
    await expect(page.locator('[data-rule="womenMinBp"]').textContent()).resolves.toContain('Perempuan 10 dari 20 = 50');
    await page.screenshot({ path: 'test-results/dashboard-phone.png', fullPage: true }).catch(() => undefined);
    await page.context().close();
  });

  it('imports nothing from a CSV with one bad row and shows that row\'s error, without JavaScript', async () => {
    const before = await t.db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, ketua);
    await page.goto(`${server.url}/k/${slug}/anggota/impor`);
    const csv = ['nama,jenis_kelamin,tanggal_lahir,kode_rumah_tangga', 'Sri Lestari,P,1990-05-01,KK-31', 'Budi Santoso,X,1988-02-10,KK-32', 'Rahayu,P,1979-12-24,KK-33'].join('\n');
    await page.getByLabel('Berkas CSV atau XLSX').setInputFiles({ name: 'anggota.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Impor' }).click();
    await expect(page.locator('#import-error').textContent()).resolves.toContain('Tidak ada data yang disimpan');
    const report = page.locator('#import-report tbody tr');
    expect(await report.count()).toBe(1);
    await expect(report.first().textContent()).resolves.toContain('3');
    const after = await t.db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    await page.context().close();
  });
});
