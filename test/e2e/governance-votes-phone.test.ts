import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDb, type TestDb } from '../support/db.js';
import { seedGovernanceCoop, type GovCoop } from '../support/governance.js';
import { PASSWORD } from '../support/fixtures.js';
import { launchBrowser, signInThroughForm, startWebServer } from '../support/web.js';
import { setMailer } from '../../src/governance/mailer.js';
import { castBallot } from '../../src/governance/cast-ballot.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { openVote } from '../../src/governance/open-vote.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { recordAttendance } from '../../src/governance/record-attendance.js';
import { closeMeeting } from '../../src/governance/close-meeting.js';

/**
 * Issue 14, item 1, on a 360-px phone: the reported vote (2 yes while 14 of 23 are present)
 * is rejected and the page explains it with the numbers; closing asks first and shows the
 * turnout; the paper-ballot list leaves out those who voted; opening without a closing time
 * names the field. Needs a build (npm run build).
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let coop: GovCoop;
const SHOTS = process.env.LUMBUNG_SHOTS;

beforeAll(async () => {
  t = await createTestDb();
  setMailer(null);
  coop = await seedGovernanceCoop(t.db, { members: 23, accounts: 14 });
  server = await startWebServer(t.db);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.drop();
});

async function phone(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, javaScriptEnabled, locale: 'id-ID' });
  return context.newPage();
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('a vote at a members’ meeting, on a phone', () => {
  it('asks before closing, offers paper ballots only to those who have not voted, and explains a rejection with the numbers', async () => {
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat anggota bulanan', startsAt: new Date(Date.now() + 3600_000).toISOString() });
    await openMeeting(ketua, m.id);
    for (const v of coop.voters.slice(0, 14)) await recordAttendance(ketua, m.id, { memberId: v.memberId });
    const d = await proposeDecision(ketua, { title: 'Membeli mesin jahit bersama', meetingId: m.id });
    await openVote(ketua, d.id, { closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'yes' });
    await castBallot(coop.memberCtx(coop.voters[1]!), d.id, { choice: 'yes' });

    const page = await phone(false);
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    const url = `${server.url}/k/${coop.slug}/keputusan/${d.id}`;
    await page.goto(url);
    const offered = await page.locator('#paper-member option').allTextContents();
    expect(offered).toHaveLength(12);
    expect(offered).not.toContain(coop.voters[0]!.name);
    expect(offered).not.toContain(coop.voters[1]!.name);
    await expect(page.locator('#rule-open').textContent()).resolves.toContain('lebih dari 50 % anggota yang hadir');

    await page.getByRole('button', { name: 'Tutup pemungutan suara' }).click();
    await page.waitForSelector('#confirm-close');
    await expect(page.locator('#confirm-close').textContent()).resolves.toContain('Sudah 2 dari 14 pemilih memberikan suara (14,3 %)');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/keputusan-tutup-konfirmasi.png`, fullPage: true });
    // Asking closed nothing.
    expect((await t.db.selectFrom('decisions').select('status').where('id', '=', d.id).executeTakeFirstOrThrow()).status).toBe('voting');

    await page.getByRole('button', { name: 'Ya, tutup dan hitung' }).click();
    await page.waitForSelector('#outcome[data-outcome="rejected"]');
    const explain = await page.locator('#explain').textContent();
    expect(explain).toContain('Kuorum: 14 anggota hadir dari 23, perlu paling sedikit 12 — terpenuhi');
    expect(explain).toContain('Suara terbanyak dihitung dari anggota yang hadir: 14');
    expect(explain).toContain('paling sedikit 8 suara setuju; setuju 2 — tidak terpenuhi');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/keputusan-hasil.png`, fullPage: true });
  });

  it('names the missing closing time when a vote is opened without one', async () => {
    const d = await proposeDecision(coop.ctx('ketua'), { title: 'Warna seragam pentas' });
    const page = await phone(true);
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    await page.goto(`${server.url}/k/${coop.slug}/keputusan/${d.id}`);
    await expect(page.locator('label[for="closesAt"]').textContent()).resolves.toContain('(wajib)');
    await expect(page.locator('#closesAt-hint').textContent()).resolves.toContain('tanggal dan jam');
    // Skip the browser's own check to reach the server, as a browser without it would.
    await page.locator('#closesAt').evaluate((el) => el.removeAttribute('required'));
    await page.getByRole('button', { name: 'Buka pemungutan suara' }).click();
    await page.waitForSelector('#closesAt-error');
    await expect(page.locator('#closesAt-error').textContent()).resolves.toBe('Isi tanggal dan jam pemungutan suara ditutup.');
    expect(await page.locator('body').textContent()).not.toContain('Format tidak valid');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/keputusan-buka-tanpa-waktu.png`, fullPage: true });
  });
});

describe('meeting check-in on a phone without JavaScript', () => {
  it('shows the whole list with a toggle per member, searches by name or number, saves as one form and says what each button did', async () => {
    const m = await scheduleMeeting(coop.ctx('ketua'), { kind: 'regular', title: 'Rapat kerja pameran', startsAt: new Date(Date.now() + 3600_000).toISOString() });
    const page = await phone(false);
    await signInThroughForm(page, server.url, coop.accounts.ketua);
    await page.goto(`${server.url}/k/${coop.slug}/rapat/${m.id}`);
    await page.getByRole('button', { name: 'Buka rapat' }).click();
    await expect(page.locator('#done').textContent()).resolves.toBe('Rapat dibuka. Catat kehadiran di bawah.');
    expect(await page.locator('#attendance-form input[type="checkbox"]').count()).toBe(23);
    for (const i of [0, 1, 2]) await page.getByRole('checkbox', { name: `${i + 1} ${coop.voters[i]!.name}` }).check();
    await page.getByRole('button', { name: 'Simpan daftar hadir' }).click();
    await expect(page.locator('#done').textContent()).resolves.toBe('Daftar hadir disimpan.');
    await expect(page.locator('#present-count').textContent()).resolves.toBe('3');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/rapat-daftar-hadir.png`, fullPage: false });

    // Search by member number: one row; saving it unticked changes only that member.
    await page.getByLabel('Cari nama atau nomor anggota').fill('2');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    expect(await page.locator('#attendance-form input[type="checkbox"]').count()).toBe(1);
    await page.getByRole('checkbox', { name: `2 ${coop.voters[1]!.name}` }).uncheck();
    await page.getByRole('button', { name: 'Simpan daftar hadir' }).click();
    await expect(page.locator('#present-count').textContent()).resolves.toBe('2');
    const present = await t.db.selectFrom('meeting_attendance').select('member_id').where('meeting_id', '=', m.id).where('left_at', 'is', null).execute();
    expect(present.map((p) => p.member_id).sort()).toEqual([coop.voters[0]!.memberId, coop.voters[2]!.memberId].sort());

    await page.getByRole('button', { name: 'Tutup rapat' }).click();
    await expect(page.locator('#done').textContent()).resolves.toBe('Rapat ditutup.');
  });
});

describe('minutes on a phone', () => {
  it('lists who attended and who did not, links the PDF, and offers the next meeting first for approval', async () => {
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat evaluasi pameran', startsAt: new Date(Date.now() + 2 * 3600_000).toISOString() });
    await openMeeting(ketua, m.id);
    for (const v of coop.voters.slice(0, 2)) await recordAttendance(ketua, m.id, { memberId: v.memberId });
    await closeMeeting(ketua, m.id);
    const later = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat bulan depan', startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString() });
    await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat dua bulan lagi', startsAt: new Date(Date.now() + 70 * 86_400_000).toISOString() });

    const page = await phone(false);
    await signInThroughForm(page, server.url, coop.accounts.sekretaris);
    await page.goto(`${server.url}/k/${coop.slug}/rapat/${m.id}/notulen`);
    await expect(page.locator('#attendees').textContent()).resolves.toContain(coop.voters[1]!.name);
    await expect(page.locator('#absentees').textContent()).resolves.toContain(coop.voters[2]!.name);
    expect(await page.locator('#approvedAtMeetingId').inputValue()).toBe(later.id);
    const options = await page.locator('#approvedAtMeetingId option').allTextContents();
    expect(options.some((o) => o.includes('Rapat evaluasi pameran'))).toBe(false);
    const pdf = await page.request.get(`${server.url}/k/${coop.slug}/rapat/${m.id}/notulen/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/notulen.png`, fullPage: true });
    await page.getByRole('button', { name: 'Sahkan notulen' }).click();
    await page.waitForSelector('#minutes-status[data-status="approved"]');
  });
});

describe('small but visible (issue 14 item 7), at 360 px', () => {
  it('the reconciliation page fits the phone, shows the configured public URL and translated words', async () => {
    const before = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = 'https://koperasi.contoh.id';
    try {
      const page = await phone(false);
      await signInThroughForm(page, server.url, coop.accounts.ketua);
      await page.goto(`${server.url}/k/${coop.slug}/rekonsiliasi`);
      await expect(page.locator('#notification-url').textContent()).resolves.toBe(`https://koperasi.contoh.id/api/v1/public/payments/midtrans/${coop.slug}`);
      await expect(page.locator('#show-toggle').textContent()).resolves.toBe('Tampilkan semua');
      expect(await page.locator('main').textContent()).not.toContain('localhost');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/rekonsiliasi.png`, fullPage: true });
    } finally {
      if (before === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = before;
    }
  });

  it('says "suara Anda tercatat" once after voting, and asks for agenda items by their name', async () => {
    const d = await proposeDecision(coop.ctx('ketua'), { title: 'Tema pameran akhir tahun' });
    await openVote(coop.ctx('ketua'), d.id, { closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    const page = await phone(false);
    await signInThroughForm(page, server.url, { email: coop.voters[5]!.email!, password: PASSWORD });
    await page.goto(`${server.url}/k/${coop.slug}/keputusan/${d.id}/pilih`);
    await page.getByRole('radio', { name: 'Setuju', exact: true }).check();
    await page.getByRole('button', { name: 'Kirim suara' }).click();
    const done = (await page.locator('#ballot-done').textContent())!;
    expect(done.match(/tercatat/gi)).toHaveLength(1);
    const ketua = await phone(false);
    await signInThroughForm(ketua, server.url, coop.accounts.ketua);
    await ketua.goto(`${server.url}/k/${coop.slug}/rapat`);
    expect(await ketua.locator('main').textContent()).toContain('Satu mata acara per baris.');
  });
});

describe('a member edits their own contact details (issue 14 item 4), at 360 px without JavaScript', () => {
  it('saves phone, e-mail, street and RT/RW from "Saya"', async () => {
    const page = await phone(false);
    await signInThroughForm(page, server.url, { email: coop.voters[6]!.email!, password: PASSWORD });
    await page.goto(`${server.url}/k/${coop.slug}/saya`);
    await page.getByLabel('Nomor HP').fill('0812 3456 7890');
    await page.getByLabel('Alamat (jalan, dusun)').fill('Jl. Kemasan 12, Kotagede');
    await page.getByLabel('RT', { exact: true }).fill('4');
    await page.getByLabel('RW', { exact: true }).fill('7');
    await page.getByRole('button', { name: 'Simpan kontak' }).click();
    await expect(page.locator('#contact-saved').textContent()).resolves.toContain('disimpan');
    expect(await page.getByLabel('Nomor HP').inputValue()).toBe('6281234567890');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.locator('#my-contact').screenshot({ path: `${SHOTS}/saya-kontak.png` });
    const row = await t.db.selectFrom('members').select(['phone', 'street', 'rt', 'rw']).where('id', '=', coop.voters[6]!.memberId).executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: '6281234567890', street: 'Jl. Kemasan 12, Kotagede', rt: 4, rw: 7 });
  });
});
