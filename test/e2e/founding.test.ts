import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/create-account.js';
import { enterGroupAs } from '../../src/founding/access.js';
import { activateGroup } from '../../src/founding/activate.js';
import { updateDossier } from '../../src/founding/dossier.js';
import { addFounder, claimInvitation, saveVision } from '../../src/founding/group.js';
import { recordFoundingMeeting } from '../../src/founding/meeting.js';
import { chooseModel } from '../../src/founding/statutes-doc.js';
import { systemClock } from '../../src/kernel/clock.js';
import type { Ctx } from '../../src/kernel/context.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD, silentLog } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';

/**
 * On a phone without JavaScript: someone starts a founding group, answers the needs survey and
 * sees the needs map; the middle steps (eight founders invited, model, meeting, dossier) go
 * through the use cases (their pages are not built yet); the coordinator's activation makes it a
 * cooperative, and a founder who is now its first member signs in and opens its pages.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  t = await createTestDb();
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('from a founding group to an active cooperative', () => {
  it('starts a group, maps needs without JavaScript, is activated, and its first member signs in', async () => {
    const starter = { email: 'mulai@contoh.id', password: PASSWORD };
    const starterId = (await createAccount(t.db, { name: 'Sri Rahayu', email: starter.email, password: PASSWORD })).id;
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, starter);
    await page.goto(`${server.url}/pendirian`);
    await page.fill('#f-name', 'Koperasi Perajin Prenggan');
    await page.fill('#f-fullName', 'Sri Rahayu');
    await page.fill('#f-nik', '347114123456'); // too short: refused, nothing created
    await page.fill('#f-villageCode', '34.71.14.1002');
    await page.fill('#f-rt', '2');
    await page.fill('#f-rw', '4');
    await page.fill('#f-householdCode', 'KK-1');
    await page.locator('main form button[type=submit]').click();
    await expect.poll(() => page.locator('.error').allTextContents()).toContain('NIK harus 16 angka.');
    expect(await t.db.selectFrom('founding_groups').select('coop_id').execute()).toEqual([]);
    await page.fill('#f-nik', '3471141234560001');
    await Promise.all([page.waitForURL(/\/pendirian\/[0-9a-f-]{36}$/), page.locator('main form button[type=submit]').click()]);
    const coopId = page.url().split('/').pop()!;
    await expect.poll(() => page.locator('.founding-steps li.current').textContent()).toContain('Kelompok pendiri');

    // The survey, on the phone, without JavaScript.
    await page.goto(`${server.url}/pendirian/${coopId}/kebutuhan`);
    await page.fill('#item_0', 'Beras');
    await page.fill('#spend_0', '350000');
    await page.fill('#item_1', 'Kain mori');
    await page.selectOption('#category_1', 'penunjang');
    await page.fill('#spend_1', '600.000');
    await page.locator('main form button[type=submit]').click();
    await expect.poll(() => page.locator('#survey-saved').count()).toBe(1);
    expect(await page.locator('#needs-map svg').count()).toBe(1);
    expect(await page.locator('#needs-map').textContent()).toContain('Rp950.000');

    // The middle steps through the use cases.
    const ctxOf = (accountId: string, name: string): Ctx => ({ db: t.db, clock: systemClock, log: silentLog, locale: 'id', actor: { accountId, name, isPlatformAdmin: false, via: 'session' } });
    const coordinator = await enterGroupAs(ctxOf(starterId, 'Sri Rahayu'), ctxOf(starterId, 'Sri Rahayu').actor!, coopId);
    await saveVision(coordinator, { vision: 'Perajin sejahtera bersama', mission: 'Membeli dan memasarkan bersama', values: 'Gotong royong', agreed: true });
    const member = { email: 'anggota1@contoh.id', password: PASSWORD };
    for (let i = 1; i <= 8; i++) {
      const { inviteCode, founderId } = await addFounder(coordinator, { fullName: `Pendiri ${i}`, gender: 'F', nik: `34711412345600${String(10 + i)}`, villageCode: '34.71.14.1002', rt: 2, rw: 4, householdCode: `KK-${i + 1}` });
      if (i === 1) {
        const id = (await createAccount(t.db, { name: 'Pendiri 1', email: member.email, password: PASSWORD })).id;
        await claimInvitation(ctxOf(id, 'Pendiri 1'), coopId, inviteCode);
      }
      void founderId;
    }
    await chooseModel(coordinator, { templateKey: 'tujuh_prinsip', seat: 'Kelurahan Prenggan, Kotagede, Yogyakarta', purpose: 'Kesejahteraan anggota perajin bersama.' });
    const founders = await t.db.selectFrom('founding_founders').select(['id', 'full_name']).where('coop_id', '=', coopId).orderBy('full_name').execute();
    const office = (name: string) => ({ 'Sri Rahayu': 'ketua', 'Pendiri 2': 'sekretaris', 'Pendiri 3': 'bendahara', 'Pendiri 4': 'pengawas' })[name] ?? null;
    await recordFoundingMeeting(coordinator, { heldOn: '2026-11-20', place: 'Pendopo Prenggan', founders: founders.map((f) => ({ founderId: f.id, attended: true, office: office(f.full_name), pokokPaid: 100_000 })) });
    await updateDossier(coordinator, { notarySentOn: '2026-11-21', deedNumber: '7', deedDate: '2026-11-24', ahuNumber: 'AHU-0000777.AH.01.29.TAHUN 2026' });
    const done = await activateGroup(coordinator);
    expect(done).toMatchObject({ members: 9, pokokPosted: 9 });

    // The first member signs in and opens the cooperative's pages.
    const memberPage = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(memberPage, server.url, member);
    await memberPage.goto(`${server.url}/k/${done.slug}/saya`);
    await expect.poll(() => memberPage.locator('h1').textContent()).toBeTruthy();
    expect(memberPage.url()).toContain(`/k/${done.slug}/saya`);
    const no = await memberPage.locator('#my-member-no').textContent();
    expect(Number(no)).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
