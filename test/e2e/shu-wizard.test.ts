import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { openRat, ratAgrees, shuYearOfBusiness, type ShuCoop } from '../integration/shu-fixture.js';

let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: ShuCoop;

async function submit(page: Page, button: ReturnType<Page['locator']>): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), button.click()]);
}
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  t = await createTestDb();
  coop = await shuYearOfBusiness(t.db);
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('the year-end SHU in the browser, without JavaScript, on a phone', () => {
  it('takes the bendahara from closing the year to paid shares, and shows a member their share with the formula', async () => {
    const meetingId = await openRat(coop);
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, coop.accounts.bendahara);
    await page.goto(`${server.url}/k/${coop.slug}/shu?tahun=2025`);

    // 1. Close the year.
    await submit(page, page.getByRole('button', { name: /Tutup buku/ }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('Buku ditutup');
    expect(await text(page, '#step-close')).toContain('Buku sudah ditutup sampai');

    // 2. Compute; 3. review: the members' shares add up to the pools.
    await submit(page, page.getByRole('button', { name: 'Hitung SHU' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('SHU dihitung');
    expect(await text(page, '#pool')).toBe('Rp10.000.001');
    expect(await text(page, '#sum-jm')).toBe('Rp1.500.000');
    expect(await text(page, '#sum-ju')).toBe('Rp3.500.001');
    expect(await text(page, '#sum-total')).toBe('Rp5.000.001');
    expect(await text(page, '#sum-check')).toContain('cocok');
    expect(await page.locator('table.shu-members tbody tr').count()).toBe(4);
    await page.screenshot({ path: '/tmp/shu-wizard.png', fullPage: true });
    // The page fits a phone: nothing wider than the screen but the scrollable table.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);

    // 4. Propose to the RAT: it goes on the meeting's agenda.
    await page.locator('#meetingId').selectOption(meetingId);
    await Promise.all([page.waitForURL(/\/shu\/[0-9a-f-]{36}/), page.getByRole('button', { name: 'Ajukan ke RAT' }).click()]);
    expect(await text(page, '#run-status')).toBe('Diajukan ke RAT');
    const runId = /\/shu\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const run = await t.db.selectFrom('shu_runs').select(['decision_id']).where('id', '=', runId).executeTakeFirstOrThrow();
    const item = await t.db.selectFrom('agenda_items').select('title').where('meeting_id', '=', meetingId).execute();
    expect(item.map((i) => i.title)).toContain('Pengesahan pembagian SHU tahun buku 2025 (perhitungan No. 1)');

    // Not before the RAT has decided.
    await submit(page, page.getByRole('button', { name: 'Sahkan dengan keputusan RAT' }));
    await expect(page.getByRole('alert').textContent()).resolves.toContain('keputusan Rapat Anggota Tahunan');
    await ratAgrees(coop, run.decision_id!);
    await submit(page, page.getByRole('button', { name: 'Sahkan dengan keputusan RAT' }));
    expect(await text(page, '#run-status')).toBe('Disahkan RAT');
    expect(await text(page, '#decision-ref')).toContain('Keputusan No.');

    await submit(page, page.getByRole('button', { name: 'Bukukan (satu jurnal)' }));
    expect(await text(page, '#run-status')).toBe('Dibukukan');

    // Pay m3 in cash and m2 into simpanan sukarela, row by row.
    const row = (memberId: string) => page.locator(`tr[data-member="${memberId}"]`);
    await submit(page, row(coop.m[2]!).getByRole('button', { name: 'Bayar' }));
    await row(coop.m[1]!).getByLabel('Cara').selectOption('sukarela');
    await submit(page, row(coop.m[1]!).getByRole('button', { name: 'Bayar' }));
    expect(await text(page, `tr[data-member="${coop.m[1]}"]`)).toContain('ke simpanan sukarela');
    const capital = await t.db.selectFrom('capital_accounts').select('sukarela').where('member_id', '=', coop.m[1]!).executeTakeFirstOrThrow();
    expect(Number(capital.sukarela)).toBe(1_399_460);
    await page.context().close();

    // The member (m3, joined 1 July) sees their own share and the formula on their numbers.
    const member = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(member, server.url, { email: coop.voters[2]!.email!, password: PASSWORD });
    await member.goto(`${server.url}/k/${coop.slug}/saya/shu`);
    expect(await text(member, '#my-jm')).toBe('Rp201.372');
    expect(await text(member, '#my-ju')).toBe('Rp400.000');
    expect(await text(member, '#my-total')).toBe('Rp601.372');
    expect(await text(member, '#formula-jm')).toBe('Jasa modal = Rp1.500.000 × 18.400.000 rupiah-hari / 137.060.000 rupiah-hari = Rp201.372');
    expect(await text(member, '#formula-ju')).toBe('Jasa usaha = Rp3.500.001 × Rp200.000 / Rp1.750.000 (nilai transaksi berbobot) = Rp400.000');
    expect(await text(member, '#my-payment')).toContain('tunai');
    await member.screenshot({ path: '/tmp/shu-member.png', fullPage: true });
    // Only their own: no other member's name on the page; the board's pages are closed to them.
    expect(await member.content()).not.toContain('Anggota 1 ');
    const resp = await member.goto(`${server.url}/k/${coop.slug}/shu/${runId}`);
    expect(resp?.status()).toBe(403);
    await member.context().close();
  });
});
