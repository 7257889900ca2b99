import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedPlatformAdmin, silentLog } from '../support/fixtures.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { createAccount } from '../../src/accounts/create-account.js';
import { createCoop } from '../../src/coops/create-coop.js';
import { setMemberRoles } from '../../src/coops/set-member-roles.js';
import { applyForMembership } from '../../src/members/apply-for-membership.js';
import { approveMember } from '../../src/members/approve-member.js';
import { systemClock } from '../../src/kernel/clock.js';
import type { TenantCtx } from '../../src/kernel/context.js';

/**
 * The capital journey at phone width: the bendahara records a sukarela deposit through the
 * form (a second submission of the same form records nothing more), and the member sees it on
 * their own page, with its receipt; the balance sheet shows it too.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let slug: string;
const PASSWORD = 'rahasia-koperasi-1';
const ketua = { email: 'ketua@kop-simpan.test', password: PASSWORD };
const bendahara = { email: 'bendahara@kop-simpan.test', password: PASSWORD };
const member = { email: 'sari@kop-simpan.test', password: PASSWORD };

beforeAll(async () => {
  t = await createTestDb();
  const admin = await seedPlatformAdmin(t.db);
  const base = { db: t.db, clock: systemClock, log: silentLog, locale: 'id' as const };
  const { coop, ketua: k } = await createCoop(
    { ...base, actor: { accountId: admin.id, name: admin.name, isPlatformAdmin: true, via: 'session' } },
    { name: 'Koperasi Simpan Karya', slug: 'kop-simpan', coopType: 'produksi', charterTemplate: 'tujuh_prinsip', ketua: { email: ketua.email, name: 'Sumarni', password: PASSWORD } }
  );
  slug = coop.slug;
  const asKetua: TenantCtx = { ...base, actor: { accountId: k.accountId, name: 'Sumarni', isPlatformAdmin: false, via: 'session' }, coopId: coop.id, roles: ['ketua'] };
  await createAccount(t.db, { name: 'Ratna Bendahara', email: bendahara.email, password: PASSWORD });
  await setMemberRoles(asKetua, { identifier: bendahara.email, roles: ['bendahara'] });
  const sari = await createAccount(t.db, { name: 'Sari Penenun', email: member.email, password: PASSWORD });
  const applicant = await applyForMembership({ ...base, actor: { accountId: sari.id, name: 'Sari Penenun', isPlatformAdmin: false, via: 'session' }, coopId: coop.id }, { fullName: 'Sari Penenun', gender: 'F' });
  await approveMember(asKetua, applicant.id);
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('member capital in the browser', () => {
  it('shows a deposit recorded by the bendahara on the member’s own page and in the balance sheet, once however often the form is sent', async () => {
    const board = await phonePage(browser);
    await signInThroughForm(board, server.url, bendahara);
    await board.goto(`${server.url}/k/${slug}`);
    // The home puts the bendahara's work first and folds the full menu below it.
    await board.locator('#full-menu summary').click();
    await board.locator('#full-menu').getByRole('link', { name: 'Simpanan' }).click();
    await board.waitForURL(`**/k/${slug}/simpanan`);

    const key = await board.locator('form[action="?/record"] input[name="idempotencyKey"]').inputValue();
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const fill = async () => {
      await board.getByLabel('Setor sukarela').check();
      await board.getByLabel('Anggota', { exact: true }).selectOption({ label: '0001 · Sari Penenun' });
      await board.getByLabel('Jumlah (Rp)').fill('250.000');
    };
    await fill();
    await Promise.all([board.waitForLoadState('load'), board.getByRole('button', { name: 'Catat transaksi' }).click()]);
    const notice = board.locator('[data-recorded]');
    await expect(notice.textContent()).resolves.toContain('Rp250.000 untuk Sari Penenun, kuitansi KW/');
    const receiptNo = await notice.getAttribute('data-recorded');

    // The same form sent again (a double tap, a resent page): the same key records nothing new.
    await board.goto(`${server.url}/k/${slug}/simpanan`);
    await fill();
    await board.locator('form[action="?/record"] input[name="idempotencyKey"]').evaluate((el, k) => ((el as HTMLInputElement).value = k), key);
    await Promise.all([board.waitForLoadState('load'), board.getByRole('button', { name: 'Catat transaksi' }).click()]);
    await expect(board.locator('[data-recorded]').textContent()).resolves.toContain(`sudah tercatat sebelumnya (kuitansi ${receiptNo})`);
    const row = board.locator('table[data-register] tbody tr', { hasText: 'Sari Penenun' });
    await expect(row.locator('[data-sukarela]').textContent()).resolves.toBe('250.000');
    await Promise.all([board.waitForURL(/\/simpanan\/[0-9a-f-]{36}$/), row.getByRole('link', { name: 'Sari Penenun' }).click()]);
    await expect(board.locator('[data-balance="sukarela"]').textContent()).resolves.toBe('Rp250.000');
    await board.goto(`${server.url}/k/${slug}/simpanan`);

    // A withdrawal beyond the balance is refused with the reason, and nothing changes.
    await board.getByLabel('Tarik sukarela').check();
    await board.getByLabel('atau nomor anggota').fill('1');
    await board.getByLabel('Jumlah (Rp)').fill('300.000');
    await Promise.all([board.waitForLoadState('load'), board.getByRole('button', { name: 'Catat transaksi' }).click()]);
    await expect(board.getByRole('alert').textContent()).resolves.toContain('Saldo simpanan sukarela tidak cukup (saldo Rp250.000)');
    const moves = await t.db.selectFrom('capital_movements').select(['kind', 'amount']).execute();
    expect(moves).toEqual([{ kind: 'deposit', amount: 250_000 }]);

    const me = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(me, server.url, member);
    await me.goto(`${server.url}/k/${slug}/saya`);
    await expect(me.locator('[data-balance="sukarela"]').textContent()).resolves.toBe('Rp250.000');
    const statement = me.locator('table[data-statement] tbody tr');
    await expect(statement.count()).resolves.toBe(1);
    await expect(statement.first().textContent()).resolves.toContain('Setor sukarela');
    const href = await statement.first().locator('a').getAttribute('href');
    const pdf = await me.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The member has no access to the board's register.
    expect((await me.goto(`${server.url}/k/${slug}/simpanan`))?.status()).toBe(403);

    // The balance sheet (the ledger's page) carries the deposit under simpanan sukarela.
    const sheet = await board.goto(`${server.url}/k/${slug}/buku/laporan/posisi-keuangan`);
    expect(sheet?.status()).toBe(200);
    const line = board.locator('tr', { hasText: /Simpanan sukarela/i }).first();
    await expect(line.textContent()).resolves.toContain('250.000');
  });
});
