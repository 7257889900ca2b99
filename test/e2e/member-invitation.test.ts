import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { addMember } from '../../src/members/add-member.js';
import { approveMember } from '../../src/members/approve-member.js';

/**
 * A member the board entered gets an account: the sekretaris sends the invitation from the
 * member's page, the member opens the mailed link on a phone without JavaScript, creates an
 * account there and lands on her own member page.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: SeededCoop;
let memberId: string;

beforeAll(async () => {
  t = await createTestDb();
  coop = await seedCoop(t.db);
  const m = await addMember(coop.ctx('ketua'), { fullName: 'Dewi Lestari', gender: 'F', email: 'dewi@contoh.id' });
  await approveMember(coop.ctx('ketua'), m.id);
  memberId = m.id;
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

describe('linking a board-entered member to an account in the browser', () => {
  it('sends the invitation from the member page and links a new account through the mailed link, without JavaScript', async () => {
    const board = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(board, server.url, coop.accounts.sekretaris);
    await board.goto(`${server.url}/k/${coop.slug}/anggota/${memberId}`);
    await expect(board.locator('#invite-email').inputValue()).resolves.toBe('dewi@contoh.id');
    await press(board, 'Kirim undangan');
    expect(await text(board, '[role=status]')).toContain('Undangan dikirim ke dewi@contoh.id');

    const mail = await t.db.selectFrom('mail_outbox').select('text_body').where('coop_id', '=', coop.id).where('kind', '=', 'member_invitation').executeTakeFirstOrThrow();
    const path = /\/koperasi\/[a-z0-9-]+\/undangan\/li_[A-Za-z0-9_-]+/.exec(mail.text_body)![0];

    const phone = await phonePage(browser, { javaScriptEnabled: false });
    await phone.goto(`${server.url}${path}`);
    expect(await text(phone, 'h1')).toContain(`Undangan dari Koperasi ${coop.slug}`);
    await expect(phone.locator('#email').inputValue()).resolves.toBe('dewi@contoh.id');
    await phone.locator('#password').fill('pendek');
    await press(phone, 'Buat akun dan hubungkan');
    expect(await text(phone, 'p.error')).toContain('10');
    await phone.locator('#password').fill('batik-tulis-2026');
    await press(phone, 'Buat akun dan hubungkan');
    expect(await text(phone, '#invitation-done')).toContain(`Koperasi ${coop.slug}`);
    await phone.getByRole('link', { name: 'Buka halaman koperasi' }).click();
    await phone.waitForURL(`**/k/${coop.slug}/saya`);
    expect(await text(phone, 'main')).toContain('Dewi Lestari');

    // The used link now says so; the member page shows the link.
    await phone.goto(`${server.url}${path}`);
    expect(await text(phone, '#invitation-problem')).toContain('sudah dipakai');
    await board.goto(`${server.url}/k/${coop.slug}/anggota/${memberId}`);
    expect(await board.locator('#member-linked').count()).toBe(1);
    await board.context().close();
    await phone.context().close();
  });

  it('lets anyone create an account from the sign-in page: the mailed link creates it and leads back to the application form', async () => {
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/koperasi/${coop.slug}/daftar`);
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'Belum punya akun? Buat akun' }).click()]);
    await page.locator('#name').fill('Rahmat Penulis');
    await page.locator('#email').fill('rahmat@contoh.id');
    await page.locator('#password').fill('aksara-rakyat-2026');
    await press(page, 'Buat akun');
    // The same answer whether or not the address has an account (decision 0102); nothing is created yet.
    expect(await text(page, '#check-email')).toContain('rahmat@contoh.id');
    expect(await t.db.selectFrom('accounts').select('id').where('email', '=', 'rahmat@contoh.id').executeTakeFirst()).toBeUndefined();

    const mail = await t.db.selectFrom('platform_mail_outbox').select('text_body').where('kind', '=', 'sign_up_link').where('to_address', '=', 'rahmat@contoh.id').executeTakeFirstOrThrow();
    const path = /\/daftar-akun\/selesai\/su_[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
    await page.goto(`${server.url}${path}`);
    expect(await text(page, 'main')).toContain('Rahmat Penulis');
    await press(page, 'Buat akun saya');
    expect(new URL(page.url()).pathname).toBe(`/koperasi/${coop.slug}/daftar`);
    const row = await t.db.selectFrom('accounts').select('password_hash').where('email', '=', 'rahmat@contoh.id').executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    // The link is used up.
    await page.goto(`${server.url}${path}`);
    expect(await text(page, '#sign-up-problem')).toContain('sudah selesai');
    await page.context().close();
  });
});
