import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { PASSWORD } from '../support/fixtures.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import { launchBrowser, phonePage, signInThroughForm, startWebServer } from '../support/web.js';
import { setMailer } from '../../src/governance/mailer.js';
import { castBallot } from '../../src/governance/cast-ballot.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { openVote } from '../../src/governance/open-vote.js';
import { isoToLocalInput } from '../../src/web/lib/governance/time.js';
import { zoneOfProvince } from '../../src/governance/model.js';

/**
 * The governance journey in Debian's Chromium at phone width: the ketua calls a RAT,
 * opens it and checks members in until the quorum is reached, puts an agenda item to a
 * vote; a member votes on the ballot page WITHOUT JavaScript, by keyboard only; the ketua
 * closes the vote (result), closes the meeting and approves the minutes. And a vote link
 * from an email opens a confirmation page that does not vote by itself.
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: GovCoop;

beforeAll(async () => {
  t = await createTestDb();
  setMailer(null);
  coop = await seedGovernanceCoop(t.db, { members: 5, accounts: 5 });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

const member = (i: number) => ({ email: coop.voters[i]!.email!, password: PASSWORD });

describe('a RAT in the browser', () => {
  it('reaches quorum, votes (no JavaScript, keyboard only), shows the result and approves the minutes', async () => {
    const ketua = await phonePage(browser);
    await signInThroughForm(ketua, server.url, coop.accounts.ketua);
    await ketua.goto(`${server.url}/k/${coop.slug}/rapat`);
    await ketua.getByLabel('Jenis rapat').selectOption('rat');
    await ketua.getByLabel('Judul').fill('RAT Tahun Buku 2025');
    const start = isoToLocalInput(new Date(Date.now() + 20 * 86_400_000), zoneOfProvince(null));
    await ketua.getByLabel('Mulai (WIB)').fill(start);
    await ketua.getByLabel('Acara rapat').fill('Laporan pertanggungjawaban pengurus\nRencana kerja 2026');
    await Promise.all([ketua.waitForURL(/\/rapat\/[0-9a-f-]{36}/), ketua.getByRole('button', { name: 'Jadwalkan rapat' }).click()]);
    await expect(ketua.getByRole('status').first().textContent()).resolves.toContain('Rapat dijadwalkan');
    const meetingUrl = ketua.url().replace(/\?.*$/, '');

    await ketua.getByRole('button', { name: 'Buka rapat' }).click();
    await ketua.waitForSelector('#quorum[data-quorum="not-met"]');
    await expect(ketua.locator('#done').textContent()).resolves.toContain('Rapat dibuka');
    // With JavaScript each tick on the attendance list saves at once and the counts follow.
    for (const i of [0, 1, 2]) {
      await ketua.getByRole('checkbox', { name: `${i + 1} ${coop.voters[i]!.name}` }).check();
      await ketua.waitForSelector(`#present-count:text("${i + 1}")`);
    }
    // 3 of 5 present: more than half.
    await ketua.waitForSelector('#quorum[data-quorum="met"]');

    await ketua.getByLabel('Judul usulan').fill('Mengesahkan rencana kerja 2026');
    await ketua.getByLabel('Acara rapat').selectOption({ label: '2. Rencana kerja 2026' });
    await ketua.getByLabel('Buka pemungutan suara').check();
    await ketua.getByLabel('Ditutup pada (WIB)').fill(isoToLocalInput(new Date(Date.now() + 2 * 3600_000), zoneOfProvince(null)));
    await ketua.getByRole('button', { name: 'Ajukan usulan' }).click();
    await ketua.getByRole('link', { name: /Mengesahkan rencana kerja 2026/ }).click();
    await ketua.waitForSelector('#decision-status[data-status="voting"]');
    const decisionUrl = ketua.url();
    const decisionId = decisionUrl.split('/').pop()!;

    // A member votes with JavaScript switched off, using only the keyboard.
    const voter = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(voter, server.url, member(0));
    await voter.goto(`${decisionUrl}/pilih`);
    const yes = voter.getByRole('radio', { name: 'Setuju', exact: true });
    await yes.focus();
    await voter.keyboard.press('Space');
    expect(await yes.isChecked()).toBe(true);
    await voter.keyboard.press('Enter');
    await voter.waitForSelector('#ballot-done');
    await expect(voter.locator('#ballot-done').textContent()).resolves.toMatch(/Kode tanda terima: [A-Z0-9]{5}-[A-Z0-9]{5}/);
    // Another present member votes too (through the same use case as the API).
    await castBallot(coop.memberCtx(coop.voters[1]!), decisionId, { choice: 'yes' });

    await ketua.goto(decisionUrl);
    await expect(ketua.locator('#turnout').textContent()).resolves.toContain('2 dari 3');
    await ketua.getByRole('button', { name: 'Tutup pemungutan suara' }).click();
    await ketua.getByRole('button', { name: 'Ya, tutup dan hitung' }).click();
    await ketua.waitForSelector('#outcome[data-outcome="passed"]');
    await expect(ketua.locator('#tally').textContent()).resolves.toContain('Setuju 2, tidak setuju 0');

    // The voter sees the result and that their ballot was counted.
    await voter.goto(decisionUrl);
    await expect(voter.locator('#counted').textContent()).resolves.toContain('2 suara');

    await ketua.goto(meetingUrl);
    await ketua.getByRole('button', { name: 'Tutup rapat' }).click();
    await ketua.waitForSelector('#meeting-status:text("Selesai")');
    await expect(ketua.locator('#done').textContent()).resolves.toContain('Rapat ditutup');
    await ketua.getByRole('link', { name: 'Notulen' }).click();
    await ketua.getByLabel('Ringkasan').fill('RAT dihadiri 3 dari 5 anggota; rencana kerja 2026 disahkan.');
    await ketua.getByRole('button', { name: 'Simpan notulen' }).click();
    await ketua.waitForSelector('text=Notulen disimpan.');
    // No later meeting yet: the chair and the secretary approve together (issue 14); the chair alone only signs.
    await ketua.getByRole('button', { name: 'Tandatangani sebagai Ketua' }).click();
    await expect(ketua.locator('#done').textContent()).resolves.toContain('Tanda tangan tercatat');
    await ketua.waitForSelector('#minutes-status[data-status="draft"]');
    const sekretaris = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(sekretaris, server.url, coop.accounts.sekretaris);
    await sekretaris.goto(ketua.url());
    await sekretaris.getByRole('button', { name: 'Tandatangani sebagai Sekretaris' }).click();
    await sekretaris.waitForSelector('#minutes-status[data-status="approved"]');
    await ketua.goto(ketua.url());
    await ketua.waitForSelector('#minutes-status[data-status="approved"]');
    await expect(ketua.locator('#summary').textContent()).resolves.toContain('rencana kerja 2026 disahkan');
    // Read-only now: no editable summary is offered.
    expect(await ketua.locator('textarea#summary').count()).toBe(0);
    await expect(ketua.getByRole('link', { name: /Mengesahkan rencana kerja 2026/ }).count()).resolves.toBe(1);
  });
});

describe('a vote link from a message', () => {
  it('opens a confirmation page that does not vote; only pressing the button does', async () => {
    const d = await proposeDecision(coop.ctx('ketua'), { title: 'Warna seragam pentas', secret: true });
    await openVote(coop.ctx('ketua'), d.id, { closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    const mail = await t.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', coop.voters[3]!.email!).where('kind', '=', 'voting_opened').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+?(\/k\/\S+\/pilih\?token=[A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
    const page = await phonePage(browser, { javaScriptEnabled: false });
    await signInThroughForm(page, server.url, member(3));
    // A link scanner (or the member) opening the link, twice.
    await page.goto(`${server.url}${link}`);
    await page.goto(`${server.url}${link}`);
    await expect(page.getByRole('note').textContent()).resolves.toContain('Membuka tautan tidak memberikan suara');
    const count = async () => (await t.db.selectFrom('participations').select('member_id').where('decision_id', '=', d.id).execute()).length;
    expect(await count()).toBe(0);
    await page.getByRole('radio', { name: 'Tidak setuju' }).check();
    await page.getByRole('button', { name: 'Kirim suara' }).click();
    await page.waitForSelector('#ballot-done');
    expect(await count()).toBe(1);
    const used = await t.db.selectFrom('vote_tokens').select('used_at').where('decision_id', '=', d.id).where('member_id', '=', coop.voters[3]!.memberId).executeTakeFirstOrThrow();
    expect(used.used_at).not.toBeNull();
  });
});
