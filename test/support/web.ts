import { chromium, type Browser, type Page } from 'playwright-core';
import type { Database } from '../../src/db/connection.js';
import { buildApp } from '../../src/server/app.js';
import { setRuntime } from '../../src/server/runtime.js';
import { loadWebHandler } from '../../src/server/start.js';
import { systemClock } from '../../src/kernel/clock.js';
import { silentLog } from './fixtures.js';

/** The whole server (API + built SvelteKit pages) on a free port, over the given database. */
export async function startWebServer(db: Database): Promise<{ url: string; close: () => Promise<void> }> {
  setRuntime({ db, clock: systemClock, log: silentLog });
  const app = await buildApp({ db, log: silentLog, web: await loadWebHandler(), rateLimitMax: 100_000 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, close: () => app.close() };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, driven by playwright-core (no browser download). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync']
  });
}

/** A phone-sized page (390×844) with JavaScript on or off. */
export async function phonePage(browser: Browser, opts: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: opts.javaScriptEnabled ?? true, locale: opts.locale ?? 'id-ID' });
  return context.newPage();
}

export async function signInThroughForm(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/masuk`);
  await page.getByLabel('Email atau nomor HP').fill(account.email);
  await page.getByLabel('Kata sandi').fill(account.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk')), page.getByRole('button', { name: 'Masuk' }).click()]);
}

/** On a page that loads JavaScript, wait until its scripts have taken over the page. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached' });
}
