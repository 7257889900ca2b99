import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db.js';
import { headerOf, mimePart, seedGovernanceCoop, startSmtpSink, type ReceivedMail } from '../support/governance.js';
import { isAppError } from '../../src/kernel/errors.js';
import type { Clock } from '../../src/kernel/clock.js';
import { drainOutbox, setMailer, type Mailer } from '../../src/governance/mailer.js';
import { scheduleMeeting } from '../../src/governance/schedule-meeting.js';
import { proposeDecision } from '../../src/governance/propose-decision.js';
import { openVote } from '../../src/governance/open-vote.js';
import { castBallot } from '../../src/governance/cast-ballot.js';
import { closeDecision } from '../../src/governance/close-decision.js';
import { sendVotingReminders } from '../../src/governance/send-voting-reminders.js';
import { getCompliance } from '../../src/charters/get-compliance.js';
import { openMeeting } from '../../src/governance/open-meeting.js';
import { recordAttendance } from '../../src/governance/record-attendance.js';
import { closeMeeting } from '../../src/governance/close-meeting.js';
import { runGovernanceTick } from '../../src/governance/timers.js';
import { silentLog } from '../support/fixtures.js';

let t: TestDb;
let sink: { mailer: Mailer; messages: ReceivedMail[]; close: () => Promise<void> };

beforeAll(async () => {
  t = await createTestDb();
  sink = await startSmtpSink();
  // Mail goes out only when a test drains the outbox, so each test sees exactly its own messages.
  setMailer(null);
});
afterAll(async () => {
  await sink.close();
  await t.drop();
});

const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;
const clockAt = (iso: string): Clock => ({ now: () => new Date(iso) });
const to = (address: string) => sink.messages.filter((m) => m.to.includes(address));
const header = headerOf;

describe('meeting notices', () => {
  it('emails every member a notice with an iCalendar invitation in UTC naming Asia/Jakarta, after commit through SMTP', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    await t.db.updateTable('coops').set({ province_code: '34' }).where('id', '=', coop.id).execute();
    const now = '2026-02-01T03:00:00.000Z';
    const m = await scheduleMeeting(coop.ctx('ketua', clockAt(now)), {
      kind: 'rat',
      title: 'RAT Tahun Buku 2025',
      startsAt: '2026-03-14T02:00:00.000Z',
      location: 'Pendapa Kotagede',
      agenda: ['Laporan pengurus', 'Pembagian SHU']
    });
    expect(sink.messages).toHaveLength(0);
    const sent = await drainOutbox(t.db, sink.mailer);
    expect(sent).toEqual({ sent: 3, failed: 0 });
    for (const v of coop.voters) {
      const [mail] = to(v.email!);
      expect(mail).toBeDefined();
      expect(header(mail!.raw, 'Subject')).toContain('RAT Tahun Buku 2025');
      const ics = mimePart(mail!.raw, 'text/calendar');
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain('BEGIN:VEVENT');
      expect(ics).toContain(`UID:${m.id}@lumbung`);
      expect(ics).toContain('DTSTART:20260314T020000Z');
      expect(ics).toContain('X-WR-TIMEZONE:Asia/Jakarta');
      const text = mimePart(mail!.raw, 'text/plain')!;
      expect(text).toContain('14 Mar 2026, 09.00 WIB');
      expect(text).toContain('Pembagian SHU');
    }
    // Draining again sends nothing twice.
    expect(await drainOutbox(t.db, sink.mailer)).toEqual({ sent: 0, failed: 0 });
  });

  it('refuses a RAT announced with less than the charter’s notice period, and sends nothing', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 2, accounts: 2 });
    const before = sink.messages.length;
    await expect(
      scheduleMeeting(coop.ctx('ketua', clockAt('2026-03-01T03:00:00.000Z')), { kind: 'rat', title: 'RAT mendadak', startsAt: '2026-03-10T02:00:00.000Z' })
    ).rejects.toSatisfy(code('MEETING_NOTICE_TOO_SHORT'));
    await drainOutbox(t.db, sink.mailer);
    expect(sink.messages.length).toBe(before);
  });
});

describe('18. reminders never leak choices', () => {
  it('reminds only members who have not voted, once, 24 hours before close, and no message says how anyone voted', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 4 });
    const opened = '2026-04-01T01:00:00.000Z';
    const d = await proposeDecision(coop.ctx('ketua', clockAt(opened)), { title: 'Harga tiket pentas', secret: true });
    await openVote(coop.ctx('ketua', clockAt(opened)), d.id, { closesAt: '2026-04-05T01:00:00.000Z' });
    await drainOutbox(t.db, sink.mailer);
    for (const v of coop.voters) expect(to(v.email!).map((m) => header(m.raw, 'Subject'))).toEqual([expect.stringContaining('Pemungutan suara dibuka')]);
    await castBallot(coop.memberCtx(coop.voters[0]!, clockAt('2026-04-02T01:00:00.000Z')), d.id, { choice: 'yes' });
    await castBallot(coop.memberCtx(coop.voters[1]!, clockAt('2026-04-02T02:00:00.000Z')), d.id, { choice: 'no' });

    // Two days before the close: too early for the 24-hour reminder.
    expect(await sendVotingReminders(coop.ctx('ketua', clockAt('2026-04-03T00:00:00.000Z')))).toEqual({ queued: 0 });
    const within = clockAt('2026-04-04T02:00:00.000Z');
    expect(await sendVotingReminders(coop.ctx('ketua', within))).toEqual({ queued: 2 });
    expect(await sendVotingReminders(coop.ctx('ketua', within))).toEqual({ queued: 0 });
    await drainOutbox(t.db, sink.mailer);
    const reminded = (v: number) => to(coop.voters[v]!.email!).filter((m) => header(m.raw, 'Subject').includes('Pengingat'));
    expect(reminded(0)).toHaveLength(0);
    expect(reminded(1)).toHaveLength(0);
    expect(reminded(2)).toHaveLength(1);
    expect(reminded(3)).toHaveLength(1);

    await closeDecision(coop.ctx('ketua', clockAt('2026-04-05T01:00:00.000Z')), d.id);
    await drainOutbox(t.db, sink.mailer);
    const all = coop.voters.flatMap((v) => to(v.email!));
    for (const mail of all) {
      const text = mimePart(mail.raw, 'text/plain') ?? '';
      expect(text).not.toMatch(/Setuju|Tidak setuju|memilih (ya|tidak)/);
    }
    const results = coop.voters.map((v) => to(v.email!).filter((m) => header(m.raw, 'Subject').includes('Hasil keputusan')));
    // Every voter gets the same aggregate message: the outcome, never anyone's choice.
    expect(results.every((r) => r.length === 1)).toBe(true);
    expect(new Set(results.map((r) => mimePart(r[0]!.raw, 'text/plain')!.replace(/Yth\.[^\n]*\n/, ''))).size).toBe(1);
  });
});

describe('19. links in messages never vote on GET', () => {
  it('votes only with a POST of the one-time token from the message, once', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const d = await proposeDecision(coop.ctx('ketua'), { title: 'Warna kaos koperasi' });
    await openVote(coop.ctx('ketua'), d.id, { closesAt: new Date(Date.now() + 86_400_000 * 3).toISOString() });
    await drainOutbox(t.db, sink.mailer);
    const [mail] = to(coop.voters[0]!.email!).filter((m) => header(m.raw, 'Subject').includes('Warna kaos'));
    const link = /(https?:\/\/\S+\/keputusan\/\S+\/pilih\?token=([A-Za-z0-9_-]+))/.exec(mimePart(mail!.raw, 'text/plain')!)!;
    const token = link[2]!;
    // Someone else's token is refused, and leaves the vote unused.
    await expect(castBallot(coop.memberCtx(coop.voters[1]!), d.id, { choice: 'yes', voteToken: token })).rejects.toSatisfy(code('DECISION_TOKEN_INVALID'));
    const receipt = await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'yes', voteToken: token });
    expect(receipt.created).toBe(true);
    const used = await t.db.selectFrom('vote_tokens').select('used_at').where('member_id', '=', coop.voters[0]!.memberId).execute();
    expect(used.filter((u) => u.used_at)).toHaveLength(1);
    await expect(castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'no', voteToken: token })).rejects.toSatisfy(code('DECISION_ALREADY_VOTED'));
  });
});

describe('compliance of the charter’s meeting rules', () => {
  it('measures cadence and attendance of all members, and that no ballot was cast by a representative', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 4, accounts: 4, template: 'jamaah_produksi' });
    const before = await getCompliance(coop.ctx('ketua'));
    expect(before.items.find((i) => i.ruleKey === 'meetings')!.status).toBe('pending');
    const ketua = coop.ctx('ketua');
    const m = await scheduleMeeting(ketua, { kind: 'regular', title: 'Rapat mingguan', startsAt: new Date(Date.now() + 3600_000).toISOString() });
    await openMeeting(ketua, m.id);
    for (const v of coop.voters.slice(0, 3)) await recordAttendance(ketua, m.id, { memberId: v.memberId });
    const d = await proposeDecision(ketua, { title: 'Jadwal ronda', meetingId: m.id });
    await openVote(ketua, d.id, { closesAt: new Date(Date.now() + 3600_000).toISOString() });
    await castBallot(coop.memberCtx(coop.voters[0]!), d.id, { choice: 'yes' });
    await closeDecision(ketua, d.id);
    await closeMeeting(ketua, m.id);
    const after = await getCompliance(ketua);
    const meetings = after.items.find((i) => i.ruleKey === 'meetings')!;
    // Jamaah Produksi: every member must attend; 3 of 4 came.
    expect(meetings.status).toBe('fail');
    expect(meetings.evidence.params).toMatchObject({ meetings: 1, full: 0, minShareBp: 7500 });
    const rep = after.items.find((i) => i.ruleKey === 'representationAllowed')!;
    expect(rep.status).toBe('pass');
    expect(rep.evidence.params).toMatchObject({ decisions: 1, ballots: 1, represented: 0 });
  });
});

describe('the governance clock', () => {
  it('closes votes whose time is up, reminds non-voters of votes closing within a day, and sends the outbox', async () => {
    const coop = await seedGovernanceCoop(t.db, { members: 3, accounts: 3 });
    const opened = '2026-06-01T01:00:00.000Z';
    const due = await proposeDecision(coop.ctx('ketua', clockAt(opened)), { title: 'Tanggal pentas akhir tahun' });
    await openVote(coop.ctx('ketua', clockAt(opened)), due.id, { closesAt: '2026-06-02T01:00:00.000Z' });
    await castBallot(coop.memberCtx(coop.voters[0]!, clockAt('2026-06-01T02:00:00.000Z')), due.id, { choice: 'yes' });
    await castBallot(coop.memberCtx(coop.voters[1]!, clockAt('2026-06-01T02:00:00.000Z')), due.id, { choice: 'yes' });
    const soon = await proposeDecision(coop.ctx('ketua', clockAt(opened)), { title: 'Tema lokakarya', secret: true });
    await openVote(coop.ctx('ketua', clockAt(opened)), soon.id, { closesAt: '2026-06-03T00:00:00.000Z' });
    const pending = () => t.db.selectFrom('mail_outbox').select('id').where('coop_id', '=', coop.id).where('sent_at', 'is', null).execute();
    setMailer(sink.mailer);
    try {
      await runGovernanceTick(t.db, clockAt('2026-06-02T01:00:00.000Z'), silentLog);
      // Closing also kicks the sender in the background after its commit; wait for it to finish.
      for (let i = 0; i < 50 && (await pending()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      setMailer(null);
    }
    const closed = await t.db.selectFrom('decisions').select(['status', 'outcome']).where('id', '=', due.id).executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'closed', outcome: 'passed' });
    expect(to(coop.voters[0]!.email!).filter((m) => header(m.raw, 'Subject').includes('Hasil keputusan No. ' + due.number))).toHaveLength(1);
    expect(to(coop.voters[2]!.email!).filter((m) => header(m.raw, 'Subject').includes('Pengingat'))).toHaveLength(1);
    expect(await pending()).toEqual([]);
  });
});
