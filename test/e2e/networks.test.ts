import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { seedCoop, type SeededCoop } from '../support/fixtures.js';
import { DEMO_PASSWORD } from '../../src/cli/demo.js';
import { DEMO_NETWORK_SLUG } from '../../src/cli/demo-networks.js';

/**
 * The journey of issue 19, on a phone without JavaScript: a new coop's ketua applies to the demo
 * network; Lumbung Sari's ketua (its delegate) agrees and declares consensus, so the coop is
 * admitted; the new coop orders a batik scarf from the batik coop and records the payment; both
 * coops' books balance, the two sides agree, and the reconciliation says so.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let perak: SeededCoop;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  perak = await seedCoop(t.db, { slug: 'perak-kotagede', name: 'Koperasi Perajin Perak Kotagede' });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

describe('a coop joins the city network, buys from a member and both books agree', () => {
  it('applies, is admitted by musyawarah, orders, pays and reconciles', async () => {
    const ketua = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(ketua, server.url, perak.accounts.ketua);
    await ketua.goto(`${server.url}/k/${perak.slug}/jaringan`);
    await Promise.all([ketua.waitForURL(/selesai=1/), ketua.locator(`#apply-${DEMO_NETWORK_SLUG}`).click()]);
    await expect(ketua.locator('main').textContent()).resolves.toContain('menunggu keputusan jaringan');

    const ls = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(ls, server.url, { email: 'ketua@lumbung.test', password: DEMO_PASSWORD });
    await ls.goto(`${server.url}/k/lumbung-sari/jaringan`);
    await expect(ls.locator('main').textContent()).resolves.toContain('Penerimaan Koperasi Perajin Perak Kotagede');
    const agree = ls.locator('form[action="?/position"] button', { hasText: 'Setuju' }).first();
    await Promise.all([ls.waitForURL(/selesai=1/), agree.click()]);
    // One position is not yet a quorum of three coops: the consensus is refused, in Indonesian.
    await ls.locator('form[action="?/consensus"] button').first().click();
    await expect(ls.locator('.alert').textContent()).resolves.toContain('Belum ada mufakat');
    // The batik coop's delegate agrees too; now mufakat.
    const bt = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(bt, server.url, { email: 'ketua.batik@lumbung.test', password: DEMO_PASSWORD });
    await bt.goto(`${server.url}/k/batik-purbayan/jaringan`);
    await Promise.all([bt.waitForURL(/selesai=1/), bt.locator('form[action="?/position"] button', { hasText: 'Setuju' }).first().click()]);
    await ls.goto(`${server.url}/k/lumbung-sari/jaringan`);
    await Promise.all([ls.waitForURL(/selesai=1/), ls.locator('form[action="?/consensus"] button').first().click()]);

    await ketua.goto(`${server.url}/k/${perak.slug}/jaringan`);
    await expect(ketua.locator('main').textContent()).resolves.toContain('Kota Koperasi Kotagede — anggota');
    const option = await ketua.locator('#work option', { hasText: 'Selendang Batik Kawung' }).getAttribute('value');
    await ketua.locator('#work').selectOption(option!);
    await ketua.locator('#quantity').fill('1');
    await Promise.all([ketua.waitForURL(/selesai=1/), ketua.locator('#place-order').click()]);
    await expect(ketua.locator('.trade-row').first().textContent()).resolves.toContain('dipesan');
    await Promise.all([ketua.waitForURL(/selesai=1/), ketua.locator('.trade-row button', { hasText: 'Catat pembayaran' }).click()]);
    await expect(ketua.locator('.trade-row').first().textContent()).resolves.toContain('lunas');
    await expect(ketua.locator('.reconcile-row').first().textContent()).resolves.toContain('Kedua buku sama');

    const batik = await t.db.selectFrom('coops').select('id').where('slug', '=', 'batik-purbayan').executeTakeFirstOrThrow();
    const sides = await t.db.selectFrom('network_trade_sides').select(['coop_id', 'status', 'total']).where('coop_id', 'in', [perak.id, batik.id]).where('counterparty_coop_id', 'in', [perak.id, batik.id]).execute();
    expect(sides.map((s) => [s.status, Number(s.total)])).toEqual([['paid', 175_000], ['paid', 175_000]]);
    for (const id of [perak.id, batik.id]) {
      const { rows } = await sql<{ d: number; c: number }>`SELECT sum(debit)::bigint AS d, sum(credit)::bigint AS c FROM journal_lines WHERE coop_id = ${id}`.execute(t.db);
      expect(Number(rows[0]!.d)).toBe(Number(rows[0]!.c));
    }

    // The city page now lists the new member, light and without scripts.
    const visitor = await phonePage(browser, { javaScriptEnabled: false });
    const res = await visitor.goto(`${server.url}/jaringan/${DEMO_NETWORK_SLUG}`);
    expect(res!.status()).toBe(200);
    await expect(visitor.locator('main').textContent()).resolves.toContain('Koperasi Perajin Perak Kotagede');
    expect(await visitor.locator('script[src]').count()).toBe(0);
    const html = await res!.text();
    expect(html.length).toBeLessThan(40_000);
  }, 180_000);
});
