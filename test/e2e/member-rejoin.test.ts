import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, silentLog, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { systemClock } from '../../src/kernel/clock.js';
import { applyForMembership } from '../../src/members/apply-for-membership.js';
import { approveMember } from '../../src/members/approve-member.js';
import { resignMember } from '../../src/members/resign-member.js';

/**
 * A member who resigned applies again through the apply page on a phone without JavaScript:
 * the form starts from her own record, her new name and phone make a new membership period,
 * the board sees both periods (the old one with the old details) and admits the new one.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;
let memberId: string;
let memberNo: number;
const rini = { email: 'rini.lestari@contoh.id', password: 'tenun-ikat-2026' };

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db);
  const acc = await createAccount(t.db, { name: 'Rini Lestari', email: rini.email, password: rini.password });
  const own = { db: t.db, clock: systemClock, log: silentLog, locale: 'id' as const, actor: { accountId: acc.id, name: acc.name, isPlatformAdmin: false, via: 'session' as const }, coopId: coop.id };
  const applied = await applyForMembership(own, { fullName: 'Rini Lestari', gender: 'F', birthDate: '1990-04-12', phone: '081211112222', occupation: 'Penjahit' });
  memberId = applied.id;
  memberNo = (await approveMember(coop.ctx('ketua'), memberId)).memberNo!;
  await resignMember(coop.ctx('sekretaris'), memberId, { reason: 'Pindah ke Solo' });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

async function press(page: Page, name: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name }).click()]);
}
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

describe('a former member applies again on the apply page', () => {
  it('starts from her record, keeps the old period and its details, and the board admits the new period with the same number', async () => {
    const phone = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(phone, server.url, rini);
    await phone.goto(`${server.url}/koperasi/${coop.slug}/daftar`);
    expect(await text(phone, '#apply-again')).toContain('masa keanggotaan baru');
    await expect(phone.locator('#birthDate').inputValue()).resolves.toBe('1990-04-12');
    await expect(phone.locator('#fullName').inputValue()).resolves.toBe('Rini Lestari');
    await phone.locator('#fullName').fill('Rini Lestari Wibowo');
    await phone.locator('#phone').fill('0813 3333 4444');
    await press(phone, 'Kirim permohonan');
    expect(await text(phone, '#apply-sent')).toContain('menunggu persetujuan');

    const row = await t.db.selectFrom('members').select(['status', 'member_no', 'full_name', 'birth_date', 'phone']).where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'applicant', member_no: memberNo, full_name: 'Rini Lestari Wibowo', birth_date: '1990-04-12', phone: '6281333334444' });

    const board = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(board, server.url, coop.accounts.ketua);
    await board.goto(`${server.url}/k/${coop.slug}/anggota/${memberId}`);
    const before = await text(board, '#member-periods');
    expect(before).toMatch(/Masa ke-1:[\s\S]*keluar[\s\S]*Rini Lestari · [\s\S]*6281211112222 · Penjahit/);
    expect(before).toMatch(/Masa ke-2:[\s\S]*menunggu keputusan/);
    await press(board, 'Setujui');
    const after = await text(board, '#member-periods');
    expect(after).toMatch(/Masa ke-2:[\s\S]*sekarang/);
    expect(after).not.toContain('menunggu keputusan');
    const again = await t.db.selectFrom('members').select(['status', 'member_no']).where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(again).toEqual({ status: 'active', member_no: memberNo });
    expect(await text(board, '#member-history')).toMatch(/Keluar[\s\S]*Calon anggota[\s\S]*Aktif/);
  });
});
