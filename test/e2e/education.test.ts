import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD } from '../support/fixtures.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { setMailer } from '../../src/governance/mailer.js';
import { createProgramme } from '../../src/education/create-programme.js';
import { addSession } from '../../src/education/add-session.js';
import { enrolParticipant } from '../../src/education/enrol.js';

/**
 * The education journey in Debian's Chromium at phone width, without JavaScript on the
 * member's phone: the facilitator opens the session and shows its code; a member types the
 * code and checks in; the facilitator's reloaded list shows them present; the member issues
 * their certificate, sees the session and the certificate in their learning record, and the
 * public verification page confirms the certificate.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: GovCoop;

beforeAll(async () => {
  t = await createTestDb();
  setMailer(null);
  coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

const member = (i: number) => ({ email: coop.voters[i]!.email!, password: PASSWORD });

describe('an education session in the browser', () => {
  it('facilitator shows the code, a member checks in on a phone, the record and the verified certificate show it', async () => {
    const ketua = coop.ctx('ketua');
    const programme = await createProgramme(ketua, { title: 'Pendidikan perkoperasian', kind: 'perkoperasian', audience: 'members', facilitatorMemberIds: [coop.voters[0]!.memberId] });
    const session = await addSession(ketua, programme.id, { topic: 'Tujuh prinsip koperasi', startsAt: new Date(Date.now() - 10 * 60_000).toISOString(), endsAt: new Date(Date.now() + 80 * 60_000).toISOString(), venue: 'Balai RT 03' });
    await enrolParticipant(ketua, programme.id, { memberId: coop.voters[1]!.memberId });
    await enrolParticipant(ketua, programme.id, { memberId: coop.voters[2]!.memberId });

    // The facilitator (a member named on the programme) opens the session: QR, code and the list.
    const facilitator = await phonePage(browser);
    await signInThroughForm(facilitator, server.url, member(0));
    await facilitator.goto(`${server.url}/k/${coop.slug}/pendidikan/sesi/${session.id}`);
    const code = (await facilitator.locator('[data-checkin-code]').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(await facilitator.locator(`[data-participant="${coop.voters[1]!.name}"]`).getAttribute('data-status')).toBe('unmarked');

    // The member, on a phone without JavaScript: a wrong code is refused with the reason, then the right one.
    const phone = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(phone, server.url, member(1));
    await phone.goto(`${server.url}/k/${coop.slug}/pendidikan/presensi`);
    await phone.getByLabel('Isi presensi dengan kode sesi').fill('SALAHKOD');
    await Promise.all([phone.waitForLoadState('load'), phone.getByRole('button', { name: 'Hadir' }).click()]);
    await expect(phone.locator('[data-checkin="refused"]').textContent()).resolves.toContain('Kode presensi tidak dikenal');
    await phone.getByLabel('Isi presensi dengan kode sesi').fill(code.toLowerCase());
    await Promise.all([phone.waitForLoadState('load'), phone.getByRole('button', { name: 'Hadir' }).click()]);
    await expect(phone.locator('[data-checkin="ok"]').textContent()).resolves.toContain('Presensi tercatat: Tujuh prinsip koperasi');

    // The facilitator's plain reload shows the member present (self check-in).
    await facilitator.getByRole('link', { name: 'Muat ulang daftar' }).click();
    await facilitator.waitForLoadState('load');
    expect(await facilitator.locator(`[data-participant="${coop.voters[1]!.name}"]`).getAttribute('data-status')).toBe('present');
    await expect(facilitator.locator('[data-counts]').textContent()).resolves.toContain('Hadir: 1');

    // Completed (1 of 1 session): the member issues their certificate from the programme page.
    await phone.goto(`${server.url}/k/${coop.slug}/pendidikan/${programme.id}`);
    await Promise.all([phone.waitForLoadState('load'), phone.getByRole('button', { name: 'Terbitkan sertifikat' }).click()]);
    await phone.goto(`${server.url}/k/${coop.slug}/saya/belajar`);
    await expect(phone.locator(`[data-session="${session.id}"]`).textContent()).resolves.toContain('Tujuh prinsip koperasi');
    const certificate = phone.locator('[data-certificate]');
    await expect(certificate.textContent()).resolves.toContain('Pendidikan perkoperasian');
    const pdf = await phone.request.get(`${server.url}/k/${coop.slug}/pendidikan/sertifikat/${await certificate.getAttribute('data-certificate')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // Anyone (a fresh browser, not signed in) verifies it.
    await certificate.getByRole('link', { name: 'Verifikasi sertifikat' }).click();
    const verifyUrl = phone.url();
    const anyone = await phonePage(browser, { javaScriptEnabled: false });
    await anyone.goto(verifyUrl);
    expect(await anyone.locator('[data-verified]').getAttribute('data-verified')).toBe('true');
    await expect(anyone.locator('[data-holder]').textContent()).resolves.toBe(coop.voters[1]!.name);
    await anyone.goto(verifyUrl.replace(/[^/]+$/, 'bukan-kode-yang-sah-sama-sekali'));
    expect(await anyone.locator('[data-verified]').getAttribute('data-verified')).toBe('false');
    // The page fits a 390 px phone: nothing wider than the viewport.
    for (const path of [`pendidikan/${programme.id}`, `pendidikan/sesi/${session.id}`]) {
      await facilitator.goto(`${server.url}/k/${coop.slug}/${path}`);
      expect(await facilitator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });
});
